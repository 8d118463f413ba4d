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
        var eval = new Option<string?>("--eval") { Description = $"Read every strip of a folder written by 'lenet strings' and compare with its {StripSetFile.FileName}." };
        var command = new Command("read", $"Read strings of handwritten digits, touching ones included: the field network replicated every {StripGeometry.Step} columns along a {StripGeometry.Width}x{StripGeometry.Height} strip, then the best string under a character model.")
            { source.Checkpoint, images, source.Pretrained, digits, length, eval };
        command.Validators.Add(result =>
        {
            if (result.GetResult(digits) is not null && result.GetResult(length) is not null)
                result.AddError("--digits and --length cannot both be given.");
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
            return result.GetValue(eval) is string folder
                ? Evaluate(reader, folder, options)
                : ReadPictures(reader, source.Rest(result), options);
        });
        return command;
    }

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
        var strips = new byte[entries.Count][];
        using (var bar = new ProgressBar("loading strips", entries.Count, "strips"))
        {
            for (int i = 0; i < entries.Count; i++)
            {
                strips[i] = StripPixels(Path.Combine(folder, entries[i].File), reader.Width);
                if ((i + 1) % 500 == 0 || i + 1 == entries.Count) bar.Report(i + 1);
            }
        }

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
        Console.WriteLine();
        var table = new TextTable("length", "strings", "entirely right", "digits right", "field digit accuracy", "field accuracy ^ length");
        foreach ((int size, StringTally.Line line) in tally.Lines())
            table.Add(size == 0 ? "all" : size.ToString(CultureInfo.InvariantCulture), line.Strings.ToString("N0", CultureInfo.InvariantCulture),
                Percent.Of(line.StringAccuracy), Percent.Of(line.DigitAccuracy), Percent.Of(line.FieldAccuracy), Percent.Of(line.FieldAccuracyToLength));
        Console.WriteLine(table);
        return ExitCodes.Success;
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
