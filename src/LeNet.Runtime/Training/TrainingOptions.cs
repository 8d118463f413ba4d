using System.Globalization;

namespace LeNet.Training;

/// <summary>Everything that decides how <see cref="Trainer"/> trains; the defaults suit the modern (ReLU, softmax) LeNet-5.</summary>
public sealed record TrainingOptions
{
    /// <summary>The paper's number of samples the curvature is estimated on before each pass.</summary>
    public const int PaperCurvatureSamples = 500;
    /// <summary>The paper's distorted copies of each training image (540,000 for 60,000 images).</summary>
    public const int PaperDistortedCopies = 9;
    /// <summary>The paper's number of passes for LeNet-5.</summary>
    public const int PaperEpochs = 20;
    /// <summary>The standard validation set held out of 60,000 training images.</summary>
    public const int StandardValidationCount = 5000;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Samples per update; 1 is the paper's one update per sample.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Base learning rate; with <see cref="ScheduleKind.Paper"/>, the rate of passes 1-2 (the paper's table is scaled to it).</summary>
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>Which optimizer updates the parameters.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    /// <summary>SGD momentum.</summary>
    public float Momentum { get; init; } = SgdOptimizer.DefaultMomentum;
    /// <summary>Weight decay (L2 for SGD and SDLM, decoupled for Adam); never applied to biases.</summary>
    public float WeightDecay { get; init; }
    /// <summary>How the learning rate changes over training.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;
    /// <summary>Step schedule: passes between drops.</summary>
    public int StepEpochs { get; init; } = 5;
    /// <summary>Step schedule: factor per drop.</summary>
    public float StepGamma { get; init; } = 0.5f;
    /// <summary>Cosine schedule: steps of linear warm-up (at most <see cref="CosineSchedule.MaxWarmupShare"/> of the run's steps are used).</summary>
    public int WarmupSteps { get; init; }
    /// <summary>Cosine schedule: the rate it ends at.</summary>
    public float MinLearningRate { get; init; }
    /// <summary>Whether each pass visits the training set in a fresh permutation or all passes in the same one.</summary>
    public SampleOrder Order { get; init; } = SampleOrder.Reshuffled;
    /// <summary>Seeds initialisation, shuffling and the augmentation's per-sample seeds.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Worker threads for a batch (and for evaluation). Results are reproducible for a given seed and thread count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>The criterion; null picks <see cref="Losses.ForOutput"/> for the network.</summary>
    public ILoss? Loss { get; init; }
    /// <summary>How the starting parameters are drawn.</summary>
    public InitializationScheme Initialization { get; init; } = InitializationScheme.Default;
    /// <summary>SDLM: samples the curvature is averaged over before each pass.</summary>
    public int CurvatureSamples { get; init; } = PaperCurvatureSamples;
    /// <summary>SDLM: the damping mu.</summary>
    public float SdlmMu { get; init; } = SdlmOptimizer.DefaultMu;
    /// <summary>
    /// Decay of the moving average of the parameters that each pass is tested on and that
    /// <see cref="Trainer.BestParameters"/> keeps (exponential averaging, also called Polyak or EMA
    /// averaging), or 0 for none: the tested parameters are then the trained ones. The average
    /// follows the trained parameters by 1 - d after every step, where d is this decay or, early on,
    /// (1 + n) / (10 + n) after n steps if that is smaller, so that the first steps' parameters do not
    /// linger in it.
    /// </summary>
    public float AverageDecay { get; init; }
    /// <summary>Optional on-the-fly distortion of training images; its <c>ToString()</c> names it in <see cref="Summary"/>.</summary>
    public IImageAugmentation? Augmentation { get; init; }
    /// <summary>
    /// With an <see cref="Augmentation"/>: 0 distorts every presentation of an image afresh; n above 0
    /// trains on a fixed set instead, each image and n distorted copies of it (the same copy whenever it
    /// comes back), shown in turn, one a pass: the image itself once every n + 1 passes. The paper's
    /// distorted set, 60,000 images and 540,000 distortions of them, is n = 9.
    /// </summary>
    public int DistortedCopies { get; init; }
    /// <summary>
    /// Images <see cref="Trainer.Train"/> holds out of the training set as a validation set
    /// (<see cref="Data.LabelledImages.SplitValidation"/>, stratified, seeded with <see cref="Seed"/>): each pass is
    /// measured on it and the pass with the highest validation accuracy (the later on a tie) is kept (<see cref="Trainer.BestParameters"/>).
    /// 0 (the default) trains on every image and keeps the last pass. The test set never chooses.
    /// </summary>
    public int ValidationCount { get; init; }

    /// <summary>The standard validation set held out of <paramref name="trainingImages"/>: <see cref="StandardValidationCount"/>, or a twelfth of a set smaller than 60,000 images.</summary>
    public static int DefaultValidationCount(int trainingImages) => Math.Min(StandardValidationCount, trainingImages / 12);

    /// <summary>
    /// The paper's recipe: 20 passes of one update per sample with stochastic diagonal
    /// Levenberg-Marquardt, its learning-rate table (first rate 0.0005), the samples in one constant
    /// random order, its initialisation, and (for radial-basis outputs) its discriminative criterion.
    /// </summary>
    public static TrainingOptions Paper => new()
    {
        Epochs = PaperEpochs,
        BatchSize = 1,
        LearningRate = PaperSchedule.PaperFirstRate,
        Optimizer = OptimizerKind.Sdlm,
        Momentum = 0f,
        Schedule = ScheduleKind.Paper,
        Order = SampleOrder.Fixed,
        Initialization = InitializationScheme.Paper,
    };

    /// <summary>Fails on values training cannot use.</summary>
    /// <exception cref="ArgumentException">The message names the option and the bad value.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, $"Epochs must be at least 1, not {Epochs}.");
        Require(BatchSize >= 1, $"The batch size must be at least 1, not {BatchSize}.");
        Require(Threads >= 1, $"Threads must be at least 1, not {Threads}.");
        Require(float.IsFinite(LearningRate) && LearningRate > 0f, $"The learning rate must be positive, not {LearningRate}.");
        Require(Momentum >= 0f && Momentum < 1f, $"Momentum must be in [0, 1), not {Momentum}.");
        Require(WeightDecay >= 0f && float.IsFinite(WeightDecay), $"Weight decay must be 0 or positive, not {WeightDecay}.");
        Require(CurvatureSamples >= 1, $"The curvature needs at least 1 sample, not {CurvatureSamples}.");
        Require(SdlmMu > 0f && float.IsFinite(SdlmMu), $"SDLM's mu must be positive, not {SdlmMu}.");
        Require(StepEpochs >= 1, $"The step schedule needs at least 1 pass between drops, not {StepEpochs}.");
        Require(StepGamma > 0f && StepGamma <= 1f, $"The step schedule's factor must be in (0, 1], not {StepGamma}.");
        Require(WarmupSteps >= 0, $"Warm-up steps cannot be negative ({WarmupSteps}).");
        Require(AverageDecay >= 0f && AverageDecay < 1f, $"The averaging decay must be in [0, 1), not {AverageDecay}.");
        Require(ValidationCount >= 0, $"The validation set cannot have a negative number of images ({ValidationCount}).");
        Require(DistortedCopies >= 0, $"The number of distorted copies cannot be negative ({DistortedCopies}).");
        Require(DistortedCopies == 0 || Augmentation is not null, $"{DistortedCopies} distorted copies of each image need a distortion to make them.");
        Require(MinLearningRate >= 0f && MinLearningRate <= LearningRate, $"The minimum learning rate must be between 0 and the learning rate {LearningRate}, not {MinLearningRate}.");
    }

    /// <summary>A one-line summary ("sgd lr=0.01 momentum=0.9 batch=64 ...") for logs and checkpoint metadata.</summary>
    public string Summary()
    {
        var text = new List<string>
        {
            Optimizer.ToString().ToLowerInvariant(),
            Invariant($"lr={LearningRate}"),
            Invariant($"batch={BatchSize}"),
            Invariant($"epochs={Epochs}"),
            $"schedule={Schedule.ToString().ToLowerInvariant()}",
            $"order={Order.ToString().ToLowerInvariant()}",
            $"init={ParameterInitializer.Name(Initialization)}",
            $"loss={Loss?.Name ?? "auto"}",
            Invariant($"seed={Seed}"),
        };
        if (Schedule == ScheduleKind.Cosine) text.Add(Invariant($"warmup={WarmupSteps}"));
        if (Optimizer == OptimizerKind.Sgd) text.Add(Invariant($"momentum={Momentum}"));
        if (Optimizer == OptimizerKind.Sdlm) text.Add(Invariant($"mu={SdlmMu}"));
        if (WeightDecay > 0f) text.Add(Invariant($"decay={WeightDecay}"));
        if (AverageDecay > 0f) text.Add(Invariant($"average={AverageDecay}"));
        if (Augmentation is not null) text.Add($"augmentation={Augmentation}");
        if (DistortedCopies > 0) text.Add(Invariant($"copies={DistortedCopies}"));
        if (ValidationCount > 0) text.Add(Invariant($"validation={ValidationCount}"));
        return string.Join(' ', text);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException($"Training options: {message}");
    }
}
