using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LeNet.Cli.Benchmarking;
using LeNet.Cli.Terminal;
using LeNet.Models;
using LeNet.Data;
using LeNet.Pages;
using LeNet.Strings;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet find CHECKPOINT PAGE...</c>: finds the handwritten field on whole pages (the zip code on an
/// envelope, the courtesy amount on a cheque) with a detector checkpoint (<c>lenet5-locator</c>) and reads it
/// (<see cref="PageReader"/>); <c>--eval DIR</c> scores a folder written by <c>lenet envelopes</c> or <c>lenet cheques</c>.
/// </summary>
internal static class FindCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var pages = new Argument<string[]>("pages") { Description = "Pictures of whole pages (PNG, JPEG, BMP, GIF, WEBP, PGM), any size, dark ink on light paper or the reverse.", Arity = ArgumentArity.ZeroOrMore };
        var source = new ModelSource("A checkpoint of a page detector's field network (lenet5-locator) written by 'lenet train'", pages);
        var kind = new Option<string>("--kind") { Description = "The page's kind, which says the field and its grammar: envelope (a 5-digit zip code) or cheque (the courtesy amount). Default: envelope; with --eval, each page's own." };
        kind.AcceptOnlyFromAmong("envelope", "cheque");
        var reject = new Option<double>("--reject") { Description = "Report a reading whose confidence is below T as rejected (0-1; default 0, none)." };
        var reader = new Option<string?>("--reader") { Description = $"A checkpoint of a string reader's field network to read the field with: an amounts reader (13 answers) reads cheque amounts, any other zip codes (default: the pretrained {PageReaders.ZipReader} for zip codes, {PageReaders.AmountReader} for amounts)." };
        var verifier = new Option<string?>("--verifier") { Description = "A checkpoint of a verifier's field network (lenet5-verifier) to tell the handwritten field from print with (default: the pretrained lenet5-verifier)." };
        var eval = new Option<string?>("--eval") { Description = "Find and read the field on every page of a folder written by 'lenet envelopes' or 'lenet cheques' and compare with its labels.csv." };
        var limit = new Option<int?>("--limit") { Description = "With --eval, only the first N pages." }.AtLeast(1);
        var secondLook = CommonOptions.SecondLook();
        var fitConfidence = new Option<bool>("--fit-confidence")
        {
            Description = "With --eval, fit the confidence model (the probability that a reading is right, from the detection, the reading and the runner-up) of each kind of page to these pages and print it. Fit on pages of training digits (--split train), never on a test set.",
        };
        var profile = new Option<bool>("--profile") { Description = "With --eval, print the time each stage of the page pass takes.", Hidden = true };
        var command = new Command("find", "Find the handwritten field on whole pages and read it: the detector's field network replicated over an image pyramid of the page (the paper's space-displacement network in two dimensions), candidate lines grouped from its confident positions, each read under the field's grammar.")
            { source.Checkpoint, pages, source.Pretrained, kind, reject, reader, verifier, eval, limit, secondLook, fitConfidence, profile };
        command.Validators.Add(result =>
        {
            if (result.GetValue(reject) is var r && !(r >= 0 && r <= 1))
                result.AddError($"--reject must be between 0 and 1, not {r.ToString(CultureInfo.InvariantCulture)}.");
            bool hasPages = source.Rest(result).Length > 0;
            bool evaluates = result.GetResult(eval) is not null;
            if (hasPages == evaluates)
                result.AddError(evaluates ? "give pages or --eval DIR, not both." : "give one or more pages, or --eval DIR.");
            if (result.GetResult(limit) is not null && !evaluates)
                result.AddError("--limit goes with --eval.");
            if (result.GetValue(profile) && !evaluates)
                result.AddError("--profile goes with --eval.");
            if (result.GetValue(fitConfidence) && !evaluates)
                result.AddError("--fit-confidence goes with --eval.");
        });
        command.SetAction(result =>
        {
            LoadedModel detector = source.Load(result);
            var options = new PageReaderOptions { Reject = result.GetValue(reject) };
            PageReader pageReader = Reader(detector, result.GetValue(reader), options, result.GetValue(verifier));
            result.ApplySecondLook(secondLook, pageReader.Reader(PageKind.Envelope), pageReader.Reader(PageKind.Cheque));
            PageKind? chosen = result.GetValue(kind) is string name ? (name == "cheque" ? PageKind.Cheque : PageKind.Envelope) : null;
            return result.GetValue(eval) is string folder
                ? PageEvaluation.Run(pageReader, folder, chosen, result.GetValue(limit), result.GetValue(profile), result.GetValue(fitConfidence))
                : FindOnPages(pageReader, source.Rest(result), chosen ?? PageKind.Envelope);
        });
        return command;
    }

    /// <summary>
    /// The page reader for a detector checkpoint, reading zip codes with the pretrained <see cref="PageReaders.ZipReader"/> and amounts with the
    /// pretrained <see cref="PageReaders.AmountReader"/>, or with the string reader checkpoint <paramref name="readerPath"/> in place of the one
    /// whose answers it has; telling the field from print with the pretrained verifier, or with the verifier checkpoint
    /// <paramref name="verifierPath"/>; a checkpoint of the wrong kind is the user's error, naming it.
    /// </summary>
    internal static PageReader Reader(LoadedModel detector, string? readerPath = null, PageReaderOptions? options = null, string? verifierPath = null)
    {
        try
        {
            PlaneScorer.CheckField(detector.Network.Description);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{detector.Checkpoint.Path}: {error.Message}");
        }
        LoadedModel? given = readerPath is null ? null : LoadedModel.From(readerPath);
        bool givenReadsAmounts = given?.Network.Description.Output.Size == AmountStrips.Answers;
        LoadedModel zip = given is not null && !givenReadsAmounts ? given : LoadedModel.Pretrained(PageReaders.ZipReader);
        LoadedModel amounts = given is not null && givenReadsAmounts ? given : LoadedModel.Pretrained(PageReaders.AmountReader);
        try
        {
            return PageReaders.For(detector.Network, detector.Parameters, StringReader(zip), StringReader(amounts), options, Verifier(verifierPath));
        }
        catch (ArgumentException error)
        {
            string path = error.ParamName switch { "zipReader" => zip.Checkpoint.Path, "amountReader" => amounts.Checkpoint.Path, _ => detector.Checkpoint.Path };
            throw new UserError($"{path}: {error.Message}");
        }
    }

    /// <summary>The verifier of the checkpoint at <paramref name="path"/>, or the pretrained one when null.</summary>
    private static FieldVerifier Verifier(string? path)
    {
        LoadedModel model = path is null ? LoadedModel.Pretrained(LeNet5Verifier.NetworkName) : LoadedModel.From(path);
        try
        {
            return PageReaders.Verifier(model.Network, model.Parameters);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{model.Checkpoint.Path}: {error.Message}");
        }
    }

    private static StripReader StringReader(LoadedModel model)
    {
        try
        {
            StripReader reader = StripReaders.For(model.Network, model.Parameters);
            reader.Decoding = model.Checkpoint.CharacterModel;
            return reader;
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{model.Checkpoint.Path}: {error.Message}");
        }
    }

    private static int FindOnPages(PageReader reader, string[] paths, PageKind kind)
    {
        foreach (string path in paths)
        {
            GreyImage page = ReadCommand.ReadImage(path);
            var clock = Stopwatch.StartNew();
            PageReading reading = reader.Find(page, kind);
            double milliseconds = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{path}: {Describe(reading)}  ({milliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)");
        }
        return ExitCodes.Success;
    }

    /// <summary>"box 412,230 96x31, 75093, confidence 0.973" (or "rejected"), or "no field found".</summary>
    internal static string Describe(PageReading reading)
    {
        if (reading.Box is not PageBox box) return "no field found";
        string confidence = reading.Confidence.ToString("0.000", CultureInfo.InvariantCulture);
        return $"box {box}, {reading.Text}, confidence {confidence}{(reading.Rejected ? ", rejected" : "")}";
    }
}
