using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LeNet.Cli.Benchmarking;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Strings;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet read CHECKPOINT IMAGE...</c>: the string of handwritten digits in each picture, read by the
/// space-displacement network (<see cref="StripReader"/>); <c>--eval DIR</c> reads a folder written by
/// <c>lenet strings</c> and reports how many strings it read right.
/// </summary>
internal static class ReadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Pictures of a string of digits (PNG, JPEG, BMP, GIF, WEBP, PGM), any size, dark or light background.", Arity = ArgumentArity.ZeroOrMore };
        var source = new ModelSource("A checkpoint of a string reader's field network (lenet5-strings) written by 'lenet train'", images);
        var digits = new Option<int?>("--digits") { Description = "The string has exactly N digits (a zip code: 5)." }.Within(0, StripGeometry.Positions(StripGeometry.Width));
        var length = new Option<string>("--length") { Description = "The string has A to B digits (A-B)." }.LengthRange(0, StripGeometry.Positions(StripGeometry.Width));
        var eval = new Option<string?>("--eval") { Description = $"Read every strip of a folder written by 'lenet strings' and compare with its {StripSetFile.FileName}; under a grammar, also how many are read right at the confidence threshold that leaves at most {Percent.Of(MaxAcceptedError)} errors, and how many that rejects." };
        var grammar = new Option<string>("--grammar")
        {
            Description = "Read under a grammar, the character model composed with it, the confidence the posterior of the string read: digits (1-8 digits), zip (exactly 5 digits) or amount (\"1,234.56\", an amounts reader's network: lenet5-amounts, which reads amounts when no grammar is given).",
        }.OneOf(Grammars.Keys.ToArray());
        var secondLook = CommonOptions.SecondLook();
        var command = new Command("read", $"Read strings of handwritten digits, touching ones included: the field network replicated every {StripGeometry.Step} columns along a {StripGeometry.Width}x{StripGeometry.Height} strip, then the best string under a character model.")
            { source.Checkpoint, images, source.Pretrained, digits, length, eval, grammar, secondLook };
        command.Validators.Add(result =>
        {
            if (result.GetResult(digits) is not null && result.GetResult(length) is not null)
                result.AddError("--digits and --length cannot both be given.");
            if (result.GetResult(grammar) is not null && (result.GetResult(digits) is not null || result.GetResult(length) is not null))
                result.AddError("--grammar says what the string may be: --digits and --length cannot be given with it.");
            bool hasImages = source.Rest(result).Length > 0;
            bool evaluates = result.GetResult(eval) is not null;
            if (hasImages == evaluates)
                result.AddError(evaluates ? "give images or --eval DIR, not both." : "give one or more images, or --eval DIR.");
        });
        command.SetAction(result =>
        {
            LoadedModel model = source.Load(result);
            DecoderOptions options = model.Checkpoint.CharacterModel;
            if (result.GetValue(digits) is int n) options = options with { MinDigits = n, MaxDigits = n };
            else if (result.GetValue(length) is string range) options = options with { MinDigits = OptionRules.Length(range).Min, MaxDigits = OptionRules.Length(range).Max };
            StripReader reader = Reader(model);
            result.ApplySecondLook(secondLook, reader);
            string? grammarName = result.GetResult(grammar) is not null ? result.GetValue(grammar) : (ReadsAmounts(model) ? "amount" : null);
            if (grammarName is not null)
            {
                StringGrammar chosen = Grammars[grammarName];
                if (model.Network.Description.Output.Size - 1 < chosen.Characters)
                    throw new UserError($"{model.Checkpoint.Path}: '{model.Network.Description.Name}' reads digits only; the {grammarName} grammar needs an amounts reader (lenet5-amounts).");
                return result.GetValue(eval) is string under
                    ? EvaluateUnder(reader, under, chosen, options)
                    : ReadPicturesUnder(reader, source.Rest(result), chosen, options);
            }
            return result.GetValue(eval) is string folder
                ? Evaluate(reader, folder, options)
                : ReadPictures(reader, source.Rest(result), options);
        });
        return command;
    }

    /// <summary>Whether <paramref name="model"/> is an amounts reader (lenet5-amounts): it reads under the amount grammar when no other is asked for.</summary>
    public static bool ReadsAmounts(LoadedModel model) => model.Network.Description.Output.Size == AmountStrips.Answers;

    /// <summary>The reader for a loaded checkpoint, which must be a string reader's field network.</summary>
    public static StripReader Reader(LoadedModel model)
    {
        try
        {
            return StripReaders.For(model.Network, model.Parameters);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{model.Checkpoint.Path}: {error.Message}");
        }
    }

    private static int ReadPictures(StripReader reader, string[] paths, DecoderOptions options)
    {
        foreach (string path in paths)
        {
            GreyImage picture = ReadImage(path);
            StringReading reading;
            try
            {
                reading = reader.ReadPicture(picture.Pixels, picture.Width, picture.Height, options);
            }
            catch (ArgumentException error)
            {
                throw new UserError($"'{path}': {error.Message}");
            }
            StripPicture prepared = reading.Picture!;
            string digitsAt = string.Join(" ", reading.Digits.Select(d => $"{d.Digit}@x={prepared.ToPictureX(d.X).ToString("0", CultureInfo.InvariantCulture)}"));
            string scaled = prepared.ScaledDown ? $"  (wider than {StripReader.MaxWidth} columns at MNIST scale: scaled by {prepared.Scale.ToString("0.###", CultureInfo.InvariantCulture)} to fit)"
                : prepared.Width > reader.Width ? $"  (read on a strip {prepared.Width} columns wide, the field window by window)" : "";
            Console.WriteLine($"{path}: {(reading.Text.Length == 0 ? "(no digits)" : reading.Text)}  (confidence {reading.Confidence.ToString("0.000", CultureInfo.InvariantCulture)})  {digitsAt}{scaled}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The grammars <c>--grammar</c> names.</summary>
    private static readonly IReadOnlyDictionary<string, StringGrammar> Grammars = new Dictionary<string, StringGrammar>
    {
        ["digits"] = StringGrammar.Digits(1, StripSynthesizer.MaxDigits),
        ["zip"] = StringGrammar.Zip,
        ["amount"] = StringGrammar.Amount,
    };

    /// <summary>The most errors among the readings accepted at the threshold <c>--eval</c> reports.</summary>
    private const double MaxAcceptedError = 0.01;

    private static int ReadPicturesUnder(StripReader reader, string[] paths, StringGrammar grammar, DecoderOptions options)
    {
        foreach (string path in paths)
        {
            GreyImage picture = ReadImage(path);
            GrammarReading reading;
            try
            {
                reading = reader.ReadPicture(picture.Pixels, picture.Width, picture.Height, grammar, options);
            }
            catch (ArgumentException error)
            {
                throw new UserError($"'{path}': {error.Message}");
            }
            StripPicture prepared = reading.Picture!;
            string at = string.Join(" ", reading.Characters.Select(c => $"{c.Symbol}@x={prepared.ToPictureX(c.X).ToString("0", CultureInfo.InvariantCulture)}"));
            Console.WriteLine($"{path}: {reading.Text}  (confidence {reading.Confidence.ToString("0.000", CultureInfo.InvariantCulture)}, {grammar})  {at}");
        }
        return ExitCodes.Success;
    }

    private static int EvaluateUnder(StripReader reader, string folder, StringGrammar grammar, DecoderOptions options)
    {
        IReadOnlyList<StripEntry> entries = StripSetFile.Read(folder);
        byte[][] strips = LoadStrips(folder, entries, reader.Width);
        var right = new bool[entries.Count];
        var confidence = new double[entries.Count];
        var looks = new int[entries.Count];
        var clock = Stopwatch.StartNew();
        using (var bar = new ProgressBar($"reading ({grammar})", entries.Count, "strips"))
        {
            for (int i = 0; i < entries.Count; i++)
            {
                GrammarReading reading;
                try
                {
                    reading = reader.Read(strips[i], grammar, options);
                }
                catch (ArgumentException error)
                {
                    throw new UserError($"{entries[i].File}: {error.Message}");
                }
                right[i] = reading.Text == AmountText.Text(entries[i].Digits.Select(d => (int)d));
                confidence[i] = reading.Confidence;
                looks[i] = reading.Looks;
                if ((i + 1) % 500 == 0 || i + 1 == entries.Count) bar.Report(i + 1);
            }
        }
        double microseconds = clock.Elapsed.TotalMicroseconds / entries.Count;
        int n = entries.Count, correct = right.Count(r => r);
        Console.WriteLine($"Read {n:N0} strips of {folder} under the {grammar} grammar: {microseconds.ToString("0", CultureInfo.InvariantCulture)} µs per strip on one thread, scoring by {reader.Scorer.GetType().Name}.");
        Console.WriteLine($"  read right: {correct:N0} ({Percent.Of((double)correct / n)})");
        Console.WriteLine($"  {SecondLooks(reader, looks)}");

        // The most readings accepted, from the most confident down, with at most MaxAcceptedError of them wrong; ties stay together.
        int[] order = [.. Enumerable.Range(0, n).OrderByDescending(i => confidence[i])];
        int accepted = 0, acceptedRight = 0, errors = 0;
        for (int k = 0; k < n; k++)
        {
            if (!right[order[k]]) errors++;
            bool cut = k + 1 == n || confidence[order[k + 1]] < confidence[order[k]];
            if (cut && errors <= MaxAcceptedError * (k + 1)) (accepted, acceptedRight) = (k + 1, k + 1 - errors);
        }
        double threshold = accepted == 0 ? 1 : confidence[order[accepted - 1]];
        Console.WriteLine($"  at confidence >= {threshold.ToString("0.0000", CultureInfo.InvariantCulture)} (at most {Percent.Of(MaxAcceptedError)} errors among the accepted): " +
            $"read right {acceptedRight:N0} ({Percent.Of((double)acceptedRight / n)}), rejected {n - accepted:N0} ({Percent.Of((double)(n - accepted) / n)}), " +
            $"errors among the accepted {accepted - acceptedRight:N0} ({Percent.Of(accepted == 0 ? 0 : (double)(accepted - acceptedRight) / accepted)})");
        return ExitCodes.Success;
    }

    /// <summary>A picture file as grey levels; an unreadable or damaged file is the user's error, naming the file.</summary>
    internal static GreyImage ReadImage(string path)
    {
        try
        {
            return ImageFile.Read(path);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"'{path}': {error.Message}");
        }
    }

    /// <summary>
    /// The untimed reading before the timed one: at least <see cref="WarmUpMinimum"/>, then until the JIT has
    /// compiled nothing new for <see cref="WarmUpQuiet"/> (tiered compilation replaces the reader's first code
    /// a hundred milliseconds or more after its first call), at most <see cref="WarmUpMaximum"/>.
    /// </summary>
    private static readonly TimeSpan WarmUpMinimum = TimeSpan.FromMilliseconds(500), WarmUpQuiet = TimeSpan.FromMilliseconds(300),
        WarmUpMaximum = TimeSpan.FromSeconds(5);

    private static int Evaluate(StripReader reader, string folder, DecoderOptions options)
    {
        IReadOnlyList<StripEntry> entries = StripSetFile.Read(folder);
        if (entries.FirstOrDefault(e => e.Digits.Any(d => d > 9)) is StripEntry amount)
            throw new UserError($"{Path.Combine(folder, amount.File)}: the set holds amounts; read it with an amounts reader (lenet5-amounts) or --grammar amount.");
        byte[][] strips = LoadStrips(folder, entries, reader.Width);

        var tally = new StringTally();
        var readings = new StringReading[entries.Count];
        // The clock times the steady state: the reader's code is compiled and its caches warm before it starts.
        int warmUpReads = 0;
        TimeSpan warmUp = JitWarmUp.Run([() => { int i = warmUpReads++ % entries.Count; Read(reader, strips[i], options, entries[i].File); }],
            WarmUpMinimum, WarmUpQuiet, WarmUpMaximum);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < entries.Count; i++) readings[i] = Read(reader, strips[i], options, entries[i].File);
        double microseconds = clock.Elapsed.TotalMicroseconds / entries.Count;
        for (int i = 0; i < entries.Count; i++) tally.Add(entries[i].Digits, entries[i].Centres, readings[i]);

        Console.WriteLine($"Read {entries.Count:N0} strips of {folder} ({options.DescribeLength()}): {microseconds.ToString("0.0", CultureInfo.InvariantCulture)} µs per strip on one thread after {warmUp.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s of untimed reading, scoring by {reader.Scorer.GetType().Name}.");
        Console.WriteLine(SecondLooks(reader, readings.Select(r => r.Looks)));
        Console.WriteLine();
        var table = new TextTable("length", "strings", "entirely right", "digits right", "field digit accuracy", "field accuracy ^ length");
        foreach ((int size, StringTally.Line line) in tally.Lines())
            table.Add(size == 0 ? "all" : size.ToString(CultureInfo.InvariantCulture), line.Strings.ToString("N0", CultureInfo.InvariantCulture),
                Percent.Of(line.StringAccuracy), Percent.Of(line.DigitAccuracy), Percent.Of(line.FieldAccuracy), Percent.Of(line.FieldAccuracyToLength));
        Console.WriteLine(table);
        return ExitCodes.Success;
    }

    /// <summary>How many strips were read a second time, and below what posterior.</summary>
    private static string SecondLooks(StripReader reader, IEnumerable<int> looks)
    {
        if (reader.SecondLook is not SecondLook look) return "No second look (--second-look 0).";
        int[] all = [.. looks];
        int again = all.Count(l => l > 1);
        return $"Read a second time (posterior below {look.Threshold.ToString("0.###", CultureInfo.InvariantCulture)}, moved by {string.Join(" and ", look.Shifts)}): {again:N0} strips, {Percent.Of((double)again / Math.Max(1, all.Length))}.";
    }

    private static byte[][] LoadStrips(string folder, IReadOnlyList<StripEntry> entries, int width)
    {
        var strips = new byte[entries.Count][];
        using var bar = new ProgressBar("loading strips", entries.Count, "strips");
        for (int i = 0; i < entries.Count; i++)
        {
            strips[i] = StripPixels(Path.Combine(folder, entries[i].File), width);
            if ((i + 1) % 500 == 0 || i + 1 == entries.Count) bar.Report(i + 1);
        }
        return strips;
    }

    private static StringReading Read(StripReader reader, byte[] strip, DecoderOptions options, string file)
    {
        try
        {
            return reader.Read(strip, options);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{file}: {error.Message}");
        }
    }

    /// <summary>A strip PNG as written by <c>lenet strings</c>: its grey levels as bytes, exactly strip-sized.</summary>
    private static byte[] StripPixels(string path, int width)
    {
        GreyImage image = ReadImage(path);
        if (image.Width != width || image.Height != StripGeometry.Height)
            throw new UserError($"'{path}': a strip is {width}x{StripGeometry.Height}, this picture is {image.Width}x{image.Height}.");
        var pixels = new byte[image.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Round(Math.Clamp(image.Pixels[i], 0, 1) * 255);
        return pixels;
    }
}
