using System.CommandLine;
using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Models;
using LeNet.Pages;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet show CHECKPOINT (--index N | --image FILE)</c>: one picture of a digit going through the
/// network, every layer's maps and the answer (<see cref="ActivationSheet"/>); for a string reader's
/// checkpoint, a strip read along its positions (<see cref="StripSheet"/>, the paper's Figure 25, with the best
/// path through the graph and the posteriors of the answers); for a page detector's checkpoint, a whole page
/// searched for its handwritten field (<see cref="PageSheet"/>).
/// </summary>
internal static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = CheckpointArgument.Create();
        var index = new Option<int?>("--index", "-i") { Description = "Show MNIST test digit number N (0-based); for a string reader, test strip N as 'lenet strings' writes it with its defaults (for an amounts reader, as 'lenet strings --amounts' does)." };
        var image = new Option<string?>("--image") { Description = "Show the digit in an image file instead (preprocessed as 'lenet predict' does); for a string reader, a picture of a string (as 'lenet read' reads it)." };
        var output = new Option<string?>("--out", "-o") { Description = "The PNG to write (default: show-N.png or show-FILENAME.png beside the checkpoint)." };
        var kernels = new Option<bool>("--kernels") { Description = "Draw the first convolution's kernels too." };
        var data = CommonOptions.DataForCheckpoint();
        var kind = new Option<string>("--kind") { Description = "For a page detector (lenet5-locator) and a picture of a page: the field looked for, envelope (a zip code) or cheque (the courtesy amount).", DefaultValueFactory = _ => "envelope" }
            .OneOf("envelope", "cheque");
        var width = new Option<int?>("--width") { Description = "For a page detector: the picture's width in pixels, the page scaled to it (default: the page's own)." }.AtLeast(1);
        var command = new Command("show", "Draw a digit going through the network: every layer's maps, the answer and its probabilities; for a page detector, the page with its heat map, candidate lines and chosen field.")
        {
            checkpoint, index, image, output, kernels, data, kind, width,
        };
        command.Validators.Add(result =>
        {
            bool hasIndex = result.GetValue(index) is not null, hasImage = result.GetValue(image) is not null;
            if (hasIndex == hasImage)
                result.AddError("Give exactly one of --index N (an MNIST test digit) or --image FILE.");
        });
        command.SetAction(result =>
        {
            LoadedModel model = LoadedModel.From(result.GetValue(checkpoint)!);
            if (IsPageDetector(model))
                return ShowPage(model, result.GetValue(image), result.GetValue(output), result.GetValue(kind) == "cheque" ? PageKind.Cheque : PageKind.Envelope, result.GetValue(width));
            if (IsStringReader(model))
                return ShowStrip(model, result.GetValue(index), result.GetValue(image), result.GetValue(output), result.GetValue(data));
            DigitToShow digit = result.GetValue(image) is { } file
                ? FromFile(model, file)
                : FromTestSet(model, result.GetValue(index)!.Value, result.GetValue(data));
            string path = result.GetValue(output) ?? DefaultPath(model, digit.Name);

            ForwardTrace prediction = Evaluator.Trace(model.Network, model.Parameters, digit.Pixels, Mnist.Rows, Mnist.Columns);
            string title = $"{digit.Title} · predicted {model.ClassName(prediction.Label)} (p = {prediction.Probabilities[prediction.Label]:0.000})";
            ReadOnlySpan<float> parameters = result.GetValue(kernels) ? model.Parameters : default;
            ActivationSheet.Save(path, model.Entry.Description, prediction.Input, prediction.Activations, prediction.Probabilities,
                prediction.Label, title, parameters, model.ClassNames);
            Console.WriteLine(path);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>show-NAME.png beside the checkpoint.</summary>
    private static string DefaultPath(LoadedModel model, string name) =>
        Path.Combine(CheckpointArgument.FolderOf(model.Checkpoint.Path), $"show-{name}.png");

    private static bool IsStringReader(LoadedModel model)
    {
        try
        {
            WindowedScorer.CheckField(model.Entry.Description);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsPageDetector(LoadedModel model)
    {
        try
        {
            PlaneScorer.CheckField(model.Entry.Description);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// A page searched by the detector of <paramref name="model"/> and read by the pretrained string readers; when
    /// the page's folder holds a labels file listing it (<c>lenet envelopes</c>, <c>lenet cheques</c>), its field's
    /// true box is drawn too and the title says whether the field was found and read right.
    /// </summary>
    private static int ShowPage(LoadedModel model, string? file, string? output, PageKind kind, int? width)
    {
        if (file is null) throw new UserError($"{model.Checkpoint.Path} is a page detector: give a picture of a page with --image FILE.", ExitCodes.Usage);
        GreyImage page = ReadCommand.ReadImage(file);
        PageReader reader = FindCommand.Reader(model);
        PageReading reading = reader.Find(page, kind);
        string path = output ?? DefaultPath(model, Path.GetFileNameWithoutExtension(file));
        string found = FindCommand.Describe(reading);
        PageLabel? label = LabelOf(file);
        string verdict = label is null ? "" : $" · {Verdict(label, reading, page, reader.Options.Deskew)}";
        PageBox? truth = label is null ? null : new PageBox(label.X, label.Y, label.Width, label.Height);
        PageSheet.Save(path, page, reading, $"{Path.GetFileName(file)} · {PageLabels.Name(kind)} · {found}{verdict} · {reading.Candidates.Count} candidate{(reading.Candidates.Count == 1 ? "" : "s")} · {model.Entry.Name}", truth, width);
        Console.WriteLine($"{path}  ({found}{verdict})");
        return ExitCodes.Success;
    }

    /// <summary>The label of <paramref name="file"/> in the labels file beside it; null when there is none or it does not list the file.</summary>
    private static PageLabel? LabelOf(string file)
    {
        string labels = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, PageLabels.FileName);
        if (!File.Exists(labels)) return null;
        try
        {
            return PageLabels.Read(labels).FirstOrDefault(l => l.File == Path.GetFileName(file));
        }
        catch (Exception error) when (error is DataFormatException or IOException)
        {
            throw new UserError(error.Message);
        }
    }

    /// <summary>"label 75093: found, read right", "label 75093: found, read 75098", or "label 75093: missed, another candidate chosen" (<see cref="PageEvaluation.WhyMissed"/>).</summary>
    private static string Verdict(PageLabel label, PageReading reading, GreyImage page, bool deskew)
    {
        PageEvaluation.Outcome outcome = PageEvaluation.Score(label, reading);
        string what = outcome.Found
            ? outcome.Right ? "found, read right" : $"found, read {(reading.Text.Length == 0 ? "nothing" : reading.Text)}"
            : PageEvaluation.WhyMissed(label, reading, page, deskew) switch
            {
                PageEvaluation.Miss.NoCandidate => "missed, no candidate on the field",
                PageEvaluation.Miss.BoxOff => $"missed, no candidate's box on the field by IoU {PageEvaluation.FoundIoU.ToString(CultureInfo.InvariantCulture)}",
                _ => "missed, another candidate chosen",
            };
        return $"label {label.Text}: {what}";
    }

    /// <summary>
    /// The paper's Figure 25, the best path and the posteriors for a picture of a string, or for test strip
    /// <paramref name="index"/> of the default <c>lenet strings</c> set (of <c>lenet strings --amounts</c> for an
    /// amounts reader, read under the amount grammar as <c>lenet read</c> reads it).
    /// </summary>
    private static int ShowStrip(LoadedModel model, int? index, string? file, string? output, string? dataFolder)
    {
        StripReader reader = ReadCommand.Reader(model);
        DecoderOptions options = model.Checkpoint.CharacterModel;
        StringGrammar? grammar = ReadCommand.ReadsAmounts(model) ? StringGrammar.Amount : null;
        StripSheet.Reading reading;
        PositionScores posteriors;
        string name, title;
        string? truth = null;
        if (file is not null)
        {
            GreyImage picture = ReadCommand.ReadImage(file);
            try
            {
                (reading, posteriors) = grammar is null
                    ? Drawn(reader.ReadPicture(picture.Pixels, picture.Width, picture.Height, options), options)
                    : Drawn(reader.ReadPicture(picture.Pixels, picture.Width, picture.Height, grammar, options), grammar, options);
            }
            catch (ArgumentException error)
            {
                throw new UserError($"'{file}': {error.Message}");
            }
            name = Path.GetFileNameWithoutExtension(file);
            title = Path.GetFileName(file);
        }
        else
        {
            MnistSplit split = DataSource.Load(dataFolder);
            int n = index!.Value;
            if (n < 0) throw new UserError($"--index {n} is out of range: test strips are numbered from 0.");
            if (grammar is null)
            {
                DigitStrip strip = new StripSynthesizer(split.Test, reader.Width).Compose(StringsCommand.DefaultRecipe, StringsCommand.DefaultSeed, n);
                (reading, posteriors) = Drawn(reader.Read(strip.Pixels, options), options);
                truth = strip.Text;
                title = $"Test strip #{n} ({StringsCommand.DefaultRecipe}, seed {StringsCommand.DefaultSeed}) · label {strip.Text}";
            }
            else
            {
                HandwrittenText text = AmountStrips.Compose(new HandwritingComposer(split.Test), StringsCommand.DefaultSeed, n);
                (reading, posteriors) = Drawn(reader.Read(text.Pixels, grammar, options), grammar, options);
                truth = AmountStrips.Label(text);
                title = $"Test amount #{n} (seed {StringsCommand.DefaultSeed}) · label {truth}";
            }
            name = $"strip-{n}";
        }
        string path = output ?? DefaultPath(model, name);
        string read = reading.Text.Length == 0 ? "no digits" : reading.Text;
        StripSheet.Save(path, reading, posteriors, $"{title} · read {read} · {model.Entry.Name}", truth);
        Console.WriteLine(truth is null ? $"{path}  (read {read})" : $"{path}  (read {read}: {(truth == reading.Text ? "right" : $"wrong, the strip says {truth}")})");
        return ExitCodes.Success;
    }

    /// <summary>A reading of digits under the character model, and its answers' posteriors.</summary>
    private static (StripSheet.Reading, PositionScores) Drawn(StringReading reading, DecoderOptions options) =>
        (StripSheet.Reading.Of(reading), StringDecoder.Posteriors(reading.Scores, options));

    /// <summary>A reading under a grammar, and its answers' posteriors under the same grammar.</summary>
    private static (StripSheet.Reading, PositionScores) Drawn(GrammarReading reading, StringGrammar grammar, DecoderOptions options) =>
        (StripSheet.Reading.Of(reading), GrammarDecoder.Posteriors(reading.Scores, grammar, options));

    /// <summary>A 28x28 digit with a name for the default file name and a title for the picture.</summary>
    private sealed record DigitToShow(byte[] Pixels, string Name, string Title);

    private static DigitToShow FromFile(LoadedModel model, string file) =>
        new(model.PictureFromFile(file), Path.GetFileNameWithoutExtension(file), Path.GetFileName(file));

    private static DigitToShow FromTestSet(LoadedModel model, int index, string? dataFolder)
    {
        MnistSplit split = DataSource.For(model, dataFolder);
        LabelledImages test = split.Test;
        CheckIndex(index, test);
        string what = split.ClassNames is null ? "digit" : "image";
        return new DigitToShow(test.Image(index).ToArray(), index.ToString(), $"Test {what} #{index} · label {LeNet.Data.ClassNames.Of(split.ClassNames, test.Labels[index])}");
    }

    /// <summary>Fails with a message naming the valid range when <paramref name="index"/> is not an image of <paramref name="set"/>.</summary>
    public static void CheckIndex(int index, LabelledImages set)
    {
        if (index < 0 || index >= set.Count)
            throw new UserError($"--index {index} is out of range: {set.Name} has {set.Count:N0} images, numbered 0..{set.Count - 1}.");
    }
}
