using LeNet.Data;
using LeNet.Engine;
using LeNet.Export;
using LeNet.Models;
using LeNet.Runtime.Tests.Data;
using LeNet.Runtime.Tests.Generated;
using LeNet.Training;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace LeNet.Runtime.Tests.Export;

/// <summary>
/// Every shipped model, briefly trained on real MNIST, exported to ONNX and run by ONNX Runtime on the
/// 10,000 MNIST test images as bytes: its outputs equal the generated engine's on the encoded images
/// and every prediction is the same.
/// </summary>
public sealed class OnnxRuntimeEquivalenceTests(ITestOutputHelper output)
{
    /// <summary>Training images of the brief run: enough to move every parameter away from its initial value.</summary>
    private const int TrainingImages = 6000;
    /// <summary>Images per ONNX Runtime call.</summary>
    private const int Chunk = 1000;
    /// <summary>
    /// The agreement asked for: 1e-5, absolute for outputs up to 1 (probabilities) and relative above
    /// (radial-basis distances reach tens, where one float ulp is already about 4e-6).
    /// </summary>
    private const float Tolerance = 1e-5f;

    public static TheoryData<string> Models() => [.. ModelCatalog.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Onnx_Runtime_computes_what_the_generated_engine_computes(string model)
    {
        ModelEntry entry = ModelCatalog.Find(model);
        MnistSplit mnist = RealMnist.Load();
        float[] parameters = BrieflyTrained(entry, mnist.Train.Take(TrainingImages));
        NetworkDescription network = entry.Description;
        LabelledImages test = mnist.Test;

        var encoder = new InputEncoder(network.Input, test.Rows, test.Columns);
        int inputSize = network.Input.Size, outputs = network.Output.Size, pictureSize = test.Rows * test.Columns;
        var inputs = new float[test.Count * inputSize];
        var pixels = new byte[test.Count * pictureSize];
        for (int i = 0; i < test.Count; i++)
        {
            encoder.Encode(test.Image(i), inputs.AsSpan(i * inputSize, inputSize));
            test.Image(i).CopyTo(pixels.AsSpan(i * pictureSize, pictureSize));
        }

        float[] ours = OursOutputs(entry.Create(), parameters, inputs, test.Count);
        float[] theirs = OnnxRuntimeOutputs(OnnxExport.Serialize(network, parameters), [1, test.Rows, test.Columns], pixels, outputs, OnnxExport.InputName);

        ILoss loss = Losses.ForOutput(network);
        float worst = 0f;
        int worstAt = -1, differentPredictions = 0, correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> a = ours.AsSpan(i * outputs, outputs), b = theirs.AsSpan(i * outputs, outputs);
            for (int u = 0; u < outputs; u++)
            {
                float error = MathF.Abs(a[u] - b[u]) / MathF.Max(1f, MathF.Abs(a[u]));
                if (error > worst) (worst, worstAt) = (error, i * outputs + u);
            }
            int predicted = loss.Predict(a);
            if (predicted != loss.Predict(b)) differentPredictions++;
            if (predicted == test.Labels[i] % outputs) correct++; // digits modulo the answers, as trained
        }

        output.WriteLine($"{model}: largest difference {worst:E2}, {differentPredictions} different predictions, {correct} of {test.Count} right.");
        Assert.True(worst <= Tolerance,
            $"{model}: ONNX Runtime differs from the generated engine by {worst:E2} at output {worstAt % outputs} of test image {worstAt / outputs} ({ours[worstAt]} vs {theirs[worstAt]}).");
        Assert.Equal(0, differentPredictions);
        // The brief training must have produced a network worth comparing, not one that always says the same.
        Assert.True(correct > test.Count / 2, $"{model}: only {correct} of {test.Count} right after the brief training.");
    }

    /// <summary>
    /// The test declarations reach every layer kind and option (two input maps, odd sizes, a sparse
    /// table, max and trainable pooling, every activation, softmax, trainable random RBF centres):
    /// random parameters and inputs, ONNX Runtime against the generic engine.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Every_layer_kind_exports_to_what_the_generic_engine_computes(string name) =>
        AssertOnnxRuntimeMatchesGenericEngine(NetworkCases.Generated(name).Description);

    /// <summary>A full layer feeding a convolution and a pooling layer: the flat tensor is reshaped back into maps.</summary>
    [Fact]
    public void A_convolution_after_a_full_layer_reads_its_units_as_maps() =>
        AssertOnnxRuntimeMatchesGenericEngine(new NetworkDescription("flat-to-maps", new Shape(1, 6, 6),
        [
            new LayerDeclaration(LayerKind.FullyConnected, "F1", 16, Activation: Activation.Tanh),
            new LayerDeclaration(LayerKind.Convolution, "C2", 4, Kernel: 1, Activation: Activation.ReLU),
            new LayerDeclaration(LayerKind.Subsampling, "S3", 1, Trainable: true, Activation: Activation.Sigmoid),
            new LayerDeclaration(LayerKind.FullyConnected, "F4", 3),
            new LayerDeclaration(LayerKind.Softmax, "OUT", 3),
        ]));

    private static void AssertOnnxRuntimeMatchesGenericEngine(NetworkDescription network)
    {
        const int batch = 5;
        float[] parameters = NetworkCases.Parameters(network, seed: 1);
        float[] inputs = NetworkCases.Random(batch * network.Input.Size, seed: 2, scale: 1.2f);
        byte[] model = OnnxExport.Build(network, parameters, classNames: null, picture: null).ToByteArray();
        float[] theirs = OnnxRuntimeOutputs(model, [network.Input.Channels, network.Input.Height, network.Input.Width], inputs, network.Output.Size, OnnxExport.EncodedInputName);
        var activations = new float[batch * network.ActivationCount];
        var generic = new GenericNetwork(network);
        for (int s = 0; s < batch; s++)
            generic.Forward(parameters, inputs.AsSpan(s * network.Input.Size, network.Input.Size), activations.AsSpan(s * network.ActivationCount, network.ActivationCount));
        for (int s = 0; s < batch; s++)
            ForwardEquivalenceTests.AssertClose(activations.AsSpan(s * network.ActivationCount + network.OutputOffset, network.Output.Size),
                theirs.AsSpan(s * network.Output.Size, network.Output.Size), $"{network.Name} sample {s}, ONNX Runtime against the generic engine");
    }

    [Fact]
    public void The_model_takes_28x28_bytes_on_a_dynamic_batch_axis_with_opset_13_and_says_how_it_encodes_them()
    {
        NetworkDescription network = LeNet5Classic.Description;
        var parameters = new float[network.ParameterCount];
        using var session = new InferenceSession(OnnxExport.Serialize(network, parameters));
        Assert.Equal([-1, 1, 28, 28], session.InputMetadata[OnnxExport.InputName].Dimensions);
        Assert.Equal(typeof(byte), session.InputMetadata[OnnxExport.InputName].ElementType);
        Assert.Equal([-1, 10], session.OutputMetadata[OnnxExport.OutputName].Dimensions);
        string encoding = session.ModelMetadata.CustomMetadataMap[OnnxExport.InputEncodingKey];
        Assert.Contains("uint8 [batch, 1, 28, 28]", encoding);
        Assert.Contains("32x32", encoding);
        Assert.Contains(encoding, session.ModelMetadata.Description);
        Onnx.ModelProto model = Onnx.ModelProto.Parser.ParseFrom(OnnxExport.Serialize(network, parameters));
        Assert.Equal(13, model.OpsetImport.Single().Version);
    }

    /// <summary>Pixels already scaled to 0..1 as floats are refused by ONNX Runtime, not silently read as near-background bytes.</summary>
    [Fact]
    public void Float_pixels_are_refused()
    {
        NetworkDescription network = LeNet5.Description;
        using var session = new InferenceSession(OnnxExport.Serialize(network, new float[network.ParameterCount]));
        var scaled = new DenseTensor<float>(new float[28 * 28], [1, 1, 28, 28]);
        Assert.Throws<OnnxRuntimeException>(() => session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, scaled)]));
    }

    /// <summary>A picture of another size is padded to the field as the encoder pads it: a 20x25 picture in LeNet-5's 32x32, odd margins included.</summary>
    [Fact]
    public void Pictures_of_another_size_are_centred_in_the_field_as_the_encoder_centres_them()
    {
        NetworkDescription network = LeNet5Classic.Description;
        const int rows = 20, columns = 25, batch = 3;
        float[] parameters = NetworkCases.Parameters(network, seed: 3);
        var random = new Random(4);
        var pixels = new byte[batch * rows * columns];
        random.NextBytes(pixels);
        var encoder = new InputEncoder(network.Input, rows, columns);
        var inputs = new float[batch * network.Input.Size];
        for (int s = 0; s < batch; s++)
            encoder.Encode(pixels.AsSpan(s * rows * columns, rows * columns), inputs.AsSpan(s * network.Input.Size, network.Input.Size));
        float[] ours = OursOutputs(new GenericNetwork(network), parameters, inputs, batch);
        float[] theirs = OnnxRuntimeOutputs(OnnxExport.Serialize(network, parameters, imageRows: rows, imageColumns: columns), [1, rows, columns], pixels, network.Output.Size, OnnxExport.InputName);
        for (int s = 0; s < batch; s++)
            ForwardEquivalenceTests.AssertClose(ours.AsSpan(s * network.Output.Size, network.Output.Size), theirs.AsSpan(s * network.Output.Size, network.Output.Size), $"picture {s}");
    }

    [Fact]
    public void Networks_no_picture_fills_are_refused()
    {
        Assert.Contains("do not fit", Assert.Throws<ArgumentException>(() =>
            OnnxExport.Serialize(LeNet5.Description, new float[LeNet5.Description.ParameterCount], imageRows: 33)).Message);
        NetworkDescription twoMaps = NetworkCases.AllNames.Select(n => NetworkCases.Generated(n).Description).First(d => d.Input.Channels > 1);
        Assert.Contains("input maps", Assert.Throws<ArgumentException>(() =>
            OnnxExport.Serialize(twoMaps, new float[twoMaps.ParameterCount], imageRows: 1, imageColumns: 1)).Message);
    }

    [Fact]
    public void Save_writes_the_file_atomically_and_checks_the_parameter_count()
    {
        NetworkDescription network = LeNet5Classic.Description;
        string folder = Path.Combine(Path.GetTempPath(), $"lenet-onnx-{Guid.NewGuid():N}");
        string path = Path.Combine(folder, "model.onnx");
        try
        {
            Assert.Throws<ArgumentException>(() => OnnxExport.Save(path, network, new float[3]));
            Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());

            OnnxExport.Save(path, network, new float[network.ParameterCount], [.. Enumerable.Range(0, 10).Select(d => $"digit {d}")]);
            Assert.Equal([path], Directory.GetFiles(folder));
            using var session = new InferenceSession(path);
            Assert.Equal("digit 0\ndigit 1\ndigit 2\ndigit 3\ndigit 4\ndigit 5\ndigit 6\ndigit 7\ndigit 8\ndigit 9",
                session.ModelMetadata.CustomMetadataMap[OnnxExport.ClassNamesKey]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One pass of the model's own recipe over a few images, on one thread so the run is the same everywhere.</summary>
    private static float[] BrieflyTrained(ModelEntry entry, LabelledImages train)
    {
        int classes = entry.Description.Output.Size;
        if (classes < train.Classes) // a model with fewer answers than digits (the page detector) learns digits modulo its answers
            train = new LabelledImages(train.Name, train.Rows, train.Columns, train.Pixels,
                [.. train.Labels.Select(label => (byte)(label % classes))], classes);
        TrainingOptions options = entry.Recipe with { Epochs = 1, WarmupSteps = Math.Min(entry.Recipe.WarmupSteps, 10), Threads = 1 };
        var trainer = new Trainer(entry.Create(), options);
        trainer.Train(train, test: null);
        return trainer.Parameters.ToArray();
    }

    private static float[] OursOutputs(INetwork network, float[] parameters, float[] inputs, int count)
    {
        NetworkDescription d = network.Description;
        var outputs = new float[count * d.Output.Size];
        var activations = new float[d.ActivationCount];
        for (int i = 0; i < count; i++)
        {
            network.Forward(parameters, inputs.AsSpan(i * d.Input.Size, d.Input.Size), activations);
            activations.AsSpan(d.OutputOffset, d.Output.Size).CopyTo(outputs.AsSpan(i * d.Output.Size));
        }
        return outputs;
    }

    /// <summary>ONNX Runtime's outputs for <paramref name="inputs"/>, samples of shape <paramref name="sample"/> one after another, fed to <paramref name="inputName"/> a chunk at a time.</summary>
    private static float[] OnnxRuntimeOutputs<T>(byte[] model, int[] sample, T[] inputs, int outputSize, string inputName)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        int sampleSize = sample.Aggregate(1, (a, b) => a * b), count = inputs.Length / sampleSize;
        var outputs = new float[count * outputSize];
        for (int start = 0; start < count; start += Chunk)
        {
            int n = Math.Min(Chunk, count - start);
            var tensor = new DenseTensor<T>(inputs.AsMemory(start * sampleSize, n * sampleSize), [n, .. sample]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
            float[] result = results.Single().AsTensor<float>().ToArray();
            Assert.Equal(n * outputSize, result.Length);
            result.CopyTo(outputs, start * outputSize);
        }
        return outputs;
    }
}
