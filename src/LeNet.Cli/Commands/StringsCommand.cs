using System.CommandLine;
using System.Text.RegularExpressions;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Imaging;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet strings --out DIR</c>: a test set of synthetic strips of handwritten digits, composed only
/// from the test digits (<see cref="StripSynthesizer"/>), as PNG files with a labels file
/// (<see cref="StripSetFile"/>), for <c>lenet read --eval</c>.
/// </summary>
internal static class StringsCommand
{
    /// <summary>The strips written when no option says otherwise: 5-digit zip codes, gaps from overlapping to apart.</summary>
    public static StripRecipe DefaultRecipe { get; } = new(5, 5, StripSpacing.Mixed);

    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = $"The folder to write the strips and {StripSetFile.FileName} into (created if missing); strips of an earlier set there (strip-NNNNN.png) are replaced, other files left alone.", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Strips to write.", DefaultValueFactory = _ => 1000 }.Within(1, 1_000_000);
        var digits = new Option<string>("--digits") { Description = $"Digits per strip: N, or a range A-B within 1..{StripSynthesizer.MaxDigits}.", DefaultValueFactory = _ => DefaultRecipe.MinDigits.ToString() }
            .LengthRange(1, StripSynthesizer.MaxDigits);
        var spacing = new Option<string>("--spacing")
        {
            Description = $"Gaps between neighbours: apart ({Gaps(StripSynthesizer.ApartGaps)} px), touching ({Gaps(StripSynthesizer.TouchingGaps)} px, negative overlaps) or mixed (either).",
            DefaultValueFactory = _ => DefaultRecipe.Spacing.ToString().ToLowerInvariant(),
        }.OneOf([.. Enum.GetNames<StripSpacing>().Select(n => n.ToLowerInvariant())]);
        var seed = new Option<int>("--seed") { Description = "Seeds the strips: the same seed writes the same set.", DefaultValueFactory = _ => DefaultSeed };
        var amounts = new Option<bool>("--amounts") { Description = $"Write {AmountStrips.Width}x{StripGeometry.Height} strips of handwritten amounts (\"1,234.56\", up to {AmountStrips.WholeDigits} integer digits, one in ten after asterisks) instead of digit strings; --digits and --spacing do not apply." };
        var data = CommonOptions.Data();
        var command = new Command("strings", $"Write a test set of {StripGeometry.Width}x{StripGeometry.Height} strips of handwritten digits (or, with --amounts, of amounts), composed from the test digits only, as PNG files and {StripSetFile.FileName}.")
            { output, count, digits, spacing, seed, amounts, data };
        command.Validators.Add(result =>
        {
            if (result.GetValue(amounts) && (result.GetResult(digits) is { Implicit: false } || result.GetResult(spacing) is { Implicit: false }))
                result.AddError("--amounts writes amounts: --digits and --spacing do not apply.");
        });
        command.SetAction(result =>
        {
            if (result.GetValue(amounts)) return RunAmounts(result.GetValue(output)!, result.GetValue(count), result.GetValue(seed), result.GetValue(data));
            (int min, int max) = OptionRules.Length(result.GetValue(digits)!);
            var recipe = new StripRecipe(min, max, Enum.Parse<StripSpacing>(result.GetValue(spacing)!, ignoreCase: true));
            return Run(result.GetValue(output)!, result.GetValue(count), recipe, result.GetValue(seed), result.GetValue(data));
        });
        return command;
    }

    /// <summary>A strip file as this command names it: strip-NNNNN.png, five digits or more.</summary>
    private static readonly Regex StripFile = new(@"^strip-[0-9]{5,}\.png$", RegexOptions.CultureInvariant);

    private static string Gaps((int Min, int Max) gaps) => $"{gaps.Min} to {gaps.Max}";

    private static int Run(string folder, int count, StripRecipe recipe, int seed, string? dataFolder)
    {
        MnistSplit split = DataSource.Load(dataFolder);
        StripSynthesizer synthesizer;
        try
        {
            synthesizer = new StripSynthesizer(split.Test);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
        return Write(folder, count, $"{recipe}", seed, split.Test.Name, StripGeometry.Width, i =>
        {
            DigitStrip strip = synthesizer.Compose(recipe, seed, i);
            return (strip.Pixels, strip.Digits, strip.Centres);
        });
    }

    private static int RunAmounts(string folder, int count, int seed, string? dataFolder)
    {
        MnistSplit split = DataSource.Load(dataFolder);
        HandwritingComposer composer;
        try
        {
            composer = new HandwritingComposer(split.Test);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
        return Write(folder, count, "amounts", seed, split.Test.Name, AmountStrips.Width, i =>
        {
            HandwrittenText text = AmountStrips.Compose(composer, seed, i);
            // The asterisks before an amount are no character of it: the labels list the amount's.
            CharacterBox[] read = [.. text.Boxes.Where(b => AmountText.Character(b.Character) is not null)];
            return (text.Pixels, read.Select(b => (byte)AmountText.Character(b.Character)!.Value).ToArray(), read.Select(b => b.Centre).ToArray());
        });
    }

    /// <summary>Writes strips 0 to <paramref name="count"/> - 1 made by <paramref name="make"/> and their labels file.</summary>
    private static int Write(string folder, int count, string what, int seed, string source, int width, Func<int, (byte[] Pixels, byte[] Characters, float[] Centres)> make)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{folder}: cannot create the folder ({error.Message}).");
        }
        var entries = new List<StripEntry>(count);
        int digitsWide = (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        using (var bar = new ProgressBar($"strips ({what})", count, "strips"))
        {
            for (int i = 0; i < count; i++)
            {
                (byte[] pixels, byte[] characters, float[] centres) = make(i);
                string file = $"strip-{i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Math.Max(5, digitsWide), '0')}.png";
                try
                {
                    ImageFile.SaveDigitPng(Path.Combine(folder, file), pixels, width, StripGeometry.Height);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    throw new UserError($"{Path.Combine(folder, file)}: cannot write ({error.Message}).");
                }
                entries.Add(new StripEntry(file, characters, centres));
                if ((i + 1) % 100 == 0 || i + 1 == count) bar.Report(i + 1);
            }
        }
        StripSetFile.Write(folder, [$"lenet strings: {count} strips of {what}, seed {seed}, from the test digits of {source}", $"{width}x{StripGeometry.Height} PNG, white ink on black"], entries);
        int stale = SetFolder.RemoveStale(folder, StripFile, entries.Select(e => e.File).ToHashSet(StringComparer.Ordinal), "a strip");
        Console.WriteLine($"Wrote {count:N0} strips of {what} (seed {seed}) and {StripSetFile.FileName} to {folder}{(stale == 0 ? "" : $", and removed {stale:N0} strips of an earlier set")}.");
        return ExitCodes.Success;
    }
}
