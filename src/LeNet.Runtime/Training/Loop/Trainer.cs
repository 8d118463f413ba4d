using System.Diagnostics;
using LeNet.Data;
using LeNet.Kernels;

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
/// <para>
/// The trainer runs the passes; each concern is a part of its own: the step state the workers read
/// (<c>StepContext</c>), the kinds of step (<c>BlockStep</c>, <c>FusedSampleStep</c>, <c>CurvatureStep</c>),
/// the reduction (<c>GradientReduction</c>), the distorted copies (<c>Distortion</c>), the moving average
/// (<c>MovingAverage</c>), the choice of the pass kept (<c>BestPass</c>) and progress (<c>ProgressMeter</c>).
/// </para>
/// </remarks>
public sealed class Trainer
{
    /// <summary>Shortest time between two progress reports, in seconds.</summary>
    public const double ProgressInterval = 0.1;

    private const int ShuffleStream = 1;

    private readonly StepContext _step;
    private readonly IOptimizer _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly Evaluator _evaluator;
    private readonly AlignedFloats _parameters;
    private readonly BestPass _best;
    /// <summary>The moving average of the parameters (<see cref="TrainingOptions.AverageDecay"/>), or null.</summary>
    private readonly MovingAverage? _average;
    private readonly BlockStep _blockStep;
    private readonly FusedSampleStep? _fusedStep;
    private readonly CurvatureStep? _curvatureStep;
    private readonly ProgressMeter _meter = new();
    private int[] _order = [];

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
        _parameters = AlignedFloats.ForParameters(description, ParameterInitializer.Create(description, options.Initialization, options.Seed));
        _best = new BestPass(_parameters.Span);
        _average = options.AverageDecay > 0f ? new MovingAverage(_parameters.Span, options.AverageDecay) : null;
        _optimizer = Optimizers.Create(options, description);
        _schedule = LearningRateSchedules.Create(options);
        _step = new StepContext(network, options, Loss, Parameters);
        _blockStep = new BlockStep(_step, _optimizer, _average);
        if (_optimizer is SgdOptimizer { Momentum: 0f, WeightDecay: 0f } && network is IFusedSgdStep fused)
            _fusedStep = new FusedSampleStep(_step, fused, _average);
        if (_optimizer is ICurvatureOptimizer curvatureOptimizer) _curvatureStep = new CurvatureStep(_step, curvatureOptimizer);
        _evaluator = new Evaluator(network, Loss, options.Threads);
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

    /// <summary>
    /// The current parameters, <see cref="NetworkDescription.ParameterCount"/> floats; overwrite them (e.g. from a checkpoint)
    /// before <see cref="Train"/> to start elsewhere. They lie where the engine reads them fastest (the weights of the
    /// largest layer at the start of a cache line), which an array the caller allocates cannot promise.
    /// </summary>
    public Memory<float> Parameters => _parameters.Memory;

    /// <summary>
    /// The chosen parameters so far: the pass with the highest validation accuracy
    /// (<see cref="TrainingOptions.ValidationCount"/>), else the latest completed pass; before training,
    /// the initial ones. With <see cref="TrainingOptions.AverageDecay"/>, the moving average's. The test set never chooses.
    /// </summary>
    public float[] BestParameters => _best.Parameters;

    /// <summary>The report of the pass <see cref="BestParameters"/> come from, or null.</summary>
    public EpochReport? Best => _best.Report;

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
        _meter.StartRun();
        var run = Stopwatch.StartNew();
        var shuffle = new Random(SampleSeeds.ForStream(Options.Seed, ShuffleStream));
        var reports = new List<EpochReport>();
        bool cancelled = false;

        for (int epoch = 0; epoch < Options.Epochs && !cancelled; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            if (epoch == 0 || Options.Order == SampleOrder.Reshuffled) Shuffle(_order, shuffle);
            _step.Epoch = epoch;
            PassTally tally = RunPass(progress, token);
            if (tally.Cancelled) { cancelled = true; break; }
            if (!SpanMath.AllFinite(Parameters.Span))
                throw new TrainingDivergedException(epoch + 1, tally.Steps, tally.Rate, "the parameters became NaN or infinite");

            EvaluationResult? validated, tested;
            try
            {
                validated = validation is null ? null : _evaluator.Evaluate(Tested, validation, _step.Crew!, token);
                tested = test is null ? null : _evaluator.Evaluate(Tested, test, _step.Crew!, token);
            }
            catch (OperationCanceledException) { cancelled = true; break; }
            var report = new EpochReport(epoch + 1, Options.Epochs, tally.LossSum / tally.Done, (double)tally.Correct / tally.Done,
                tested, tally.Rate, Stopwatch.GetElapsedTime(started).TotalSeconds, IsBest: false, validated);
            report = _best.Consider(report, Tested.Span);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }

        if (cancelled) _best.KeepIfUnchosen(validation is not null, Tested.Span);
        return new TrainingResult(reports, _best.Report, (float[])_best.Parameters.Clone(), Parameters.ToArray(), cancelled, run.Elapsed.TotalSeconds);
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
        if (_step.Crew is not null) throw new InvalidOperationException("This trainer is already running steps; dispose them (or let Train finish) first.");
        if (data.Count == 0) throw new ArgumentException($"{data.Name} holds no images to train on.");
        Evaluator.CheckFits(Network.Description, data);
        _step.Data = data;
        _step.Encoder = new InputEncoder(Network.Description.Input, data.Rows, data.Columns);
        foreach (TrainingWorker worker in _step.Workers) worker.EnsureImage(data.ImageSize);
        Options.Augmentation?.Prepare(_step.Workers.Length, data.Rows, data.Columns);
        _step.Epoch = 0;
        // The average starts where these steps start: the parameters may have been set since the last run.
        _average?.Restart(Parameters.Span);
        _step.Crew = new WorkerCrew(_step.Workers.Length);
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
            StepContext step = _trainer._step;
            ObjectDisposedException.ThrowIf(step.Crew is null, this);
            if (indices.IsEmpty) throw new ArgumentException("A step needs at least one sample.", nameof(indices));
            int count = step.Data!.Count;
            foreach (int index in indices.Span)
                if ((uint)index >= (uint)count)
                    throw new ArgumentException($"Index {index} is outside {step.Data.Name}, which holds {count} images.", nameof(indices));
            StepResult result = _trainer.RunStep(indices, _position, ++_steps, learningRate);
            _position += indices.Length;
            return result;
        }

        /// <summary>Stops the worker threads.</summary>
        public void Dispose()
        {
            StepContext step = _trainer._step;
            step.Crew?.Dispose();
            step.Crew = null;
            step.Indices = default;
        }
    }

    /// <summary>One pass over the current order: curvature (SDLM), then every step, reporting progress on the way.</summary>
    private PassTally RunPass(IProgress<TrainingProgress>? progress, CancellationToken token)
    {
        int count = _order.Length, batch = Options.BatchSize, steps = (count + batch - 1) / batch, epoch = _step.Epoch;
        var tally = new PassTally(steps, 0, 0, 0, _schedule.Rate(epoch, 0, steps), false);
        _meter.StartPass();
        if (_curvatureStep is not null)
        {
            _step.Rate = tally.Rate;
            _curvatureStep.Run(_order);
        }
        for (int step = 0; step < steps; step++)
        {
            if (token.IsCancellationRequested)
            {
                tally.Cancelled = true;
                break;
            }
            tally.Rate = _schedule.Rate(epoch, step, steps);
            int first = step * batch, size = Math.Min(batch, count - first);
            StepResult result = RunStep(_order.AsMemory(first, size), first, step + 1, tally.Rate);
            tally.LossSum += result.LossSum;
            tally.Correct += result.Correct;
            tally.Done += size;
            _meter.Trained(size);
            if (progress is not null && _meter.Due()) progress.Report(_meter.Snapshot(epoch, Options.Epochs, count, tally));
        }
        _meter.StopPass();
        if (!tally.Cancelled) progress?.Report(_meter.Snapshot(epoch, Options.Epochs, count, tally));
        return tally;
    }

    /// <summary>The parameters a pass is tested on and the best are kept from: the moving average, else the trained ones.</summary>
    private ReadOnlyMemory<float> Tested => _average is null ? Parameters : _average.Values;

    /// <summary>Fisher-Yates: a uniformly random permutation, whatever order the array was in.</summary>
    private static void Shuffle(int[] order, Random random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>
    /// One optimizer step over the samples at <paramref name="indices"/>, the first of which sits at
    /// <paramref name="firstPosition"/> of the pass (for the augmentation's seeds): the fused one-sample
    /// step when it applies, else the block step on the crew.
    /// </summary>
    private StepResult RunStep(ReadOnlyMemory<int> indices, int firstPosition, int step, float rate)
    {
        _step.Indices = indices;
        _step.FirstPosition = firstPosition;
        _step.Rate = rate;
        _average?.NextStep();
        return indices.Length == 1 && _fusedStep is not null ? _fusedStep.Run(step) : _blockStep.Run(step);
    }
}
