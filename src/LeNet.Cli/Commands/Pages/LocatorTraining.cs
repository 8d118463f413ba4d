using LeNet.Data;
using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Cli.Commands;

/// <summary>
/// What <c>lenet train --model lenet5-locator</c> trains the page detector on: windows cut
/// (<see cref="PageWindows"/>) from envelopes and cheques composed on the spot by the page synthesizer of
/// <c>lenet envelopes</c> and <c>lenet cheques</c>, half of each, a quarter of them photographed, the
/// handwriting written with the training digits (the test windows with the test digits, another seed).
/// </summary>
internal static class LocatorTraining
{
    /// <summary>Windows per pass, and windows the passes are tested on.</summary>
    public const int TrainingWindows = 200_000, TestWindows = 10_000;

    /// <summary>The seeds of the training and the test pages.</summary>
    public const int TrainingSeed = 1, TestSeed = 2;

    /// <summary>The shipped catalog with <c>lenet5-locator</c> given its page windows.</summary>
    public static IReadOnlyList<ModelEntry> Attach(IReadOnlyList<ModelEntry> models) =>
        [.. models.Select(m => m.Name == LeNet5Locator.NetworkName ? m with { TrainingData = Material } : m)];

    private static TrainingMaterial Material { get; } = new("page windows", TrainingWindows + TestWindows, Make);

    private static MnistSplit Make(MnistSplit digits, IProgress<long>? progress) => new(
        PageWindows.Cut(Composer(digits.Train, TrainingSeed), TrainingWindows, TrainingSeed, $"{digits.Train.Name} page windows", progress),
        PageWindows.Cut(Composer(digits.Test, TestSeed), TestWindows, TestSeed, $"{digits.Test.Name} page windows",
            progress is null ? null : new Progress<long>(done => progress.Report(TrainingWindows + done))));

    /// <summary>The pages of <see cref="VerifierTraining.Composer"/>, without their kind.</summary>
    private static Func<int, (GreyImage Page, PageBox Field)> Composer(LabelledImages digits, int seed)
    {
        Func<int, (GreyImage Page, PageBox Field, PageKind Kind)> pages = VerifierTraining.Composer(digits, seed);
        return index =>
        {
            (GreyImage page, PageBox field, _) = pages(index);
            return (page, field);
        };
    }
}
