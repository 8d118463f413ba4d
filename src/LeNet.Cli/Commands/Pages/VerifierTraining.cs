using LeNet.Cli.Pages;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Cli.Commands;

/// <summary>
/// What <c>lenet train --model lenet5-verifier</c> trains the page reader's verifier on: windows of the candidate
/// lines the pretrained page reader (without a verifier) reads on envelopes and cheques composed on the spot by the
/// page synthesizer of <c>lenet envelopes</c> and <c>lenet cheques</c> (<see cref="VerifierWindows"/>), half of each,
/// a quarter of them photographed, the handwriting written with the training digits (the test windows with the test
/// digits, another seed).
/// </summary>
internal static class VerifierTraining
{
    /// <summary>Windows per pass, and windows the passes are tested on.</summary>
    public const int TrainingWindows = 200_000, TestWindows = 10_000;

    /// <summary>The seeds of the training and the test pages: apart from the detector's, the readers' and every page set's.</summary>
    public const int TrainingSeed = 4, TestSeed = 5;

    /// <summary>The catalog with <c>lenet5-verifier</c> given its windows.</summary>
    public static IReadOnlyList<ModelEntry> Attach(IReadOnlyList<ModelEntry> models) =>
        [.. models.Select(m => m.Name == LeNet5Verifier.NetworkName ? m with { TrainingData = Material } : m)];

    private static TrainingMaterial Material { get; } = new("candidate line windows", TrainingWindows + TestWindows, Make);

    private static MnistSplit Make(MnistSplit digits, IProgress<long>? progress) => new(
        VerifierWindows.Cut(Composer(digits.Train, TrainingSeed), () => PageReaders.PretrainedWithoutVerifier(), TrainingWindows, TrainingSeed,
            $"{digits.Train.Name} candidate line windows", progress),
        VerifierWindows.Cut(Composer(digits.Test, TestSeed), () => PageReaders.PretrainedWithoutVerifier(), TestWindows, TestSeed,
            $"{digits.Test.Name} candidate line windows", progress is null ? null : new Progress<long>(done => progress.Report(TrainingWindows + done))));

    /// <summary>
    /// Page i of <paramref name="seed"/> written with <paramref name="digits"/>, its field's box and its kind: an envelope
    /// when i is even, a cheque when odd, photographed when i mod 4 is 2 or 3. What the detector and the verifier train on.
    /// </summary>
    public static Func<int, (GreyImage Page, PageBox Field, PageKind Kind)> Composer(LabelledImages digits, int seed)
    {
        var envelopes = new PageSynthesizer(PageKind.Envelope, digits);
        var cheques = new PageSynthesizer(PageKind.Cheque, digits);
        return index =>
        {
            PageKind kind = index % 2 == 0 ? PageKind.Envelope : PageKind.Cheque;
            SynthesizedPage page = (kind == PageKind.Envelope ? envelopes : cheques).Compose(seed, index, photo: index % 4 >= 2);
            GreyImage picture = ImageFile.Decode(page.Picture.Bytes, $"page {index}");
            PageLabel label = page.Label("");
            return (picture, new PageBox(label.X, label.Y, label.Width, label.Height), kind);
        };
    }
}
