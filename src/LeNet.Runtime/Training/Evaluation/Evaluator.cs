using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// Measures a network on a labelled set: accuracy, mean loss, confusion matrix and the samples it
/// gets wrong. Samples are split into fixed chunks that the threads take in turn, each thread
/// running its chunks a block at a time (<see cref="INetwork.ForwardBlock"/>) in its own buffers
/// (allocated once); per-chunk results are combined in chunk order, so the result does not depend
/// on the thread count or on timing.
/// </summary>
public sealed class Evaluator
{
    /// <summary>Samples per unit of work (a multiple of every block size).</summary>
    public const int ChunkSize = 256;

    private readonly BlockWorkspace[] _workspaces;

    /// <summary>An evaluator for <paramref name="network"/> reading its outputs with <paramref name="loss"/> (default: <see cref="Losses.ForOutput"/>).</summary>
    /// <param name="network">The engine.</param>
    /// <param name="loss">The criterion whose mean is reported and whose <see cref="ILoss.Predict"/> decides the class.</param>
    /// <param name="threads">Worker threads; 0 or less means <see cref="Environment.ProcessorCount"/>.</param>
    public Evaluator(INetwork network, ILoss? loss = null, int threads = 0)
    {
        Network = network;
        Loss = loss ?? Losses.ForOutput(network.Description);
        Threads = threads > 0 ? threads : Environment.ProcessorCount;
        _workspaces = new BlockWorkspace[Threads];
        for (int t = 0; t < Threads; t++) _workspaces[t] = new BlockWorkspace(network);
    }

    /// <summary>The engine evaluated.</summary>
    public INetwork Network { get; }
    /// <summary>The criterion.</summary>
    public ILoss Loss { get; }
    /// <summary>Worker threads.</summary>
    public int Threads { get; }

    /// <summary>Runs every sample of <paramref name="data"/> through the network with <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The data has more classes than the network has outputs, or its images do not fit the input.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    public EvaluationResult Evaluate(ReadOnlyMemory<float> parameters, LabelledImages data, CancellationToken token = default)
    {
        using var crew = new WorkerCrew(Math.Max(1, Math.Min(Threads, ChunksOf(data.Count))));
        return Evaluate(parameters, data, crew, token);
    }

    /// <summary><see cref="Evaluate(ReadOnlyMemory{float}, LabelledImages, CancellationToken)"/> on an existing crew (the trainer's).</summary>
    internal EvaluationResult Evaluate(ReadOnlyMemory<float> parameters, LabelledImages data, WorkerCrew crew, CancellationToken token)
    {
        CheckFits(Network.Description, data);
        var encoder = new InputEncoder(Network.Description.Input, data.Rows, data.Columns);
        int classes = Network.Description.Output.Size;
        int chunks = ChunksOf(data.Count);
        var chunkLoss = new double[chunks];
        var chunkCorrect = new int[chunks];
        var chunkMistakes = new List<Misclassification>[chunks];
        var confusions = new int[Threads][,];

        ForEachChunk(data.Count, crew, token, (worker, first, count, chunk) =>
        {
            var samples = new EvaluationSamples(data, encoder, Loss, confusions[worker] ??= new int[classes, classes], chunkMistakes[chunk] = []);
            _workspaces[worker].Infer(ref samples, first, count, parameters.Span);
            chunkLoss[chunk] = samples.LossSum;
            chunkCorrect[chunk] = samples.Correct;
        });
        return Combine(data.Count, classes, chunkLoss, chunkCorrect, chunkMistakes, confusions);
    }

    /// <summary>
    /// Reads the class of every image in <paramref name="pixels"/> (<paramref name="labels"/>.Length images of
    /// <paramref name="rows"/> x <paramref name="columns"/> bytes, back to back) as <see cref="Evaluate(ReadOnlyMemory{float}, LabelledImages, CancellationToken)"/>
    /// does, on the same threads and blocks, writing each one's class into <paramref name="labels"/> and its
    /// probabilities into its row of <paramref name="probabilities"/> (one float per output).
    /// </summary>
    /// <exception cref="ArgumentException">The images do not fit the input, or the buffers do not match the images.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    internal void Predict(ReadOnlyMemory<float> parameters, ReadOnlyMemory<byte> pixels, int rows, int columns, int[] labels, float[] probabilities, CancellationToken token)
    {
        var encoder = new InputEncoder(Network.Description.Input, rows, columns);
        int classes = Network.Description.Output.Size, imageSize = rows * columns, count = labels.Length;
        if (pixels.Length != (long)count * imageSize || probabilities.Length != (long)count * classes)
            throw new ArgumentException($"{count} images of {rows}x{columns} take {(long)count * imageSize} bytes and {(long)count * classes} probabilities, not {pixels.Length} and {probabilities.Length}.");
        using var crew = new WorkerCrew(Math.Max(1, Math.Min(Threads, ChunksOf(count))));
        ForEachChunk(count, crew, token, (worker, first, size, _) =>
        {
            var samples = new PredictionSamples(pixels, imageSize, encoder, Loss, labels, probabilities);
            _workspaces[worker].Infer(ref samples, first, size, parameters.Span);
        });
    }

    private static int ChunksOf(int count) => (count + ChunkSize - 1) / ChunkSize;

    /// <summary>
    /// Runs <paramref name="work"/>(worker, first sample, samples, chunk) for every chunk of <paramref name="count"/>
    /// samples on <paramref name="crew"/>, the workers taking chunks in turn; stops taking chunks once
    /// <paramref name="token"/> is cancelled, and then throws.
    /// </summary>
    private void ForEachChunk(int count, WorkerCrew crew, CancellationToken token, Action<int, int, int, int> work)
    {
        int chunks = ChunksOf(count);
        int workers = Math.Max(1, Math.Min(Math.Min(Threads, crew.Size), chunks));
        int nextChunk = -1;
        crew.Run(workers, worker =>
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref nextChunk)) < chunks && !token.IsCancellationRequested)
            {
                int first = chunk * ChunkSize;
                work(worker, first, Math.Min(count, first + ChunkSize) - first, chunk);
            }
        });
        token.ThrowIfCancellationRequested();
    }

    /// <summary>One chunk's samples: encodes them and tallies the chunk's loss, correct answers, mistakes and its worker's confusions.</summary>
    private struct EvaluationSamples(LabelledImages data, InputEncoder encoder, ILoss loss, int[,] confusion, List<Misclassification> mistakes) : IInferenceSamples
    {
        public double LossSum;
        public int Correct;

        public readonly void Encode(int sample, Span<float> input) => encoder.Encode(data.Image(sample), input);

        public void Read(int sample, BlockWorkspace workspace, int lane)
        {
            ReadOnlySpan<float> output = workspace.LoadOutput(lane);
            int label = data.Labels[sample];
            LossSum += loss.Loss(output, label, workspace.OutputGradient);
            int predicted = loss.Predict(output);
            confusion[label, predicted]++;
            if (predicted == label) Correct++;
            else mistakes.Add(new Misclassification(sample, label, predicted));
        }
    }

    /// <summary>Unlabelled samples: encodes them and writes each one's class and probabilities.</summary>
    private readonly struct PredictionSamples(ReadOnlyMemory<byte> pixels, int imageSize, InputEncoder encoder, ILoss loss, int[] labels, float[] probabilities) : IInferenceSamples
    {
        public void Encode(int sample, Span<float> input) => encoder.Encode(pixels.Span.Slice(sample * imageSize, imageSize), input);

        public void Read(int sample, BlockWorkspace workspace, int lane)
        {
            ReadOnlySpan<float> output = workspace.LoadOutput(lane);
            labels[sample] = loss.Predict(output);
            loss.Probabilities(output, probabilities.AsSpan(sample * output.Length, output.Length));
        }
    }

    /// <summary>
    /// Runs one image through <paramref name="network"/> and reads its outputs as its output layer says
    /// (<see cref="Losses.ForOutput"/>): the predicted class, the class probabilities and, for display, the
    /// input and every activation.
    /// </summary>
    /// <exception cref="ArgumentException">The image does not fit the input, or <paramref name="image"/> does not hold rows x columns bytes.</exception>
    public static ForwardTrace Trace(INetwork network, ReadOnlySpan<float> parameters, ReadOnlySpan<byte> image, int rows, int columns)
    {
        var encoder = new InputEncoder(network.Description.Input, rows, columns);
        if (image.Length != (long)rows * columns)
            throw new ArgumentException($"A {rows}x{columns} image has {(long)rows * columns} pixels, but {image.Length} were given.", nameof(image));
        ILoss reading = Losses.ForOutput(network.Description);
        var workspace = new SampleWorkspace(network);
        workspace.Forward(parameters, encoder, image);
        var probabilities = new float[workspace.Output.Length];
        reading.Probabilities(workspace.Output, probabilities);
        return new ForwardTrace(reading.Predict(workspace.Output), probabilities, workspace.Input, workspace.Activations);
    }

    /// <summary>Fails when <paramref name="data"/>'s labels cannot be read from <paramref name="network"/>'s outputs.</summary>
    internal static void CheckFits(NetworkDescription network, LabelledImages data)
    {
        if (data.Classes > network.Output.Size)
            throw new ArgumentException($"{data.Name} has {data.Classes} classes, but network '{network.Name}' has only {network.Output.Size} outputs.");
    }

    private static EvaluationResult Combine(int count, int classes, double[] chunkLoss, int[] chunkCorrect,
        List<Misclassification>[] chunkMistakes, int[][,] confusions)
    {
        double loss = 0;
        int correct = 0;
        var mistakes = new List<Misclassification>();
        for (int chunk = 0; chunk < chunkLoss.Length; chunk++)
        {
            loss += chunkLoss[chunk];
            correct += chunkCorrect[chunk];
            mistakes.AddRange(chunkMistakes[chunk]);
        }
        var confusion = new int[classes, classes];
        foreach (int[,]? part in confusions)
        {
            if (part is null) continue;
            for (int t = 0; t < classes; t++)
                for (int p = 0; p < classes; p++)
                    confusion[t, p] += part[t, p];
        }
        return new EvaluationResult(count, correct, count == 0 ? 0 : loss / count, confusion, mistakes);
    }
}
