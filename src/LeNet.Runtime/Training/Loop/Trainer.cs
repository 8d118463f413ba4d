using System.Diagnostics;
using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// Trains any <see cref="INetwork"/> by mini-batch (or per-sample) gradient descent.
/// </summary>
/// <remarks>
/// <para>
/// A step runs on a crew of at most <see cref="TrainingOptions.Threads"/> workers in three phases.
/// First each worker takes a contiguous share of the batch, whole blocks of
/// <see cref="INetwork.BlockSize"/> samples where possible, and runs it a block at a time
/// (<see cref="INetwork.ForwardBlock"/>, the loss of each sample, <see cref="INetwork.BackwardBlock"/>)
/// into its own gradient buffer. Then each worker sums its slice of the parameters over all the
/// workers' buffers, in worker order, and divides by the batch size; then each worker hands its
/// slice to the optimizer. Reduction and update thus run on every core, not on one. One sample
/// with plain SGD (no momentum, no decay) on an engine that offers <see cref="IFusedSgdStep"/> is
/// the fused one-sample step instead, with no gradient buffer.
/// </para>
/// <para>
/// Every buffer is allocated once and the workers are dedicated threads, so a step allocates
/// nothing, and the same seed and thread count give bit-identical parameters. With
/// <see cref="TrainingOptions.AverageDecay"/> each worker also moves its slice of a moving average
/// of the parameters after the update; the passes are then tested on that average and
/// <see cref="BestParameters"/> keeps it. Each pass visits the
/// training set in a fresh seeded permutation (Fisher-Yates over indices; images are never
/// copied). With SDLM the curvature is re-estimated before each pass from the first
/// <see cref="TrainingOptions.CurvatureSamples"/> samples of the pass, one sample at a time.
/// Calling <see cref="Train"/> again continues from the current parameters and optimizer state;
/// <see cref="BeginSteps"/> runs the same step on given samples (the benchmarks time it).
/// </para>
/// </remarks>
public sealed class Trainer
{
    /// <summary>Shortest time between two progress reports, in seconds.</summary>
    public const double ProgressInterval = 0.1;

    private const int ShuffleStream = 1;
    /// <summary>
    /// Parameter slices start on multiples of this many floats (64 bytes): whole vectors for the
    /// optimizers' loops, and at most the one cache line that straddles a boundary is written by two workers.
    /// </summary>
    private const int SliceAlignment = 16;

    private readonly TrainingWorker[] _workers;
    private readonly IOptimizer _optimizer;
    private readonly IFusedSgdStep? _fused;
    private readonly ILearningRateSchedule _schedule;
    private readonly Evaluator _evaluator;
    private readonly Action<int> _stepBody, _curvatureBody;
    private readonly float[] _best;
    /// <summary>The moving average of the parameters (<see cref="TrainingOptions.AverageDecay"/>), or null.</summary>
    private readonly float[]? _average;
    private readonly Stopwatch _trainingClock = new();
    private EpochReport? _bestReport;

    // The current run and step, read by the worker bodies (fields, so the bodies need no closure).
    private LabelledImages? _data;
    private InputEncoder? _encoder;
    private int[] _order = [];
    private WorkerCrew? _crew;
    private ReadOnlyMemory<int> _stepIndices;
    private int _epoch, _firstPosition, _active, _blockSize;
    private float _rate, _averageWeight;
    private long _samplesTrained, _averagedSteps;

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
        _average = options.AverageDecay > 0f ? (float[])Parameters.Clone() : null;
        _optimizer = Optimizers.Create(options, description);
        _fused = _optimizer is SgdOptimizer { Momentum: 0f, WeightDecay: 0f } ? network as IFusedSgdStep : null;
        _schedule = LearningRateSchedules.Create(options);
        _workers = new TrainingWorker[options.Threads];
        for (int w = 0; w < _workers.Length; w++) _workers[w] = new TrainingWorker(network);
        _blockSize = _workers[0].Block.BlockSize;
        _evaluator = new Evaluator(network, Loss, options.Threads);
        _stepBody = StepBody;
        _curvatureBody = CurvatureBody;
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

    /// <summary>
    /// The chosen parameters so far: the pass with the highest validation accuracy
    /// (<see cref="TrainingOptions.ValidationCount"/>), else the latest completed pass; before training,
    /// the initial ones. With <see cref="TrainingOptions.AverageDecay"/>, the moving average's. The test set never chooses.
    /// </summary>
    public float[] BestParameters => _best;

    /// <summary>The report of the pass <see cref="BestParameters"/> come from, or null.</summary>
    public EpochReport? Best => _bestReport;

    /// <summary>
    /// Holds <see cref="TrainingOptions.ValidationCount"/> images out of <paramref name="train"/>
    /// (<see cref="LabelledImages.SplitValidation"/>, seeded with <see cref="TrainingOptions.Seed"/>), runs
    /// <see cref="TrainingOptions.Epochs"/> passes over the rest, and after each evaluates on the validation set,
    /// which chooses the pass kept (<see cref="BestParameters"/>), and on <paramref name="test"/> (when given), which only reports.
    /// </summary>
    /// <param name="train">The training set, the validation set included.</param>
    /// <param name="test">The test set, or null.</param>
    /// <param name="progress">Receives snapshots at most every <see cref="ProgressInterval"/> seconds.</param>
    /// <param name="onEpoch">Called after each pass (on the training thread), e.g. to save a checkpoint.</param>
    /// <param name="token">Stops training between steps; the result then says <see cref="TrainingResult.Cancelled"/>.</param>
    /// <exception cref="TrainingDivergedException">A loss, gradient, curvature or parameter became NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network, or the validation set would leave no image to train on.</exception>
    /// <exception cref="InvalidOperationException">Steps begun with <see cref="BeginSteps"/> are still open.</exception>
    public TrainingResult Train(LabelledImages train, LabelledImages? test, IProgress<TrainingProgress>? progress = null,
        Action<EpochReport>? onEpoch = null, CancellationToken token = default)
    {
        if (test is not null) Evaluator.CheckFits(Network.Description, test);
        LabelledImages? validation = null;
        if (Options.ValidationCount > 0)
        {
            if (Options.ValidationCount >= train.Count)
                throw new ArgumentException($"{train.Name}: a validation set of {Options.ValidationCount:N0} images leaves none of its {train.Count:N0} to train on.");
            (train, validation) = train.SplitValidation(Options.ValidationCount, Options.Seed);
        }
        using TrainingSteps steps = BeginSteps(train);
        if (_order.Length != train.Count) _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _trainingClock.Reset();
        _samplesTrained = 0;
        var run = Stopwatch.StartNew();
        var shuffle = new Random(SampleSeeds.ForStream(Options.Seed, ShuffleStream));
        var reports = new List<EpochReport>();
        bool cancelled = false;

        for (int epoch = 0; epoch < Options.Epochs && !cancelled; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            if (epoch == 0 || Options.Order == SampleOrder.Reshuffled) Shuffle(_order, shuffle);
            _epoch = epoch;
            PassTally tally = RunPass(progress, token);
            if (tally.Cancelled) { cancelled = true; break; }
            if (!SpanMath.AllFinite(Parameters))
                throw new TrainingDivergedException(epoch + 1, tally.Steps, tally.Rate, "the parameters became NaN or infinite");

            EvaluationResult? validated, tested;
            try
            {
                validated = validation is null ? null : _evaluator.Evaluate(Tested, validation, _crew!, token);
                tested = test is null ? null : _evaluator.Evaluate(Tested, test, _crew!, token);
            }
            catch (OperationCanceledException) { cancelled = true; break; }
            EpochReport report = Record(tally, validated, tested, Stopwatch.GetElapsedTime(started).TotalSeconds);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }

        // A run stopped before any validated pass has nothing better than where it stands.
        if (cancelled && (validation is null || _bestReport is null) && SpanMath.AllFinite(Tested))
            Tested.CopyTo(_best, 0);
        return new TrainingResult(reports, _bestReport, (float[])_best.Clone(), (float[])Parameters.Clone(), cancelled, run.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Prepares to run single optimizer steps on samples of <paramref name="data"/>: the steps
    /// <see cref="Train"/> runs, on the same workers, blocks, loss and optimizer (the benchmarks time
    /// them). The worker threads run until the returned object is disposed.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    /// <exception cref="InvalidOperationException">Steps (or a <see cref="Train"/> run) are already open.</exception>
    public TrainingSteps BeginSteps(LabelledImages data)
    {
        if (_crew is not null) throw new InvalidOperationException("This trainer is already running steps; dispose them (or let Train finish) first.");
        if (data.Count == 0) throw new ArgumentException($"{data.Name} holds no images to train on.");
        Evaluator.CheckFits(Network.Description, data);
        _data = data;
        _encoder = new InputEncoder(Network.Description.Input, data.Rows, data.Columns);
        foreach (TrainingWorker worker in _workers) worker.EnsureImage(data.ImageSize);
        Options.Augmentation?.Prepare(_workers.Length, data.Rows, data.Columns);
        _epoch = 0;
        // The average starts where these steps start: the parameters may have been set since the last run.
        if (_average is not null) Parameters.CopyTo(_average, 0);
        _averagedSteps = 0;
        _crew = new WorkerCrew(_workers.Length);
        return new TrainingSteps(this);
    }

    /// <summary>Single optimizer steps of a <see cref="Trainer"/> on one data set (see <see cref="BeginSteps"/>); dispose to stop the workers.</summary>
    public sealed class TrainingSteps : IDisposable
    {
        private readonly Trainer _trainer;
        private int _steps, _position;

        internal TrainingSteps(Trainer trainer) => _trainer = trainer;

        /// <summary>
        /// One optimizer step on the samples at <paramref name="indices"/> of the data at
        /// <paramref name="learningRate"/>: forward, loss and backward for each, the mean gradient,
        /// the optimizer's update of <see cref="Parameters"/>. Allocates nothing.
        /// </summary>
        /// <exception cref="ArgumentException">No indices, or one outside the data.</exception>
        /// <exception cref="TrainingDivergedException">A loss or the gradient became NaN or infinite.</exception>
        public StepResult Step(ReadOnlyMemory<int> indices, float learningRate)
        {
            ObjectDisposedException.ThrowIf(_trainer._crew is null, this);
            if (indices.IsEmpty) throw new ArgumentException("A step needs at least one sample.", nameof(indices));
            int count = _trainer._data!.Count;
            foreach (int index in indices.Span)
                if ((uint)index >= (uint)count)
                    throw new ArgumentException($"Index {index} is outside {_trainer._data.Name}, which holds {count} images.", nameof(indices));
            StepResult result = _trainer.RunStep(indices, _position, ++_steps, learningRate);
            _position += indices.Length;
            return result;
        }

        /// <summary>Stops the worker threads.</summary>
        public void Dispose()
        {
            _trainer._crew?.Dispose();
            _trainer._crew = null;
            _trainer._stepIndices = default;
        }
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
            int first = step * batch, size = Math.Min(batch, count - first);
            StepResult result = RunStep(_order.AsMemory(first, size), first, step + 1, tally.Rate);
            tally.LossSum += result.LossSum;
            tally.Correct += result.Correct;
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

    /// <summary>
    /// Makes the pass's report and keeps its parameters when they are the chosen ones so far: the highest
    /// validation accuracy (the later pass on a tie, which the validation set cannot tell apart and which trained longer),
    /// or without a validation set the latest.
    /// </summary>
    private EpochReport Record(PassTally tally, EvaluationResult? validation, EvaluationResult? test, double seconds)
    {
        bool isBest = validation is null || _bestReport?.Validation is not { } best || validation.Accuracy >= best.Accuracy;
        var report = new EpochReport(_epoch + 1, Options.Epochs, tally.LossSum / tally.Done, (double)tally.Correct / tally.Done,
            test, tally.Rate, seconds, isBest, validation);
        if (isBest)
        {
            Tested.CopyTo(_best, 0);
            _bestReport = report;
        }
        return report;
    }

    /// <summary>The parameters a pass is tested on and the best are kept from: the moving average, else the trained ones.</summary>
    private float[] Tested => _average ?? Parameters;

    /// <summary>The share of the way the average moves toward the parameters after the next step (see <see cref="TrainingOptions.AverageDecay"/>).</summary>
    private float NextAverageWeight()
    {
        long n = _averagedSteps++;
        return 1f - Math.Min(Options.AverageDecay, (1f + n) / (10f + n));
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

    /// <summary>
    /// One optimizer step over the samples at <paramref name="indices"/>, the first of which sits at
    /// <paramref name="firstPosition"/> of the pass (for the augmentation's seeds).
    /// </summary>
    private StepResult RunStep(ReadOnlyMemory<int> indices, int firstPosition, int step, float rate)
    {
        _stepIndices = indices;
        _firstPosition = firstPosition;
        _rate = rate;
        if (_average is not null) _averageWeight = NextAverageWeight();
        if (indices.Length == 1 && _fused is not null) return FusedStep(step);

        _active = WorkerCrew.ActiveFor(indices.Length, _blockSize, _workers.Length);
        _optimizer.BeginStep();
        _crew!.Run(_active, _stepBody);
        double lossSum = 0;
        int correct = 0;
        for (int w = 0; w < _active; w++)
        {
            TrainingWorker worker = _workers[w];
            if (worker.DivergedIndex >= 0)
                throw new TrainingDivergedException(_epoch + 1, step, rate, $"the loss of training image {worker.DivergedIndex} became {worker.DivergedLoss}");
            lossSum += worker.LossSum;
            correct += worker.Correct;
        }
        for (int w = 0; w < _active; w++)
            if (!_workers[w].SliceFinite) throw new TrainingDivergedException(_epoch + 1, step, rate, "the gradient became NaN or infinite");
        return new StepResult(indices.Length, lossSum, correct);
    }

    /// <summary>One sample, plain SGD: the engine's fused step adds -rate x gradient straight into the parameters.</summary>
    private StepResult FusedStep(int step)
    {
        TrainingWorker worker = _workers[0];
        SampleWorkspace sample = worker.Sample;
        Encode(worker, 0, 0, sample.Input);
        sample.ForwardTraining(Parameters, DropoutStep(0));
        int index = _stepIndices.Span[0], label = _data!.Labels[index];
        float loss = Loss.Loss(sample.Output, label, sample.OutputGradient);
        if (!float.IsFinite(loss))
            throw new TrainingDivergedException(_epoch + 1, step, _rate, $"the loss of training image {index} became {loss}");
        int correct = Loss.Predict(sample.Output) == label ? 1 : 0;
        _fused!.SgdStep(Parameters, sample.Input, sample.Activations, sample.OutputGradient, _rate, sample.Scratch);
        if (_average is not null) SpanMath.MoveToward(_average, Parameters, _averageWeight);
        return new StepResult(1, loss, correct);
    }

    /// <summary>Averages the per-sample curvature over the first samples of the pass and hands it to the optimizer.</summary>
    private void EstimateCurvature(ICurvatureOptimizer optimizer, float rate)
    {
        int size = Math.Min(Options.CurvatureSamples, _order.Length);
        _stepIndices = _order.AsMemory(0, size);
        _firstPosition = 0;
        _active = WorkerCrew.ActiveFor(size, 1, _workers.Length);
        _crew!.Run(_active, _curvatureBody);
        for (int w = 0; w < _active; w++)
            if (!_workers[w].SliceFinite) throw new TrainingDivergedException(_epoch + 1, 1, rate, "the curvature estimate became NaN or infinite");
        optimizer.SetCurvature(_workers[0].Gradient);
    }

    /// <summary>
    /// Worker <paramref name="w"/>'s step: its share of the samples, a block at a time; then, once
    /// every share is done, its slice of the reduction; then its slice of the update (and of the average).
    /// </summary>
    private void StepBody(int w)
    {
        TrainingWorker worker = _workers[w];
        worker.BeginStep();
        (int first, int count) = ShareOf(w, _blockSize);
        var samples = new TrainingSamples(this, worker, w);
        worker.Block.Train(ref samples, first, count, Parameters, worker.Gradient);
        // One write per step: the tallies of the workers may share a cache line.
        worker.LossSum = samples.LossSum;
        worker.Correct = samples.Correct;
        _crew!.Barrier();
        for (int v = 0; v < _active; v++)
            if (_workers[v].DivergedIndex >= 0) return;
        (int start, int length) = SliceOf(w);
        ReduceSlice(worker, start, length);
        _crew.Barrier();
        for (int v = 0; v < _active; v++)
            if (!_workers[v].SliceFinite) return;
        _optimizer.Update(Parameters, _workers[0].Gradient, _rate, start, length);
        if (_average is not null) SpanMath.MoveToward(_average.AsSpan(start, length), Parameters.AsSpan(start, length), _averageWeight);
    }

    /// <summary>Worker <paramref name="w"/>'s part of the curvature pass: its share of the samples one at a time, then its slice of the reduction.</summary>
    private void CurvatureBody(int w)
    {
        TrainingWorker worker = _workers[w];
        SampleWorkspace sample = worker.Sample;
        worker.BeginStep();
        (int first, int count) = ShareOf(w, 1);
        ReadOnlySpan<int> indices = _stepIndices.Span;
        for (int i = first; i < first + count; i++)
        {
            Encode(worker, w, i, sample.Input);
            sample.ForwardTraining(Parameters, DropoutStep(i));
            Loss.Curvature(sample.Output, _data!.Labels[indices[i]], sample.OutputGradient);
            Network.BackwardCurvature(Parameters, sample.Input, sample.Activations, sample.OutputGradient, worker.Gradient, sample.Scratch);
        }
        _crew!.Barrier();
        (int start, int length) = SliceOf(w);
        ReduceSlice(worker, start, length);
    }

    /// <summary>
    /// Sums parameters [<paramref name="start"/>, + <paramref name="length"/>) over the active
    /// workers' buffers into worker 0's, in worker order (so the result does not depend on timing),
    /// divides by the sample count and notes whether the slice is finite.
    /// </summary>
    private void ReduceSlice(TrainingWorker worker, int start, int length)
    {
        Span<float> total = _workers[0].Gradient.AsSpan(start, length);
        for (int v = 1; v < _active; v++) SpanMath.Add(total, _workers[v].Gradient.AsSpan(start, length));
        if (_stepIndices.Length > 1) SpanMath.Scale(total, 1f / _stepIndices.Length);
        worker.SliceFinite = SpanMath.AllFinite(total);
    }

    private (int First, int Count) ShareOf(int w, int unit) => WorkerCrew.ShareOf(_stepIndices.Length, unit, _active, w);

    /// <summary>Worker <paramref name="w"/>'s slice of the parameters for the reduction and the update.</summary>
    private (int Start, int Length) SliceOf(int w)
    {
        int count = Parameters.Length;
        int Bound(int v) => v == _active ? count : (int)((long)count * v / _active) / SliceAlignment * SliceAlignment;
        int start = Bound(w);
        return (start, Bound(w + 1) - start);
    }

    /// <summary>The dropout masks of sample <paramref name="sample"/> of the current step: drawn from the seed, the pass and its position in the pass.</summary>
    private TrainingStep DropoutStep(int sample) => SampleSeeds.ForDropout(Options.Seed, _epoch, _firstPosition + sample);

    /// <summary>Encodes (and distorts) sample <paramref name="sample"/> of the current step into <paramref name="input"/>.</summary>
    private void Encode(TrainingWorker worker, int w, int sample, Span<float> input)
    {
        int index = _stepIndices.Span[sample];
        ReadOnlySpan<byte> image = _data!.Image(index);
        if (Options.Augmentation is { } augmentation && DistortionSeed(index, _firstPosition + sample) is ulong seed)
        {
            augmentation.Apply(w, seed, image, worker.Image);
            image = worker.Image;
        }
        _encoder!.Encode(image, input);
    }

    /// <summary>
    /// The augmentation's seed for training image <paramref name="index"/> at <paramref name="position"/>
    /// of the current pass, or null when this pass shows the image itself (see <see cref="TrainingOptions.DistortedCopies"/>).
    /// </summary>
    private ulong? DistortionSeed(int index, int position)
    {
        int copies = Options.DistortedCopies;
        if (copies == 0) return SampleSeeds.ForSample(Options.Seed, _epoch, position);
        // The image, then its copies 1 .. n, then the image again, each image starting the cycle at a
        // pass of its own, so that every pass shows about 1 / (n + 1) of the images undistorted.
        int version = ((int)(SampleSeeds.CopyPhase(Options.Seed, index) % (ulong)(copies + 1)) + _epoch) % (copies + 1);
        return version == 0 ? null : SampleSeeds.ForCopy(Options.Seed, index, version);
    }

    /// <summary>The current step's samples as a worker's blocks see them; tallies its loss and correct predictions.</summary>
    private struct TrainingSamples(Trainer trainer, TrainingWorker worker, int w) : ITrainingSamples
    {
        public double LossSum;
        public int Correct;

        public readonly void Encode(int sample, Span<float> input) => trainer.Encode(worker, w, sample, input);

        public bool Seed(int sample, ReadOnlySpan<float> output, Span<float> outputGradient)
        {
            int index = trainer._stepIndices.Span[sample], label = trainer._data!.Labels[index];
            float loss = trainer.Loss.Loss(output, label, outputGradient);
            if (!float.IsFinite(loss))
            {
                worker.MarkDiverged(index, loss);
                return false;
            }
            LossSum += loss;
            if (trainer.Loss.Predict(output) == label) Correct++;
            return true;
        }

        public readonly TrainingStep Step(int sample) => trainer.DropoutStep(sample);
    }
}
