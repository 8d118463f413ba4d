using System.Diagnostics;
using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// Trains any <see cref="INetwork"/> by mini-batch (or per-sample) gradient descent.
/// </summary>
/// <remarks>
/// Each step splits the batch into contiguous chunks, one per worker (at most
/// <see cref="TrainingOptions.Threads"/>); a worker runs forward, loss and backward for each of its
/// samples into its own gradient buffer. The gradients are then added in worker order, divided by
/// the batch size, and handed to the optimizer. Every buffer is allocated once and the workers are
/// dedicated threads, so a step allocates nothing, and the same seed and thread count give
/// bit-identical parameters. Each pass visits the training set in a fresh seeded permutation
/// (Fisher-Yates over indices; images are never copied). With SDLM the curvature is re-estimated before each pass from the first
/// <see cref="TrainingOptions.CurvatureSamples"/> samples of the pass.
/// Calling <see cref="Train"/> again continues from the current parameters and optimizer state.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Shortest time between two progress reports, in seconds.</summary>
    public const double ProgressInterval = 0.1;

    private const int ShuffleStream = 1;

    private readonly TrainingWorker[] _workers;
    private readonly IOptimizer _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly Evaluator _evaluator;
    private readonly Action<int> _trainChunk, _curvatureChunk;
    private readonly float[] _best;
    private readonly Stopwatch _trainingClock = new();
    private EpochReport? _bestReport;

    // The current run and step, read by the worker bodies (fields, so the bodies need no closure).
    private LabelledImages? _data;
    private InputEncoder? _encoder;
    private int[] _order = [];
    private int _epoch, _batchStart, _batchCount, _active;
    private WorkerCrew? _crew;
    private long _samplesTrained;

    /// <summary>A trainer for <paramref name="network"/>; the parameters are initialised here from the options' scheme and seed.</summary>
    /// <exception cref="ArgumentException">Invalid options, or a loss that does not fit the network's output layer.</exception>
    public Trainer(INetwork network, TrainingOptions options)
    {
        options.Validate();
        NetworkDescription description = network.Description;
        Network = network;
        Options = options;
        Loss = options.Loss ?? Losses.ForOutput(description);
        Losses.CheckFits(Loss, description);
        Parameters = ParameterInitializer.Create(description, options.Initialization, options.Seed);
        _best = (float[])Parameters.Clone();
        _optimizer = Optimizers.Create(options, description);
        _schedule = LearningRateSchedules.Create(options);
        _workers = new TrainingWorker[options.Threads];
        for (int w = 0; w < _workers.Length; w++) _workers[w] = new TrainingWorker(network);
        _evaluator = new Evaluator(network, Loss, options.Threads);
        _trainChunk = TrainChunk;
        _curvatureChunk = CurvatureChunk;
    }

    /// <summary>The engine being trained.</summary>
    public INetwork Network { get; }
    /// <summary>The options, as given.</summary>
    public TrainingOptions Options { get; }
    /// <summary>The criterion in use.</summary>
    public ILoss Loss { get; }
    /// <summary>The optimizer in use.</summary>
    public IOptimizer Optimizer => _optimizer;
    /// <summary>The schedule in use.</summary>
    public ILearningRateSchedule Schedule => _schedule;
    /// <summary>The evaluator used for the test set (same loss and threads).</summary>
    public Evaluator Evaluator => _evaluator;

    /// <summary>The current parameters; overwrite them (e.g. from a checkpoint) before <see cref="Train"/> to start elsewhere.</summary>
    public float[] Parameters { get; }

    /// <summary>The best parameters so far: highest test accuracy, else the latest completed pass; before training, the initial ones.</summary>
    public float[] BestParameters => _best;

    /// <summary>The report of the pass <see cref="BestParameters"/> come from, or null.</summary>
    public EpochReport? Best => _bestReport;

    /// <summary>
    /// Runs <see cref="TrainingOptions.Epochs"/> passes over <paramref name="train"/>, evaluating on
    /// <paramref name="test"/> (when given) after each.
    /// </summary>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set, or null.</param>
    /// <param name="progress">Receives snapshots at most every <see cref="ProgressInterval"/> seconds.</param>
    /// <param name="onEpoch">Called after each pass (on the training thread), e.g. to save a checkpoint.</param>
    /// <param name="token">Stops training between steps; the result then says <see cref="TrainingResult.Cancelled"/>.</param>
    /// <exception cref="TrainingDivergedException">A loss, gradient, curvature or parameter became NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public TrainingResult Train(LabelledImages train, LabelledImages? test, IProgress<TrainingProgress>? progress = null,
        Action<EpochReport>? onEpoch = null, CancellationToken token = default)
    {
        Prepare(train, test);
        using var crew = _crew = new WorkerCrew(_workers.Length);
        var run = Stopwatch.StartNew();
        var shuffle = new Random(SampleSeeds.ForStream(Options.Seed, ShuffleStream));
        var reports = new List<EpochReport>();
        bool cancelled = false;

        for (int epoch = 0; epoch < Options.Epochs && !cancelled; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            Shuffle(_order, shuffle);
            _epoch = epoch;
            PassTally tally = RunPass(progress, token);
            if (tally.Cancelled) { cancelled = true; break; }
            if (!SpanMath.AllFinite(Parameters))
                throw new TrainingDivergedException(epoch + 1, tally.Steps, tally.Rate, "the parameters became NaN or infinite");

            EvaluationResult? evaluation;
            try { evaluation = test is null ? null : _evaluator.Evaluate(Parameters, test, token); }
            catch (OperationCanceledException) { cancelled = true; break; }
            EpochReport report = Record(tally, evaluation, Stopwatch.GetElapsedTime(started).TotalSeconds);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }

        // A run stopped before any tested pass has nothing better than where it stands.
        if (cancelled && (test is null || _bestReport is null) && SpanMath.AllFinite(Parameters))
            Parameters.CopyTo(_best, 0);
        return new TrainingResult(reports, _bestReport, (float[])_best.Clone(), (float[])Parameters.Clone(), cancelled, run.Elapsed.TotalSeconds);
    }

    /// <summary>One pass's running totals.</summary>
    private record struct PassTally(int Steps, double LossSum, int Correct, int Done, float Rate, bool Cancelled);

    /// <summary>One pass over the current order: curvature (SDLM), then every step, reporting progress on the way.</summary>
    private PassTally RunPass(IProgress<TrainingProgress>? progress, CancellationToken token)
    {
        int count = _order.Length, batch = Options.BatchSize, steps = (count + batch - 1) / batch;
        var tally = new PassTally(steps, 0, 0, 0, _schedule.Rate(_epoch, 0, steps), false);
        long lastReport = Stopwatch.GetTimestamp();
        _trainingClock.Start();
        if (_optimizer is ICurvatureOptimizer curvatureOptimizer)
            EstimateCurvature(curvatureOptimizer, tally.Rate);
        for (int step = 0; step < steps; step++)
        {
            if (token.IsCancellationRequested)
            {
                tally.Cancelled = true;
                break;
            }
            tally.Rate = _schedule.Rate(_epoch, step, steps);
            int size = Math.Min(batch, count - step * batch);
            RunStep(step * batch, size, step, tally.Rate, ref tally);
            tally.Done += size;
            _samplesTrained += size;
            if (progress is not null && Stopwatch.GetElapsedTime(lastReport).TotalSeconds >= ProgressInterval)
            {
                lastReport = Stopwatch.GetTimestamp();
                progress.Report(Snapshot(tally));
            }
        }
        _trainingClock.Stop();
        if (!tally.Cancelled) progress?.Report(Snapshot(tally));
        return tally;
    }

    /// <summary>Makes the pass's report and keeps its parameters when they are the best so far.</summary>
    private EpochReport Record(PassTally tally, EvaluationResult? evaluation, double seconds)
    {
        bool isBest = evaluation is null || _bestReport?.Test is not { } best || evaluation.Accuracy > best.Accuracy;
        var report = new EpochReport(_epoch + 1, Options.Epochs, tally.LossSum / tally.Done, (double)tally.Correct / tally.Done,
            evaluation, tally.Rate, seconds, isBest);
        if (isBest)
        {
            Parameters.CopyTo(_best, 0);
            _bestReport = report;
        }
        return report;
    }

    private void Prepare(LabelledImages train, LabelledImages? test)
    {
        if (train.Count == 0) throw new ArgumentException($"{train.Name} holds no images to train on.");
        Evaluator.CheckFits(Network.Description, train);
        if (test is not null) Evaluator.CheckFits(Network.Description, test);
        _data = train;
        _encoder = new InputEncoder(Network.Description.Input, train.Rows, train.Columns);
        if (_order.Length != train.Count) _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _trainingClock.Reset();
        _samplesTrained = 0;
        foreach (TrainingWorker worker in _workers) worker.Workspace.EnsureImage(train.ImageSize);
        Options.Augmentation?.Prepare(_workers.Length, train.Rows, train.Columns);
    }

    /// <summary>Fisher-Yates: a uniformly random permutation, whatever order the array was in.</summary>
    private static void Shuffle(int[] order, Random random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private TrainingProgress Snapshot(PassTally tally)
    {
        double seconds = _trainingClock.Elapsed.TotalSeconds;
        long runSamples = (long)Options.Epochs * _order.Length;
        double perSecond = seconds > 0 ? _samplesTrained / seconds : 0;
        TimeSpan remaining = perSecond > 0 ? TimeSpan.FromSeconds((runSamples - _samplesTrained) / perSecond) : TimeSpan.Zero;
        return new TrainingProgress(_epoch + 1, Options.Epochs, tally.Done, _order.Length, perSecond, remaining,
            tally.Done == 0 ? 0 : tally.LossSum / tally.Done, tally.Done == 0 ? 0 : (double)tally.Correct / tally.Done, tally.Rate);
    }

    /// <summary>One optimizer step over samples [start, start + size) of the pass's order.</summary>
    private void RunStep(int start, int size, int step, float rate, ref PassTally tally)
    {
        RunChunks(start, size, _trainChunk);
        for (int w = 0; w < _active; w++)
        {
            TrainingWorker worker = _workers[w];
            if (worker.DivergedIndex >= 0)
                throw new TrainingDivergedException(_epoch + 1, step + 1, rate,
                    $"the loss of training image {worker.DivergedIndex} became {worker.DivergedLoss}");
            tally.LossSum += worker.LossSum;
            tally.Correct += worker.Correct;
        }
        float[] gradient = SumGradients(size);
        if (!SpanMath.AllFinite(gradient))
            throw new TrainingDivergedException(_epoch + 1, step + 1, rate, "the gradient became NaN or infinite");
        _optimizer.Step(Parameters, gradient, rate);
    }

    /// <summary>Averages the per-sample curvature over the first samples of the pass and hands it to the optimizer.</summary>
    private void EstimateCurvature(ICurvatureOptimizer optimizer, float rate)
    {
        int size = Math.Min(Options.CurvatureSamples, _order.Length);
        RunChunks(0, size, _curvatureChunk);
        float[] curvature = SumGradients(size);
        if (!SpanMath.AllFinite(curvature))
            throw new TrainingDivergedException(_epoch + 1, 1, rate, "the curvature estimate became NaN or infinite");
        optimizer.SetCurvature(curvature);
    }

    private void RunChunks(int start, int size, Action<int> body)
    {
        _batchStart = start;
        _batchCount = size;
        _active = Math.Min(_workers.Length, size);
        _crew!.Run(_active, body);
    }

    /// <summary>Adds the active workers' buffers into the first one, in worker order, and divides by the sample count.</summary>
    private float[] SumGradients(int size)
    {
        float[] total = _workers[0].Gradient;
        for (int w = 1; w < _active; w++) SpanMath.Add(total, _workers[w].Gradient);
        if (size > 1) SpanMath.Scale(total, 1f / size);
        return total;
    }

    /// <summary>Worker <paramref name="w"/>'s contiguous share of the current step's samples.</summary>
    private (int From, int To) ChunkOf(int w) =>
        ((int)((long)_batchCount * w / _active), (int)((long)_batchCount * (w + 1) / _active));

    /// <summary>Encodes (and distorts) the sample at <paramref name="position"/> of the pass and runs it forward.</summary>
    private int Forward(int w, SampleWorkspace workspace, int position)
    {
        int index = _order[position];
        ReadOnlySpan<byte> image = _data!.Image(index);
        if (Options.Augmentation is { } augmentation)
        {
            augmentation.Apply(w, SampleSeeds.ForSample(Options.Seed, _epoch, position), image, workspace.Image);
            image = workspace.Image;
        }
        workspace.Forward(Parameters, _encoder!, image);
        return index;
    }

    private void TrainChunk(int w)
    {
        TrainingWorker worker = _workers[w];
        SampleWorkspace workspace = worker.Workspace;
        worker.BeginStep();
        (int from, int to) = ChunkOf(w);
        for (int i = from; i < to; i++)
        {
            int index = Forward(w, workspace, _batchStart + i);
            int label = _data!.Labels[index];
            float loss = Loss.Loss(workspace.Output, label, workspace.OutputGradient);
            if (!float.IsFinite(loss))
            {
                worker.MarkDiverged(index, loss);
                return;
            }
            worker.LossSum += loss;
            if (Loss.Predict(workspace.Output) == label) worker.Correct++;
            Network.Backward(Parameters, workspace.Input, workspace.Activations, workspace.OutputGradient, worker.Gradient, workspace.Scratch);
        }
    }

    private void CurvatureChunk(int w)
    {
        TrainingWorker worker = _workers[w];
        SampleWorkspace workspace = worker.Workspace;
        worker.BeginStep();
        (int from, int to) = ChunkOf(w);
        for (int i = from; i < to; i++)
        {
            int index = Forward(w, workspace, _batchStart + i);
            Loss.Curvature(workspace.Output, _data!.Labels[index], workspace.OutputGradient);
            Network.BackwardCurvature(Parameters, workspace.Input, workspace.Activations, workspace.OutputGradient, worker.Gradient, workspace.Scratch);
        }
    }
}
