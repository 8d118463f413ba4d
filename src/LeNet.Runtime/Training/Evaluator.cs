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
        using var crew = new WorkerCrew(Math.Max(1, Math.Min(Threads, ChunksOf(data))));
        return Evaluate(parameters, data, crew, token);
    }

    /// <summary><see cref="Evaluate(ReadOnlyMemory{float}, LabelledImages, CancellationToken)"/> on an existing crew (the trainer's).</summary>
    internal EvaluationResult Evaluate(ReadOnlyMemory<float> parameters, LabelledImages data, WorkerCrew crew, CancellationToken token)
    {
        CheckFits(Network.Description, data);
        var encoder = new InputEncoder(Network.Description.Input, data.Rows, data.Columns);
        int classes = Network.Description.Output.Size;
        int chunks = ChunksOf(data);
        var chunkLoss = new double[chunks];
        var chunkCorrect = new int[chunks];
        var chunkMistakes = new List<Misclassification>[chunks];
        int workers = Math.Max(1, Math.Min(Math.Min(Threads, crew.Size), chunks));
        var confusions = new int[workers][,];
        int nextChunk = -1;

        void Work(int worker)
        {
            BlockWorkspace workspace = _workspaces[worker];
            var samples = new EvaluationSamples(data, encoder, Loss, confusions[worker] = new int[classes, classes]);
            ReadOnlySpan<float> p = parameters.Span;
            int chunk;
            while ((chunk = Interlocked.Increment(ref nextChunk)) < chunks && !token.IsCancellationRequested)
            {
                samples.Begin(chunkMistakes[chunk] = []);
                int first = chunk * ChunkSize;
                workspace.Infer(ref samples, first, Math.Min(data.Count, first + ChunkSize) - first, p);
                chunkLoss[chunk] = samples.LossSum;
                chunkCorrect[chunk] = samples.Correct;
            }
        }

        crew.Run(workers, Work);
        token.ThrowIfCancellationRequested();
        return Combine(data.Count, classes, chunkLoss, chunkCorrect, chunkMistakes, confusions);
    }

    private static int ChunksOf(LabelledImages data) => (data.Count + ChunkSize - 1) / ChunkSize;

    /// <summary>One worker's view of the samples: encodes them and tallies each chunk's loss, correct answers, mistakes and confusions.</summary>
    private struct EvaluationSamples(LabelledImages data, InputEncoder encoder, ILoss loss, int[,] confusion) : IInferenceSamples
    {
        private List<Misclassification> _mistakes = [];
        public double LossSum;
        public int Correct;

        /// <summary>Starts a chunk whose mistakes go to <paramref name="mistakes"/>.</summary>
        public void Begin(List<Misclassification> mistakes)
        {
            _mistakes = mistakes;
            LossSum = 0;
            Correct = 0;
        }

        public readonly void Encode(int sample, Span<float> input) => encoder.Encode(data.Image(sample), input);

        public void Read(int sample, BlockWorkspace workspace, int lane)
        {
            ReadOnlySpan<float> output = workspace.LoadOutput(lane);
            int label = data.Labels[sample];
            LossSum += loss.Loss(output, label, workspace.OutputGradient);
            int predicted = loss.Predict(output);
            confusion[label, predicted]++;
            if (predicted == label) Correct++;
            else _mistakes.Add(new Misclassification(sample, label, predicted));
        }
    }

    /// <summary>
    /// Runs one image through the network and reads its outputs with <paramref name="loss"/>: the
    /// prediction, the class probabilities and, for display, the input and every activation.
    /// </summary>
    public static Prediction Predict(INetwork network, ILoss loss, ReadOnlySpan<float> parameters, ReadOnlySpan<byte> image, int rows, int columns)
    {
        var encoder = new InputEncoder(network.Description.Input, rows, columns);
        var workspace = new SampleWorkspace(network);
        workspace.Forward(parameters, encoder, image);
        var probabilities = new float[workspace.Output.Length];
        loss.Probabilities(workspace.Output, probabilities);
        return new Prediction(loss.Predict(workspace.Output), probabilities, workspace.Input, workspace.Activations);
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
