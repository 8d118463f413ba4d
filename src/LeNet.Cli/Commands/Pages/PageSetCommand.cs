using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using LeNet.Cli.Pages;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Pages;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet envelopes --out DIR</c> and <c>lenet cheques --out DIR</c>: sets of synthetic pages, envelopes
/// with a handwritten zip code or cheques with a handwritten courtesy amount (<see cref="PageSynthesizer"/>),
/// written with the training or the test digits, as pictures with their labels file (<see cref="PageLabels"/>).
/// </summary>
internal static class PageSetCommand
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The digits pages are written with when no option says otherwise: the test digits.</summary>
    public const string DefaultSplit = "test";

    /// <summary>A page file as these commands name it: page-NNNNN.png (or .jpg for photos), five digits or more.</summary>
    private static readonly Regex PageFile = new(@"^page-[0-9]{5,}\.(png|jpg)$", RegexOptions.CultureInvariant);

    /// <summary>The <c>envelopes</c> command.</summary>
    public static Command Envelopes() => Create(PageKind.Envelope, "envelopes",
        "Write a set of synthetic envelopes, each with a handwritten 5-digit zip code in its printed address, as pictures and labels.csv (the zip code and its box).");

    /// <summary>The <c>cheques</c> command.</summary>
    public static Command Cheques() => Create(PageKind.Cheque, "cheques",
        "Write a set of synthetic cheques, each with a handwritten courtesy amount in its box, as pictures and labels.csv (the amount and its box).");

    private static Command Create(PageKind kind, string name, string description)
    {
        var output = new Option<string>("--out", "-o") { Description = $"The folder to write the pages and {PageLabels.FileName} into (created if missing); pages of an earlier set there (page-NNNNN.png or .jpg) are replaced, other files left alone.", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Pages to write.", DefaultValueFactory = _ => 100 }.Within(1, 1_000_000);
        var seed = new Option<int>("--seed") { Description = "Seeds the pages: the same seed writes the same set.", DefaultValueFactory = _ => DefaultSeed };
        var split = new Option<string>("--split") { Description = "Whose digits the handwriting is composed of: the training digits (to train on) or the test digits (to test on); never both.", DefaultValueFactory = _ => DefaultSplit }
            .OneOf("train", "test");
        var photo = new Option<bool>("--photo") { Description = "Photograph the pages as a phone would (perspective, shadow, colour cast, noise; colour JPEG) instead of scanning them (grey PNG)." };
        var data = CommonOptions.Data();
        var command = new Command(name, description) { output, count, seed, split, photo, data };
        command.SetAction(result => Run(kind, name, result.GetValue(output)!, result.GetValue(count), result.GetValue(seed),
            result.GetValue(split) == "train", result.GetValue(photo), result.GetValue(data)));
        return command;
    }

    private static int Run(PageKind kind, string name, string folder, int count, int seed, bool train, bool photo, string? dataFolder)
    {
        MnistSplit split = DataSource.Load(dataFolder);
        LabelledImages digits = train ? split.Train : split.Test;
        PageSynthesizer synthesizer;
        try
        {
            synthesizer = new PageSynthesizer(kind, digits);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{folder}: cannot create the folder ({error.Message}).");
        }
        var labels = new List<PageLabel>(count);
        int digitsWide = Math.Max(5, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        using (var bar = new ProgressBar(name, count, "pages"))
        {
            for (int i = 0; i < count; i++)
            {
                SynthesizedPage page = synthesizer.Compose(seed, i, photo);
                string file = $"page-{i.ToString(CultureInfo.InvariantCulture).PadLeft(digitsWide, '0')}{page.Picture.Extension}";
                string path = Path.Combine(folder, file);
                try
                {
                    Files.AtomicFile.WriteAllBytes(path, page.Picture.Bytes);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    throw new UserError($"{path}: cannot write ({error.Message}).");
                }
                labels.Add(page.Label(file));
                if ((i + 1) % 10 == 0 || i + 1 == count) bar.Report(i + 1);
            }
        }
        string labelsPath = Path.Combine(folder, PageLabels.FileName);
        string what = $"{count} {name}{(photo ? " photographed" : " scanned")}, seed {seed}, handwriting from the {(train ? "training" : "test")} digits of {digits.Name}";
        try
        {
            PageLabels.Write(labelsPath, labels, [$"lenet {name}: {what}", "box: the handwritten field's ink in picture pixels, x y from the top-left corner"]);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{labelsPath}: cannot write ({error.Message}).");
        }
        int stale = SetFolder.RemoveStale(folder, PageFile, labels.Select(l => l.File).ToHashSet(StringComparer.Ordinal), "a page");
        Console.WriteLine($"Wrote {what}, and {PageLabels.FileName}, to {folder}{(stale == 0 ? "" : $"; removed {stale:N0} pages of an earlier set")}.");
        return ExitCodes.Success;
    }
}
