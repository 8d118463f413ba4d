using System.Reflection;
using LeNet.Checkpoints;
using LeNet.Data;
using LeNet.Export;
using LeNet.Runtime.Tests.Generated;
using LeNet.Training;

namespace LeNet.Runtime.Tests.ModelApi;

/// <summary>
/// The model object: made, trained, saved and loaded with its class names and preprocessing, and predicting
/// exactly as the lower-level paths (<see cref="Evaluator"/>) do.
/// </summary>
public sealed class ModelTests
{
    private const int Side = 28, Classes = 10;
    private const float BlockTolerance = 1e-5f;

    /// <summary>Easy 28x28 images: class k is a vertical bar in column 2 + 2k, at a random height, over faint noise.</summary>
    private static LabelledImages Bars(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % Classes, top = random.Next(4, 12);
            labels[i] = (byte)label;
            Span<byte> image = pixels.AsSpan(i * Side * Side, Side * Side);
            for (int p = 0; p < image.Length; p++) image[p] = (byte)random.Next(30);
            for (int row = top; row < top + 14; row++)
            {
                image[row * Side + 4 + 2 * label] = 255;
                image[row * Side + 5 + 2 * label] = 200;
            }
        }
        return new LabelledImages("bars", Side, Side, pixels, labels, Classes);
    }

    /// <summary>A picture of another size and polarity: a dark stroke on light paper.</summary>
    private static GreyImage Stroke(int width, int height, int column)
    {
        var pixels = new float[width * height];
        Array.Fill(pixels, 0.9f);
        for (int row = height / 5; row < height * 4 / 5; row++)
            for (int x = column; x < column + 3; x++) pixels[row * width + x] = 0.1f;
        return new GreyImage(width, height, pixels);
    }

    private static string TemporaryFile() => Path.Combine(Path.GetTempPath(), $"lenet-model-{Guid.NewGuid():N}.ckpt");

    private static void AssertSame(Prediction expected, Prediction actual)
    {
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.ClassName, actual.ClassName);
        Assert.Equal(expected.Probabilities, actual.Probabilities);
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictions_ClassNamesAndPreprocessing()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 3);
        model.Data = new DataInfo("bars", DataSourceKind.ImageFolder, "/data/bars", Preprocessing.FitWhole, ["zero", "one", "two"]);
        LabelledImages images = Bars(40, seed: 5);
        GreyImage picture = Stroke(50, 37, 20);
        string path = TemporaryFile();
        try
        {
            model.Save(path);
            Model<SevenKernel> fromFile = Model.Load<SevenKernel>(path);
            using FileStream stream = File.OpenRead(path);
            Model<SevenKernel> fromStream = Model.Load<SevenKernel>(stream);

            foreach (Model<SevenKernel> loaded in new[] { fromFile, fromStream })
            {
                Assert.Equal(model.Parameters.ToArray(), loaded.Parameters.ToArray());
                Assert.Equal(["zero", "one", "two", "3", "4", "5", "6", "7", "8", "9"], loaded.ClassNames);
                Assert.Equal(model.Data, loaded.Data);
                Assert.Equal(Preprocessing.FitWhole, loaded.Preprocessing);
                Prediction[] expected = model.Predict(images), actual = loaded.Predict(images);
                for (int i = 0; i < images.Count; i++) AssertSame(expected[i], actual[i]);
                AssertSame(model.Predict(picture), loaded.Predict(picture));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Create_IsSeeded_AndADefaultModelNamesClassesByNumber()
    {
        Model<SevenKernel> a = Model.Create<SevenKernel>(seed: 7), b = Model.Create<SevenKernel>(seed: 7), c = Model.Create<SevenKernel>(seed: 8);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.NotEqual(a.Parameters.ToArray(), c.Parameters.ToArray());
        Assert.Equal(SevenKernel.Description.ParameterCount, a.Parameters.Length);
        Assert.Equal(Enumerable.Range(0, Classes).Select(k => k.ToString()), a.ClassNames);
        Assert.Equal(Preprocessing.Digit, a.Preprocessing);
        Assert.Equal(DataSourceKind.Mnist, a.Data.Source);
    }

    [Fact]
    public void PredictOne_EqualsPredictBatch_ElementWise()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 11);
        // Enough pictures for whole blocks, a padded tail and several threads' chunks.
        GreyImage[] pictures = [.. Enumerable.Range(0, 37).Select(i => Stroke(30 + i, 60 - i, 3 + i % 20))];

        Prediction[] batch = model.Predict(pictures);

        Assert.Equal(pictures.Length, batch.Length);
        for (int i = 0; i < pictures.Length; i++)
        {
            Prediction one = model.Predict(pictures[i]);
            Assert.Equal(one.Label, batch[i].Label);
            Assert.Equal(one.ClassName, batch[i].ClassName);
            Assert.Equal(one.Probabilities.Length, batch[i].Probabilities.Length);
            for (int k = 0; k < one.Probabilities.Length; k++)
                Assert.True(Math.Abs(one.Probabilities[k] - batch[i].Probabilities[k]) <= BlockTolerance,
                    $"picture {i}, class {k}: {one.Probabilities[k]} alone, {batch[i].Probabilities[k]} in the batch");
        }
    }

    [Fact]
    public void Predict_MatchesTheEvaluatorPath()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 13);
        float[] parameters = model.Parameters.ToArray();
        GreyImage picture = Stroke(64, 48, 30);

        ForwardTrace trace = Evaluator.Trace(new SevenKernel(), parameters, Preprocessing.Digit.Apply(picture), Side, Side);
        Prediction prediction = model.Predict(picture);
        Assert.Equal(trace.Label, prediction.Label);
        Assert.Equal(trace.Probabilities, prediction.Probabilities);
        Assert.Equal(prediction.Probabilities[prediction.Label], prediction.Confidence);

        LabelledImages images = Bars(300, seed: 17);
        Prediction[] predictions = model.Predict(images);
        EvaluationResult evaluation = new Evaluator(new SevenKernel()).Evaluate(parameters, images);
        int correct = 0;
        for (int i = 0; i < images.Count; i++)
        {
            ForwardTrace one = Evaluator.Trace(new SevenKernel(), parameters, images.Image(i), Side, Side);
            Assert.Equal(one.Label, predictions[i].Label);
            if (predictions[i].Label == images.Labels[i]) correct++;
        }
        Assert.Equal(evaluation.Correct, correct);
        Assert.Equal(evaluation.Correct, model.Evaluate(images).Correct);
    }

    [Fact]
    public void RadialBasisOutputs_AreReadAsDistances_WithoutALoss()
    {
        Model<TrainableRbf> model = Model.Create<TrainableRbf>(seed: 19);
        var pixels = new byte[20 * 16 * 16];
        new Random(23).NextBytes(pixels);
        var images = new LabelledImages("noise", 16, 16, pixels, new byte[20], classes: 3);

        Prediction[] predictions = model.Predict(images);

        INetwork network = new TrainableRbf();
        NetworkDescription d = network.Description;
        var input = new float[d.Input.Size];
        var activations = new float[d.ActivationCount];
        var encoder = new InputEncoder(d.Input, 16, 16);
        for (int i = 0; i < images.Count; i++)
        {
            encoder.Encode(images.Image(i), input);
            network.Forward(model.Parameters.Span, input, activations);
            ReadOnlySpan<float> distances = activations.AsSpan(d.OutputOffset, d.Output.Size);
            int nearest = distances.IndexOf(distances.ToArray().Min());
            Assert.Equal(nearest, predictions[i].Label);
            Assert.Equal(predictions[i].Probabilities.Max(), predictions[i].Confidence);
            Assert.Equal(1f, predictions[i].Probabilities.Sum(), 4);
        }
    }

    [Fact]
    public void Train_LearnsKeepsTheBestAndReportsEachPass()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 29);
        LabelledImages train = Bars(400, seed: 31), test = Bars(100, seed: 37);
        double before = model.Evaluate(test).Accuracy;
        var reports = new List<EpochReport>();

        string[] names = [.. Enumerable.Range(0, Classes).Select(k => $"bar {k}")];
        var options = new TrainingOptions { Epochs = 3, Threads = 1, LearningRate = 0.05f };
        Assert.Contains("describe the data in model.Data first", Assert.Throws<ArgumentException>(() => model.Train(new MnistSplit(train, test, names), options)).Message);
        model.Data = new DataInfo("bars", DataSourceKind.ImageFolder, "/data/bars", Preprocessing.Digit, names);

        TrainingResult result = model.Train(new MnistSplit(train, test, names), options, new Synchronous<EpochReport>(reports.Add));

        Assert.False(result.Cancelled);
        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.Equal(result.BestParameters, model.Parameters.ToArray());
        Assert.Equal(result.Best!.TestAccuracy, model.Evaluate(test).Accuracy);
        Assert.True(model.Evaluate(test).Accuracy > Math.Max(0.9, before), $"accuracy {model.Evaluate(test).Accuracy} after training, {before} before");
        Assert.Equal("bar 3", model.ClassNames[3]);
    }

    [Fact]
    public void Train_WithACancelledToken_StopsBeforeTheFirstStep_AndKeepsTheParameters()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 41);
        float[] before = model.Parameters.ToArray();

        TrainingResult result = model.Train(Bars(200, seed: 43), null, new TrainingOptions { Epochs = 100, Threads = 1 }, cancellationToken: new CancellationToken(canceled: true));

        Assert.True(result.Cancelled);
        Assert.Empty(result.Reports);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Train_CancelledDuringARun_StopsAtTheNextStep()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>(seed: 47);
        using var cancellation = new CancellationTokenSource();

        TrainingResult result = model.Train(Bars(200, seed: 53), Bars(50, seed: 59), new TrainingOptions { Epochs = 1000, Threads = 1 },
            new Synchronous<EpochReport>(_ => cancellation.Cancel()), cancellation.Token);

        Assert.True(result.Cancelled);
        Assert.Single(result.Reports);
        Assert.Equal(result.BestParameters, model.Parameters.ToArray());
    }

    [Fact]
    public void OddPictures_GetOneLineErrorsThatSayWhatIsWrong()
    {
        Model<SevenKernel> model = Model.Create<SevenKernel>();
        Assert.Contains("must be positive, not 0x5", Assert.Throws<ArgumentException>(() => new GreyImage(0, 5, [])).Message);
        Assert.Contains("has 9 pixels, but 8 were given", Assert.Throws<ArgumentException>(() => new GreyImage(3, 3, new float[8])).Message);
        // width x height overflows an int: counted in 64 bits, refused, nothing allocated.
        Assert.Contains("has 4294967294 pixels", Assert.Throws<ArgumentException>(() => new GreyImage(int.MaxValue, 2, new float[1])).Message);
        Assert.Contains("but 3 bytes were given", Assert.Throws<ArgumentException>(() => GreyImage.FromBytes(new byte[3], 2, 2)).Message);

        var blank = new GreyImage(40, 40, Enumerable.Repeat(0.5f, 1600).ToArray());
        Assert.Contains("blank", Assert.Throws<ArgumentException>(() => model.Predict(blank)).Message);
        var error = Assert.Throws<ArgumentException>(() => model.Predict([Stroke(30, 30, 10), blank]));
        Assert.StartsWith("Picture 1: The picture is blank", error.Message);

        var large = new LabelledImages("large", 40, 40, new byte[2 * 1600], new byte[2]);
        Assert.Contains("do not fit the network's 28x28 input", Assert.Throws<ArgumentException>(() => model.Predict(large)).Message);
        Assert.Contains("do not fit", Assert.Throws<ArgumentException>(() => model.Evaluate(large)).Message);
        Assert.Throws<ArgumentException>(() => model.Data = DataInfo.Mnist with { ClassNames = DataInfo.Numbered(11) });
    }

    [Fact]
    public void Load_RefusesAnotherNetworksCheckpoint_AndGarbage()
    {
        string path = TemporaryFile();
        try
        {
            Model.Create<OddShapes>().Save(path);
            Assert.Contains("made for network 'odd-shapes'", Assert.Throws<CheckpointException>(() => Model.Load<SevenKernel>(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
        using var garbage = new MemoryStream([1, 2, 3, 4, 5]);
        Assert.StartsWith("Checkpoint 'upload':", Assert.Throws<CheckpointException>(() => Model.Load<SevenKernel>(garbage, "upload")).Message);
    }

    /// <summary>
    /// One argument order for every file a model or network is written to: the target path first, then what
    /// is written (<c>Checkpoint.Save(path, ...)</c>, <c>OnnxExport.Save(path, ...)</c>, <c>model.Save(path)</c>).
    /// </summary>
    [Fact]
    public void EverySaveMethod_TakesThePathFirst()
    {
        // The runtime and the ONNX export, its own assembly (package LeNet.Generated.Onnx).
        MethodInfo[] saves = [.. new[] { typeof(Checkpoint).Assembly, typeof(OnnxExport).Assembly }.SelectMany(assembly => assembly.GetExportedTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.Name is "Save" or "ExportOnnx" || method.Name.StartsWith("Save", StringComparison.Ordinal))];

        Assert.Contains(saves, m => m.DeclaringType == typeof(Checkpoint));
        Assert.Contains(saves, m => m.DeclaringType == typeof(OnnxExport));
        Assert.Contains(saves, m => m.DeclaringType == typeof(ModelOnnxExtensions));
        Assert.Contains(saves, m => m.DeclaringType!.Name.StartsWith("Model`", StringComparison.Ordinal));
        foreach (MethodInfo save in saves)
        {
            ParameterInfo[] parameters = save.GetParameters();
            ParameterInfo target = save.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)) ? parameters[1] : parameters[0];
            Assert.True(target.ParameterType == typeof(string) && target.Name == "path",
                $"{save.DeclaringType!.Name}.{save.Name} takes '{target.Name}' where the path belongs");
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
