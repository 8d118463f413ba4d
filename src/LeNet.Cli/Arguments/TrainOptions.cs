using System.CommandLine;
using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>What one <c>lenet train</c> run was asked to do, options already merged into the model's recipe.</summary>
/// <param name="Model">The model to train.</param>
/// <param name="Options">The recipe with the options given.</param>
/// <param name="DataFolder">--data, or null for MNIST.</param>
/// <param name="OutputFolder">Where the checkpoint and history go.</param>
/// <param name="Limit">--limit: the first N training images only, or null for all.</param>
/// <param name="Generic">Train with the generic engine.</param>
/// <param name="ShowConfusion">Print the chosen pass's confusion matrix.</param>
/// <param name="Overwrite">Replace the files of an earlier run in the folder.</param>
/// <param name="Validation">Images to hold out for validation, or null for <see cref="TrainingOptions.DefaultValidationCount"/> of the training set.</param>
/// <param name="GlobalMinutes">--global: minutes of training through the reader's graph after the window passes, or null for none.</param>
/// <param name="Global">How the global phase trains: the model's <see cref="ModelEntry.GlobalRecipe"/> with the --global-* options given.</param>
/// <param name="GlobalPages">--global-pages: pages to cut the field from for the global phase, 0 for none.</param>
/// <param name="From">--from: the checkpoint whose reader the global phase trains, the window passes skipped; null to train them.</param>
internal sealed record TrainRequest(ModelEntry Model, TrainingOptions Options, string? DataFolder, string OutputFolder, int? Limit, bool Generic, bool ShowConfusion, bool Overwrite, int? Validation,
    int? GlobalMinutes, GlobalTrainingOptions Global, int GlobalPages = 0, string? From = null);

/// <summary>
/// The options of <c>lenet train</c>. Every training option is optional: an option not given
/// keeps the value from the model's recipe (<see cref="ModelEntry.Recipe"/>).
/// </summary>
internal sealed class TrainOptions
{
    private readonly Option<string> _model = CommonOptions.Model();
    private readonly Option<int?> _epochs = new Option<int?>("--epochs", "-e") { Description = "Passes over the training set" + RecipeDefault(r => r.Epochs) }.AtLeast(1);
    private readonly Option<int?> _batch = new Option<int?>("--batch", "-b") { Description = "Samples per update (1 = one update per sample, as in the paper)" + RecipeDefault(r => r.BatchSize) }.AtLeast(1);
    private readonly Option<float?> _rate = new("--lr") { Description = "Learning rate (for the paper schedule: the rate of the first two passes)" + RecipeDefault(r => r.LearningRate) };
    private readonly Option<string?> _optimizer = new("--optimizer") { Description = "sgd, adam or sdlm (stochastic diagonal Levenberg-Marquardt)" + RecipeDefault(r => r.Optimizer.ToString().ToLowerInvariant()) };
    private readonly Option<string?> _schedule = new("--schedule") { Description = "constant, step, cosine or paper" + RecipeDefault(r => r.Schedule.ToString().ToLowerInvariant()) };
    private readonly Option<int?> _warmup = new Option<int?>("--warmup") { Description = $"Cosine schedule: steps of linear warm-up, never more than {CosineSchedule.MaxWarmupShare * 100:0}% of the run's steps" + RecipeDefault(r => r.WarmupSteps) }.AtLeast(0);
    private readonly Option<float?> _momentum = new("--momentum") { Description = "SGD momentum" + RecipeDefault(r => r.Momentum) };
    private readonly Option<float?> _decay = new("--weight-decay") { Description = "Weight decay (never on biases)" + RecipeDefault(r => r.WeightDecay) };
    private readonly Option<float?> _average = new("--average") { Description = "Decay of the moving average of the parameters that each pass is tested on and the checkpoint keeps, 0 for none" + RecipeDefault(r => r.AverageDecay) };
    private readonly Option<string?> _loss = new("--loss") { Description = $"Criterion: {string.Join(", ", Losses.Names)} (default: cross-entropy for softmax, the paper's for RBF)." };
    private readonly Option<string?> _init = new("--init") { Description = "Initialisation: default, paper (uniform +-2.4/fan-in, as printed), paper-sqrt (+-2.4/sqrt(fan-in)) or paper-unit (+-sqrt(3/fan-in)); the paper's trainable subsampling as printed in all three paper forms" + RecipeDefault(r => ParameterInitializer.Name(r.Initialization)) };
    private readonly Option<string?> _order = new("--order") { Description = "Sample order: reshuffled (a fresh permutation every pass) or fixed (one permutation for every pass, as in the paper)" + RecipeDefault(r => r.Order.ToString().ToLowerInvariant()) };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for initialisation, shuffling and distortions" + RecipeDefault(r => r.Seed) };
    private readonly Option<int?> _threads = new Option<int?>("--threads") { Description = "Worker threads; a seed gives the same run for the same thread count" + RecipeDefault(r => r.Threads) }.AtLeast(1);
    private readonly Option<bool> _distort = new("--distort") { Description = "Distort training images on the fly (translation, scaling, squeezing, shearing), as the paper's second experiment (default: off)." };
    private readonly Option<bool> _elastic = new("--elastic") { Description = "Distort training images with the paper's affine distortions followed by an elastic deformation (Simard et al. 2003) (default: off)." };
    private readonly Option<int?> _copies = new Option<int?>("--copies") { Description = $"With --distort or --elastic: train on a fixed set of N distorted copies of each image, shown in turn with the image itself, one a pass ({TrainingOptions.PaperDistortedCopies} = the paper's 540,000 for 60,000 images); 0 distorts every presentation afresh" + RecipeDefault(r => r.DistortedCopies) }.AtLeast(0);
    private readonly Option<string?> _data = CommonOptions.Data();
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Folder for the checkpoint and history (default: runs/MODEL). The run writes MODEL.ckpt and history.csv; when the folder already holds them, it writes MODEL-2.ckpt and history-2.csv (the first free number) and keeps the earlier files, saying at the end when the earlier checkpoint has the better validation accuracy on the same data." };
    private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Write MODEL.ckpt and history.csv in --out even when they exist, replacing the earlier run's (default: keep them and number this run's files)." };
    private readonly Option<int?> _validation = new Option<int?>("--validation") { Description = $"Images held out of the training set, stratified by class and seeded with --seed, to choose the pass kept: the one with the best validation accuracy (the later on a tie); the test set only reports. 0 trains on every image, as the paper did, and keeps the last pass (default: {TrainingOptions.StandardValidationCount:N0}, or a twelfth of a training set smaller than 60,000)." }.AtLeast(0);
    private readonly Option<int?> _limit = new Option<int?>("--limit") { Description = "Use the first N training images only, the validation set included, for quick runs (default: all)." }.AtLeast(1);
    private readonly Option<bool> _generic = new("--generic") { Description = "Train with the generic engine instead of the generated code (slow; for comparison)." };
    private readonly Option<int?> _global = new Option<int?>("--global") { Description = $"String readers (lenet5-strings, lenet5-strings-wide, lenet5-amounts, lenet5-amounts-wide): after the window passes, train the reader through its graph for N minutes on strips of the training digits (digit strings, or amounts for an amounts reader; the paper's global training), the character model's penalties too; the checkpoint keeps both, and global.csv and global.png beside it the curve: the running criterion and the share of {GlobalPhase.HeldOutStrips:N0} held-out strips of the training digits read right, each read once (default: off)." }.AtLeast(1);
    private readonly Option<float?> _globalRate = new("--global-lr") { Description = "With --global: Adam's learning rate for the field's weights" + GlobalDefault(g => g.LearningRate) };
    private readonly Option<int?> _globalPool = new Option<int?>("--global-pool") { Description = "With --global: strips composed once and drawn from at random" + GlobalDefault(g => g.PoolSize) }.AtLeast(1);
    private readonly Option<float?> _globalPenaltyRate = new("--global-penalty-rate") { Description = "With --global: step size of the character model's log-penalties, 0 to keep them" + GlobalDefault(g => g.PenaltyRate) };
    private readonly Option<int?> _globalPages = new Option<int?>("--global-pages") { Description = "With --global: also cut the field from N pages composed from the training digits (envelopes for a digit reader, cheques for an amounts reader) as the pretrained page reader finds and cuts it, and draw half of every batch from those strips, so that the reader learns fields as pages show them (default: none)." }.AtLeast(1);
    private readonly Option<string?> _from = new("--from") { Description = "With --global: skip the window passes and train the reader saved in this checkpoint (of --model) through its graph; the result is saved in --out as this run's checkpoint." };
    private readonly Option<bool> _confusion = new("--confusion") { Description = "Print the chosen pass's confusion matrix on the test set at the end." };

    /// <summary>" (default: 12)" when every model's recipe agrees, else " (default: the model's recipe: lenet5 12, lenet5-paper 20, ...)".</summary>
    private static string RecipeDefault<T>(Func<TrainingOptions, T> pick)
    {
        string Text(ModelEntry m) => string.Format(CultureInfo.InvariantCulture, "{0}", pick(m.Recipe));
        string[] values = ToolModels.All.Select(Text).ToArray();
        return values.Distinct().Count() == 1
            ? $" (default: {values[0]})."
            : $" (default: the model's recipe: {string.Join(", ", ModelCatalog.All.Select(m => $"{m.Name} {Text(m)}"))}).";
    }

    /// <summary><see cref="RecipeDefault{T}"/> for the global phase's options, over the models <c>--global</c> trains.</summary>
    private static string GlobalDefault<T>(Func<GlobalTrainingOptions, T> pick)
    {
        string Text(ModelEntry m) => string.Format(CultureInfo.InvariantCulture, "{0}", pick(m.GlobalRecipe ?? new GlobalTrainingOptions()));
        ModelEntry[] models = ToolModels.All.Where(m => GlobalPhase.StripFor(m.Description) is not null).ToArray();
        string[] values = models.Select(Text).ToArray();
        return values.Distinct().Count() == 1
            ? $" (default: {values[0]})."
            : $" (default: the model's: {string.Join(", ", models.Select(m => $"{m.Name} {Text(m)}"))}).";
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _model, _epochs, _batch, _rate, _optimizer, _schedule, _warmup, _momentum, _decay, _average, _loss, _init, _order, _seed, _threads, _distort, _elastic, _copies, _validation, _data, _out, _overwrite, _limit, _generic, _confusion, _global, _globalRate, _globalPool, _globalPenaltyRate, _globalPages, _from })
            command.Options.Add(option);
    }

    /// <summary>Reads the parsed options over the model's recipe; bad values become <see cref="UserError"/>s.</summary>
    public TrainRequest Read(ParseResult result)
    {
        ModelEntry model = CommonOptions.FindModel(result.GetValue(_model));
        TrainingOptions recipe = model.Recipe;
        try
        {
            TrainingOptions options = recipe with
            {
                Epochs = result.GetValue(_epochs) ?? recipe.Epochs,
                BatchSize = result.GetValue(_batch) ?? recipe.BatchSize,
                LearningRate = result.GetValue(_rate) ?? recipe.LearningRate,
                Optimizer = result.GetValue(_optimizer) is { } optimizer ? Optimizers.Parse(optimizer) : recipe.Optimizer,
                Schedule = result.GetValue(_schedule) is { } schedule ? LearningRateSchedules.Parse(schedule) : recipe.Schedule,
                WarmupSteps = result.GetValue(_warmup) ?? recipe.WarmupSteps,
                Momentum = result.GetValue(_momentum) ?? recipe.Momentum,
                WeightDecay = result.GetValue(_decay) ?? recipe.WeightDecay,
                AverageDecay = result.GetValue(_average) ?? recipe.AverageDecay,
                Loss = result.GetValue(_loss) is { } loss ? Losses.Parse(loss, model.Description) : recipe.Loss,
                Initialization = result.GetValue(_init) is { } init ? ParameterInitializer.Parse(init) : recipe.Initialization,
                Order = result.GetValue(_order) is { } order ? SampleOrders.Parse(order) : recipe.Order,
                Seed = result.GetValue(_seed) ?? recipe.Seed,
                Threads = result.GetValue(_threads) ?? recipe.Threads,
                Augmentation = result.GetValue(_elastic) ? new DistortionAugmentation(DistortionRanges.Elastic)
                    : result.GetValue(_distort) ? new DistortionAugmentation() : recipe.Augmentation,
                DistortedCopies = result.GetValue(_copies) ?? recipe.DistortedCopies,
            };
            options.Validate();
            if (result.GetValue(_global) is not null && GlobalPhase.StripFor(model.Description) is null)
                throw new ArgumentException($"--global trains a string reader's field with a generated strip ({string.Join(", ", GlobalPhase.Trainable)}), not {model.Name}.");
            if (result.GetValue(_global) is null && (result.GetValue(_globalPages) is not null || result.GetValue(_from) is not null))
                throw new ArgumentException($"{(result.GetValue(_from) is not null ? "--from" : "--global-pages")} goes with --global N, the minutes of the global phase.");
            GlobalTrainingOptions global = model.GlobalRecipe ?? new GlobalTrainingOptions();
            global = global with
            {
                LearningRate = result.GetValue(_globalRate) ?? global.LearningRate,
                PoolSize = result.GetValue(_globalPool) ?? global.PoolSize,
                PenaltyRate = result.GetValue(_globalPenaltyRate) ?? global.PenaltyRate,
            };
            global.Validate();
            string output = result.GetValue(_out) ?? Path.Combine("runs", model.Name);
            return new TrainRequest(model, options, result.GetValue(_data), output, result.GetValue(_limit), result.GetValue(_generic),
                result.GetValue(_confusion), result.GetValue(_overwrite), result.GetValue(_validation), result.GetValue(_global), global,
                result.GetValue(_globalPages) ?? 0, result.GetValue(_from));
        }
        catch (ArgumentException error)
        {
            // Every value here came from the command line: a bad one is a usage error.
            throw new UserError(error.Message, ExitCodes.Usage);
        }
    }
}
