using LeNet.Checkpoints;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary><c>lenet strings</c> and <c>lenet read</c>: the files written, the readings printed, and every mistake as one line with its exit code.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StringCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-strings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A lenet5-strings checkpoint with seeded random parameters: it reads nonsense, but reads it.</summary>
    private string FieldCheckpoint()
    {
        string path = PathOf("field.ckpt");
        Checkpoint.Save(path, LeNet5Strings.Description, TestSupport.RandomParameters(LeNet5Strings.Description, 3));
        return path;
    }

    private string WriteSet(string name, params string[] options)
    {
        string folder = PathOf(name);
        CliResult result = CliRunner.Run(["strings", "--out", folder, "--data", TrainedModel.DataFolder, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return folder;
    }

    [Fact]
    public void The_global_phase_saves_the_learned_character_model_and_read_decodes_with_it()
    {
        string checkpoint = FieldCheckpoint();
        Assert.Equal(LeNet.Strings.DecoderOptions.Default, Checkpoint.Read(checkpoint).CharacterModel);
        float[] before = Checkpoint.Read(checkpoint).Parameters;
        LabelledImages digits = Mnist.Load(MnistDownloader.EnsureMnist()).Train;
        int exit = GlobalPhase.Run(checkpoint, PathOf("global.csv"), digits, TimeSpan.FromSeconds(1), CancellationToken.None, new LeNet.Strings.GlobalTrainingOptions { PoolSize = 48, BatchSize = 16 });
        Assert.Equal(ExitCodes.Success, exit);
        CheckpointData trained = Checkpoint.Read(checkpoint);
        Assert.NotNull(trained.Get(CheckpointKeys.CharacterModel));
        Assert.NotEqual(LeNet.Strings.DecoderOptions.Default.AdjacentPrior, trained.CharacterModel.AdjacentPrior);
        Assert.NotEqual(before, trained.Parameters);
        string set = WriteSet("set", "--count", "3", "--digits", "5");
        CliResult eval = CliRunner.Run("read", checkpoint, "--eval", set, "--digits", "5");
        Assert.True(eval.ExitCode == 0, eval.ToString());
    }

    [Fact]
    public void The_global_phase_trains_the_wide_field_and_writes_its_curve()
    {
        string checkpoint = PathOf("wide.ckpt"), curve = PathOf("global.csv");
        Checkpoint.Save(checkpoint, LeNet5StringsWide.Description, TestSupport.RandomParameters(LeNet5StringsWide.Description, 4));
        float[] before = Checkpoint.Read(checkpoint).Parameters;
        LabelledImages digits = Mnist.Load(MnistDownloader.EnsureMnist()).Train;
        int exit = GlobalPhase.Run(checkpoint, curve, digits, TimeSpan.FromSeconds(2), CancellationToken.None, new LeNet.Strings.GlobalTrainingOptions { PoolSize = 48, BatchSize = 16 });
        Assert.Equal(ExitCodes.Success, exit);
        CheckpointData trained = Checkpoint.Read(checkpoint);
        Assert.Equal(LeNet5StringsWide.NetworkName, trained.NetworkName);
        Assert.NotNull(trained.Get(CheckpointKeys.CharacterModel));
        Assert.NotEqual(before, trained.Parameters);

        string[] lines = File.ReadAllLines(curve);
        Assert.Equal(GlobalCurve.Header, lines[0]);
        // The first row is before any step, the last after the run: both read the held-out strips.
        string[] first = lines[1].Split(','), last = lines[^1].Split(',');
        Assert.Equal(["0", "0", ""], first[..3]);
        Assert.InRange(double.Parse(first[3], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        Assert.True(long.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture) > 0, lines[^1]);
        Assert.InRange(double.Parse(last[2], System.Globalization.CultureInfo.InvariantCulture), 0, 100);
        Assert.InRange(double.Parse(last[3], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        GreyImage picture = ImageFile.Read(PathOf("global.png"));
        Assert.Equal((LeNet.Cli.Visualization.GlobalCurvePlot.Width, LeNet.Cli.Visualization.GlobalCurvePlot.Height), (picture.Width, picture.Height));
        Assert.Empty(Directory.GetFiles(_folder, "*" + LeNet.Files.AtomicFile.TemporaryExtension));
    }

    [Fact]
    public void Global_training_is_for_string_readers_only()
    {
        CliResult result = CliRunner.Run("train", "--model", "lenet5", "--global", "1", "--out", PathOf("run"));
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--global", result.Error);
        Assert.Contains("lenet5-strings", result.Error);
        Assert.Contains("lenet5-amounts", result.Error);
        Assert.False(Directory.Exists(PathOf("run")));
    }

    [Fact]
    public void From_goes_with_global_and_a_checkpoint_of_the_model()
    {
        string amounts = PathOf("amounts.ckpt");
        Checkpoint.Save(amounts, LeNet5Amounts.Description, TestSupport.RandomParameters(LeNet5Amounts.Description, 5));
        CliResult alone = CliRunner.Run("train", "--model", "lenet5-strings", "--from", amounts, "--out", PathOf("run"));
        Assert.Equal(ExitCodes.Usage, alone.ExitCode);
        Assert.Contains("--global", alone.Error);
        CliResult pages = CliRunner.Run("train", "--model", "lenet5-strings", "--global-pages", "3", "--out", PathOf("run"));
        Assert.Equal(ExitCodes.Usage, pages.ExitCode);
        Assert.Contains("--global-pages goes with --global", pages.Error);
        CliResult other = CliRunner.Run("train", "--model", "lenet5-strings", "--global", "1", "--from", amounts, "--out", PathOf("run"));
        Assert.Equal(ExitCodes.Usage, other.ExitCode);
        Assert.Contains("lenet5-amounts, not of --model lenet5-strings", other.Error);
        Assert.False(File.Exists(Path.Combine(PathOf("run"), "lenet5-strings.ckpt")));
        CliResult missing = CliRunner.Run("train", "--model", "lenet5-strings", "--global", "1", "--from", PathOf("none.ckpt"), "--out", PathOf("run"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("none.ckpt", missing.Error);
    }

    [Fact]
    public void The_global_phase_trains_an_amounts_reader_on_amounts_and_on_the_fields_of_cheques()
    {
        string checkpoint = PathOf("amounts.ckpt");
        Checkpoint.Save(checkpoint, LeNet5Amounts.Description, LeNet.Training.ParameterInitializer.Create(LeNet5Amounts.Description, LeNet.Training.InitializationScheme.Default, 6));
        float[] before = Checkpoint.Read(checkpoint).Parameters;
        LabelledImages digits = Mnist.Load(MnistDownloader.EnsureMnist()).Train;
        IReadOnlyList<HandwrittenText> cuts = ReaderPages.Cut(LeNet.Pages.PageKind.Cheque, digits, 4, AmountStrips.Width, CancellationToken.None);
        Assert.NotEmpty(cuts);
        Assert.All(cuts, c => Assert.Equal(AmountStrips.Width, c.Width));
        Assert.All(cuts, c => Assert.Matches(@"^[0-9,]+\.[0-9]{2}$", c.Text));
        // Long enough to read the 2,000 held-out amounts twice and learn in between.
        int exit = GlobalPhase.Run(checkpoint, PathOf("global.csv"), digits, TimeSpan.FromSeconds(6), CancellationToken.None,
            new LeNet.Strings.GlobalTrainingOptions { PoolSize = 48, BatchSize = 16 }, pages: 4);
        Assert.Equal(ExitCodes.Success, exit);
        CheckpointData trained = Checkpoint.Read(checkpoint);
        Assert.NotNull(trained.Get(CheckpointKeys.CharacterModel));
        Assert.NotEqual(before, trained.Parameters);
        Assert.Equal(GlobalCurve.Header, File.ReadAllLines(PathOf("global.csv"))[0]);
    }

    [Fact]
    public void The_global_options_default_to_the_models_global_recipe()
    {
        var options = new TrainOptions();
        var command = new System.CommandLine.Command("train");
        options.AddTo(command);
        TrainRequest wide = options.Read(command.Parse(["--model", "lenet5-strings-wide", "--global", "1", "--global-lr", "0.00001"]));
        Assert.Equal((1e-5f, Recipes.StringsWideGlobal.PoolSize, Recipes.StringsWideGlobal.PenaltyRate), (wide.Global.LearningRate, wide.Global.PoolSize, wide.Global.PenaltyRate));
        TrainRequest strings = options.Read(command.Parse(["--model", "lenet5-strings", "--global", "1", "--global-pool", "500", "--global-penalty-rate", "0"]));
        Assert.Equal((new LeNet.Strings.GlobalTrainingOptions().LearningRate, 500, 0f), (strings.Global.LearningRate, strings.Global.PoolSize, strings.Global.PenaltyRate));
        CliResult bad = CliRunner.Run("train", "--model", "lenet5-strings-wide", "--global", "1", "--global-lr", "0", "--out", PathOf("run"));
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Single(bad.ErrorLines);
    }

    [Fact]
    public void The_wide_field_is_in_the_catalog_with_the_string_fields_windows_more_passes_and_distortions()
    {
        ModelEntry wide = ModelCatalog.Find("lenet5-strings-wide"), strings = ModelCatalog.Find(LeNet5Strings.NetworkName);
        Assert.Same(LeNet5StringsWide.Description, wide.Description);
        Assert.Equal((strings.Recipe with { Epochs = 12, Augmentation = new LeNet.Training.DistortionAugmentation(Recipes.StringWindowDistortions) }).Summary(), wide.Recipe.Summary());
        Assert.Contains("augmentation=affine+elastic(16,4)", wide.Recipe.Summary());
        Assert.Equal(0, Recipes.StringWindowDistortions.MaxTranslation);
        Assert.Same(strings.TrainingData, wide.TrainingData);
        CliResult info = CliRunner.Run("info", "--model", "lenet5-strings-wide");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"{LeNet5StringsWide.ParameterCount:N0}", info.Out);
        Assert.Matches(@"\nC1 +convolution 5x5 ", info.Out);
        Assert.Contains("12x28x28", info.Out);
    }

    [Fact]
    public void Strings_writes_pngs_and_labels_the_same_for_the_same_seed()
    {
        string a = WriteSet("a", "--count", "12", "--digits", "2-4", "--spacing", "touching", "--seed", "9");
        string b = WriteSet("b", "--count", "12", "--digits", "2-4", "--spacing", "touching", "--seed", "9");
        IReadOnlyList<StripEntry> entries = StripSetFile.Read(a);
        Assert.Equal(12, entries.Count);
        Assert.All(entries, e => Assert.InRange(e.Digits.Length, 2, 4));
        Assert.Equal(File.ReadAllText(Path.Combine(a, StripSetFile.FileName)), File.ReadAllText(Path.Combine(b, StripSetFile.FileName)));
        foreach (StripEntry entry in entries)
        {
            GreyImage image = ImageFile.Read(Path.Combine(a, entry.File));
            Assert.Equal((StripGeometry.Width, StripGeometry.Height), (image.Width, image.Height));
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, entry.File)), File.ReadAllBytes(Path.Combine(b, entry.File)));
        }
        Assert.Empty(Directory.GetFiles(a, "*tmp*"));
    }

    [Fact]
    public void Read_evaluates_a_set_and_reads_pictures()
    {
        string set = WriteSet("set", "--count", "6", "--digits", "5");
        string checkpoint = FieldCheckpoint();
        CliResult eval = CliRunner.Run("read", checkpoint, "--eval", set, "--digits", "5");
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("Read 6 strips", eval.Out);
        Assert.Contains("µs per strip", eval.Out);
        Assert.Contains(eval.OutLines, l => l.StartsWith("5 ", StringComparison.Ordinal));
        Assert.Contains(eval.OutLines, l => l.StartsWith("all ", StringComparison.Ordinal));

        string picture = Path.Combine(set, StripSetFile.Read(set)[0].File);
        CliResult read = CliRunner.Run("read", checkpoint, picture, "--digits", "5");
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Matches(@": \d{5}  \(confidence \d\.\d{3}\)  (\d@x=-?\d+ ?){5}$", read.OutLines.Single());
    }

    [Fact]
    public void Show_draws_a_picture_of_a_string_and_a_test_strip_read_with_their_posteriors()
    {
        string set = WriteSet("set", "--count", "1", "--digits", "5");
        string checkpoint = FieldCheckpoint(), sheet = PathOf("sheet.png"), strip = PathOf("strip.png");
        CliResult picture = CliRunner.Run("show", checkpoint, "--image", Path.Combine(set, StripSetFile.Read(set)[0].File), "--out", sheet);
        Assert.True(picture.ExitCode == 0, picture.ToString());
        Assert.Matches(@"sheet\.png  \(read (\d+|no digits)\)$", picture.OutLines.Single());
        CliResult test = CliRunner.Run("show", checkpoint, "--index", "2", "--out", strip, "--data", TrainedModel.DataFolder);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches(@"strip\.png  \(read (\d+|no digits): (right|wrong, the strip says \d{5})\)$", test.OutLines.Last());
        foreach (string png in (string[])[sheet, strip])
        {
            using var bitmap = TestSupport.DecodePng(File.ReadAllBytes(png));
            Assert.True(bitmap.Width >= StripGeometry.Width * 7 && bitmap.Height > bitmap.Width / 2, $"{png}: {bitmap.Width} x {bitmap.Height}");
        }
    }

    [Fact]
    public void Show_reads_an_amounts_readers_strips_under_the_amount_grammar()
    {
        string set = WriteSet("amounts", "--count", "1", "--amounts");
        string checkpoint = PathOf("amounts.ckpt"), sheet = PathOf("amount.png");
        Checkpoint.Save(checkpoint, LeNet5Amounts.Description, TestSupport.RandomParameters(LeNet5Amounts.Description, 3));
        CliResult picture = CliRunner.Run("show", checkpoint, "--image", Path.Combine(set, StripSetFile.Read(set)[0].File), "--out", sheet);
        Assert.True(picture.ExitCode == 0, picture.ToString());
        // Only an amount can be read: digits, maybe groups after commas, a point and two cents digits.
        Assert.Matches(@"amount\.png  \(read [0-9,]+\.[0-9]{2}\)$", picture.OutLines.Single());
        using var bitmap = TestSupport.DecodePng(File.ReadAllBytes(sheet));
        Assert.True(bitmap.Width >= AmountStrips.Width * 7, $"{bitmap.Width} wide");
        CliResult test = CliRunner.Run("show", checkpoint, "--index", "0", "--out", PathOf("test.png"), "--data", TrainedModel.DataFolder);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches(@"\(read [0-9,]+\.[0-9]{2}: (right|wrong, the strip says [0-9,]+\.[0-9]{2})\)$", test.OutLines.Last());
    }

    [Theory]
    [InlineData("read", "CKPT")]
    [InlineData("read", "CKPT", "a.png", "--eval", "DIR")]
    [InlineData("read", "CKPT", "a.png", "--digits", "3", "--length", "1-4")]
    [InlineData("read", "CKPT", "a.png", "--length", "4-1")]
    [InlineData("read", "CKPT", "a.png", "--digits", "x")]
    [InlineData("strings")]
    [InlineData("strings", "--out", "DIR", "--digits", "0")]
    [InlineData("strings", "--out", "DIR", "--digits", "3-9")]
    [InlineData("strings", "--out", "DIR", "--digits", "five")]
    [InlineData("strings", "--out", "DIR", "--spacing", "close")]
    [InlineData("strings", "--out", "DIR", "--count", "0")]
    public void A_bad_command_line_is_exit_2(params string[] args)
    {
        CliResult result = CliRunner.Run(args.Select(a => a == "DIR" ? _folder : a).ToArray());
        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("lenet: ", result.LastError);
    }

    [Fact]
    public void A_checkpoint_that_is_not_a_string_reader_is_refused()
    {
        CliResult result = CliRunner.Run("read", TrainedModel.CheckpointPath, "--eval", _folder);
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("is not a string reader's field", result.LastError);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Bad_sets_and_pictures_are_one_line_exit_1()
    {
        string checkpoint = FieldCheckpoint();
        AssertError(CliRunner.Run("read", checkpoint, "--eval", PathOf("nowhere")), "no such folder");
        AssertError(CliRunner.Run("read", checkpoint, "--eval", _folder), "no labels file");

        string set = WriteSet("set", "--count", "2");
        string labels = Path.Combine(set, StripSetFile.FileName);
        string good = File.ReadAllText(labels);
        File.WriteAllText(labels, good.Replace(",", ";"));
        AssertError(CliRunner.Run("read", checkpoint, "--eval", set), labels + ":3", "expected the header");
        File.WriteAllText(labels, good + "strip-00009.png,12a,1 2 3\n");
        AssertError(CliRunner.Run("read", checkpoint, "--eval", set), labels + ":6", "'12a' is not a string of digits");
        File.WriteAllText(labels, good + "strip-00009.png,12,1\n");
        AssertError(CliRunner.Run("read", checkpoint, "--eval", set), labels + ":6", "2 digits but 1 centres");

        File.WriteAllText(labels, good);
        string first = Path.Combine(set, StripSetFile.Read(set)[0].File);
        File.WriteAllBytes(first, ImageFile.EncodeDigitPng(new byte[28 * 28]));
        AssertError(CliRunner.Run("read", checkpoint, "--eval", set), first, "a strip is 128x32, this picture is 28x28");

        AssertError(CliRunner.Run("read", checkpoint, first), first, "blank");
        AssertError(CliRunner.Run("read", checkpoint, PathOf("missing.png")), "missing.png");
    }

    private static void AssertError(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        Assert.Empty(result.Out);
        Assert.Single(result.ErrorLines);
        foreach (string fragment in fragments) Assert.Contains(fragment, result.LastError);
    }
}
