using LeNet.Data;
using LeNet.Models;
using LeNet.Runtime.Tests.Data;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Strings;

public class StripReaderTests
{
    private static float[] RandomParameters(NetworkDescription description, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[description.ParameterCount];
        foreach (LayerInfo layer in description.Layers)
            for (int i = 0; i < layer.ParameterCount; i++)
                parameters[layer.ParameterOffset + i] = (float)(random.NextDouble() * 2 - 1) * 0.3f;
        return parameters;
    }

    [Fact]
    public void Windowed_scores_are_the_field_network_run_on_each_window()
    {
        INetwork generic = new LeNet.Engine.GenericNetwork(LeNet5Strings.Description);
        float[] parameters = RandomParameters(LeNet5Strings.Description, 5);
        DigitStrip strip = new StripSynthesizer(RealMnist.Load().Test).Compose(new StripRecipe(5, 5, StripSpacing.Touching), 1, 0);
        PositionScores windowed = new WindowedScorer(new LeNet5Strings(), parameters).Score(strip.Pixels);
        Assert.Equal(StripGeometry.Positions(StripGeometry.Width), windowed.Positions);

        var encoder = new InputEncoder(LeNet5Strings.Description.Input, StripGeometry.Field, StripGeometry.Field);
        var window = new byte[StripGeometry.Field * StripGeometry.Field];
        var input = new float[encoder.InputSize];
        var activations = new float[LeNet5Strings.Description.ActivationCount];
        for (int p = 0; p < windowed.Positions; p++)
        {
            for (int y = 0; y < StripGeometry.Field; y++)
                strip.Pixels.AsSpan(y * strip.Width + StripGeometry.Step * p, StripGeometry.Field).CopyTo(window.AsSpan(y * StripGeometry.Field));
            encoder.Encode(window, input);
            generic.Forward(parameters, input, activations);
            for (int a = 0; a < StripGeometry.Answers; a++)
            {
                float expected = MathF.Log(activations[LeNet5Strings.Description.OutputOffset + a]);
                Assert.True(MathF.Abs(expected - windowed[p, a]) < 1e-3f, $"position {p}, answer {a}: {windowed[p, a]} vs {expected}");
            }
        }
    }

    /// <summary>The digit-string fields with a generated strip, by name: the field and its strip.</summary>
    private static readonly Dictionary<string, (INetwork Field, IReplicatedNetwork Strip)> Fields = new()
    {
        [LeNet5Strings.NetworkName] = (new LeNet5Strings(), new LeNet5StringsStrip()),
        [LeNet5StringsWide.NetworkName] = (new LeNet5StringsWide(), new LeNet5StringsWideStrip()),
    };

    [Theory]
    [InlineData(LeNet5Strings.NetworkName, StripSpacing.Apart, 5)]
    [InlineData(LeNet5Strings.NetworkName, StripSpacing.Touching, 8)]
    [InlineData(LeNet5StringsWide.NetworkName, StripSpacing.Apart, 5)]
    [InlineData(LeNet5StringsWide.NetworkName, StripSpacing.Touching, 8)]
    public void Strip_scores_equal_windowed_scores_and_read_the_same(string name, StripSpacing spacing, int digits)
    {
        (INetwork field, IReplicatedNetwork generated) = Fields[name];
        float[] parameters = RandomParameters(field.Description, 9);
        var windowed = StripReader.ForField(field, parameters);
        var strip = new StripReader(new StripScorer(generated, parameters));
        var generic = new StripReader(new StripScorer(LeNet.Engine.GenericNetwork.Replicate(field.Description, StripGeometry.Width), parameters));
        var synthesizer = new StripSynthesizer(RealMnist.Load().Test);
        for (int i = 0; i < 5; i++)
        {
            byte[] pixels = synthesizer.Compose(new StripRecipe(digits, digits, spacing), 4, i).Pixels;
            StringReading expected = windowed.Read(pixels);
            foreach (StripReader reader in new[] { strip, generic })
            {
                StringReading actual = reader.Read(pixels);
                for (int k = 0; k < expected.Scores.LogProbabilities.Length; k++)
                    Assert.True(MathF.Abs(expected.Scores.LogProbabilities[k] - actual.Scores.LogProbabilities[k]) < 1e-3f,
                        $"strip {i}, score {k}: {actual.Scores.LogProbabilities[k]} vs {expected.Scores.LogProbabilities[k]}");
                Assert.Equal(expected.Decoded.Path, actual.Decoded.Path);
                Assert.Equal(expected.Text, actual.Text);
            }
        }
        Assert.IsType<StripScorer>(StripReaders.For(field, parameters).Scorer);
        Assert.IsType(generated.GetType(), StripReaders.GeneratedStrip(field.Description));
    }

    [Fact]
    public void A_field_without_a_generated_strip_is_read_window_by_window()
    {
        Assert.Null(StripReaders.GeneratedStrip(LeNet5Modern.Description));
        // LeNet5Strings with 100 units in C5: a string field no generated strip replicates.
        NetworkDescription narrower = new("strings-100", LeNet5Strings.Description.Input,
            LeNet5Strings.Description.Layers.Select(l => l.Declaration.Label == "C5" ? l.Declaration with { Size = 100 } : l.Declaration).ToArray());
        var field = new LeNet.Engine.GenericNetwork(narrower);
        Assert.IsType<WindowedScorer>(StripReaders.For(field, RandomParameters(field.Description, 1)).Scorer);
    }

    [Fact]
    public void A_picture_reads_the_same_in_either_polarity_and_maps_digits_back_to_its_columns()
    {
        var reader = StripReader.ForField(new LeNet5Strings(), RandomParameters(LeNet5Strings.Description, 2));
        DigitStrip strip = new StripSynthesizer(RealMnist.Load().Test).Compose(new StripRecipe(4, 4, StripSpacing.Apart), 2, 0);
        // The strip drawn at twice the size, 10 px in from the left, on a 300x80 canvas.
        const int width = 300, height = 80;
        float[] light = new float[width * height], dark = new float[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int sx = (x - 10) / 2, sy = (y - 8) / 2;
                float ink = sx >= 0 && sx < strip.Width && sy >= 0 && sy < strip.Height ? strip.Pixels[sy * strip.Width + sx] / 255f : 0;
                (light[y * width + x], dark[y * width + x]) = (ink, 1 - ink);
            }
        StringReading a = reader.ReadPicture(light, width, height), b = reader.ReadPicture(dark, width, height);
        Assert.Equal(a.Strip, b.Strip);
        Assert.Equal(a.Decoded.Path, b.Decoded.Path);
        Assert.False(a.Picture!.ScaledDown);
        Assert.InRange(a.Picture.Scale, 0.35, 0.65);
        foreach (ReadDigit digit in a.Digits)
            Assert.InRange(a.Picture.ToPictureX(digit.X), 0, width);
    }

    [Fact]
    public void TryReadPicture_reads_what_ReadPicture_reads_and_answers_false_for_a_blank_picture()
    {
        var reader = StripReader.ForField(new LeNet5Strings(), RandomParameters(LeNet5Strings.Description, 3));
        DigitStrip strip = new StripSynthesizer(RealMnist.Load().Test).Compose(new StripRecipe(5, 5, StripSpacing.Apart), 3, 0);
        float[] grey = [.. strip.Pixels.Select(p => p / 255f)];

        Assert.True(reader.TryReadPicture(grey, strip.Width, strip.Height, StringGrammar.Zip, out GrammarReading? reading));
        GrammarReading read = reader.ReadPicture(grey, strip.Width, strip.Height, StringGrammar.Zip);
        Assert.Equal(read.Text, reading!.Text);
        Assert.Equal(read.Decoded.Path, reading.Decoded.Path);
        Assert.Equal(5, reading.Text.Length);

        var blank = new float[grey.Length];
        Assert.False(reader.TryReadPicture(blank, strip.Width, strip.Height, StringGrammar.Zip, out GrammarReading? none));
        Assert.Null(none);
        Assert.Throws<ArgumentException>(() => reader.ReadPicture(blank, strip.Width, strip.Height, StringGrammar.Zip));
        Assert.Throws<ArgumentException>(() => reader.TryReadPicture(grey, strip.Width + 1, strip.Height, StringGrammar.Zip, out _));
    }

    [Fact]
    public void A_string_too_wide_for_the_strip_is_read_at_full_scale_on_a_wider_one()
    {
        float[] parameters = RandomParameters(LeNet5Strings.Description, 6);
        var synthesizer = new StripSynthesizer(RealMnist.Load().Test);
        DigitStrip left = synthesizer.Compose(new StripRecipe(5, 5, StripSpacing.Apart), 6, 0), right = synthesizer.Compose(new StripRecipe(5, 5, StripSpacing.Apart), 6, 1);
        const int width = 2 * StripGeometry.Width;
        var grey = new float[width * StripGeometry.Height];
        for (int y = 0; y < StripGeometry.Height; y++)
            for (int x = 0; x < StripGeometry.Width; x++)
            {
                grey[y * width + x] = left.Pixels[y * StripGeometry.Width + x] / 255f;
                grey[y * width + StripGeometry.Width + x] = right.Pixels[y * StripGeometry.Width + x] / 255f;
            }
        StringReading reading = StripReaders.For(new LeNet5Strings(), parameters).ReadPicture(grey, width, StripGeometry.Height);
        StripPicture picture = reading.Picture!;
        Assert.False(picture.ScaledDown);
        Assert.True(picture.Width > StripGeometry.Width, $"strip {picture.Width} wide");
        Assert.Equal(StripGeometry.Positions(picture.Width), reading.Scores.Positions);
        Assert.Equal(picture.Width * StripGeometry.Height, reading.Strip.Length);

        // Without a wider scorer the same picture is scaled down into the reader's strip.
        var narrow = new StripReader(new StripScorer(new LeNet5StringsStrip(), parameters));
        StringReading shrunk = narrow.ReadPicture(grey, width, StripGeometry.Height);
        Assert.True(shrunk.Picture!.ScaledDown);
        Assert.Equal(StripGeometry.Width, shrunk.Picture.Width);
    }

    [Fact]
    public void A_field_of_another_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => StripReader.ForField(new LeNet5Modern(), new float[LeNet5Modern.Description.ParameterCount]));
        Assert.Contains("is not a string reader's field", error.Message);
        Assert.Throws<ArgumentException>(() => StripReader.ForField(new LeNet5Strings(), new float[3]));
        Assert.Throws<ArgumentException>(() => StripReader.ForField(new LeNet5Strings(), new float[LeNet5Strings.ParameterCount], width: 130));
    }

    [Fact]
    public void A_picture_is_cropped_scaled_to_a_strings_height_and_centred_either_polarity()
    {
        // Two dark bars 40 px high on white, 300 px apart: a string far too wide, so it is scaled down to fit.
        const int width = 400, height = 60;
        var grey = new float[width * height];
        Array.Fill(grey, 1f);
        for (int y = 10; y < 50; y++)
            for (int x = 0; x < 10; x++)
            {
                grey[y * width + 40 + x] = 0;
                grey[y * width + 340 + x] = 0;
            }
        StripPicture picture = StripPicture.Prepare(grey, width, height);
        Assert.True(picture.ScaledDown);
        Assert.Equal(StripPicture.MaxInkWidth(StripGeometry.Width) / 310.0, picture.Scale, 6);
        Assert.Equal(40, picture.ToPictureX(picture.StripLeft), 6);

        // A narrow string is scaled to the rows a synthetic string's ink spans (24) and centred on row 16.
        var narrow = new float[40 * 40];
        for (int y = 0; y < 40; y++) narrow[y * 40 + 20] = 1;  // one white line on black
        StripPicture small = StripPicture.Prepare(narrow, 40, 40);
        Assert.False(small.ScaledDown);
        Assert.Equal(24, StripPicture.InkHeight);
        Assert.Equal(24 / 40.0, small.Scale, 6);
        int[] inkRows = Enumerable.Range(0, StripGeometry.Height).Where(y => Enumerable.Range(0, StripGeometry.Width).Any(x => small.Pixels[y * StripGeometry.Width + x] > 0)).ToArray();
        Assert.Equal(24, inkRows.Length);
        Assert.Equal(StripGeometry.CentreRow, (inkRows[0] + inkRows[^1] + 1) / 2f);

        Assert.Throws<ArgumentException>(() => StripPicture.Prepare(new float[100], 10, 10));
    }

    [Fact]
    public void A_short_training_run_on_strip_windows_reads_zip_codes_far_above_chance()
    {
        MnistSplit windows = StripWindows.Split(RealMnist.Load(), 30_000, 1_000, seed: 5);
        var trainer = new Trainer(new LeNet5Strings(), Recipes.Strings with { Epochs = 1, Threads = 1 });
        trainer.Train(windows.Train, windows.Test);
        var reader = StripReader.ForField(new LeNet5Strings(), trainer.BestParameters);

        var synthesizer = new StripSynthesizer(RealMnist.Load().Test);
        var tally = new StringTally();
        for (int i = 0; i < 300; i++)
        {
            DigitStrip strip = synthesizer.Compose(new StripRecipe(5, 5, StripSpacing.Apart), 11, i);
            tally.Add(strip.Digits, strip.Centres, reader.Read(strip.Pixels, DecoderOptions.Exactly(5)));
        }
        // Chance is 1e-5 for a string and 10% for a digit.
        Assert.True(tally.Total.StringAccuracy > 0.3, $"strings right: {tally.Total.StringAccuracy:P1}");
        Assert.True(tally.Total.DigitAccuracy > 0.8, $"digits right: {tally.Total.DigitAccuracy:P1}");
    }
}
