using System.CommandLine;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>What one <c>lenet train</c> run was asked to do, options already merged into the model's recipe.</summary>
public sealed record TrainRequest(ModelEntry Model, TrainingOptions Options, string? DataFolder, string OutputFolder, int? Limit, bool Generic, bool ShowConfusion);

/// <summary>
/// The options of <c>lenet train</c>. Every training option is optional: an option not given
/// keeps the value from the model's recipe (<see cref="ModelEntry.Recipe"/>).
/// </summary>
public sealed class TrainOptions
{
    private readonly Option<string> _model = CommonOptions.Model();
    private readonly Option<int?> _epochs = new("--epochs", "-e") { Description = "Passes over the training set." };
    private readonly Option<int?> _batch = new("--batch", "-b") { Description = "Samples per update (1 = one update per sample, as in the paper)." };
    private readonly Option<float?> _rate = new("--lr") { Description = "Learning rate (for the paper schedule: the rate of the first two passes)." };
    private readonly Option<string?> _optimizer = new("--optimizer") { Description = "sgd, adam or sdlm (stochastic diagonal Levenberg-Marquardt)." };
    private readonly Option<string?> _schedule = new("--schedule") { Description = "constant, step, cosine or paper." };
    private readonly Option<float?> _momentum = new("--momentum") { Description = "SGD momentum." };
    private readonly Option<float?> _decay = new("--weight-decay") { Description = "Weight decay (never on biases)." };
    private readonly Option<string?> _loss = new("--loss") { Description = $"Criterion: {string.Join(", ", Losses.Names)} (auto: cross-entropy for softmax, the paper's for RBF)." };
    private readonly Option<string?> _init = new("--init") { Description = "Initialisation: default, paper (uniform +-2.4/fan-in, as printed) or paper-sqrt (+-2.4/sqrt(fan-in))." };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for initialisation, shuffling and distortions." };
    private readonly Option<int?> _threads = new("--threads") { Description = "Worker threads (default: the recipe's, usually every core)." };
    private readonly Option<bool> _distort = new("--distort") { Description = "Distort training images on the fly (translation, scaling, squeezing, shearing), as the paper's second experiment." };
    private readonly Option<bool> _elastic = new("--elastic") { Description = "Distort training images with the paper's affine distortions followed by an elastic deformation (Simard et al. 2003)." };
    private readonly Option<string?> _data = CommonOptions.Data();
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Folder for the checkpoint and history (default: runs/MODEL)." };
    private readonly Option<int?> _limit = new("--limit") { Description = "Train on the first N training images only (quick runs)." };
    private readonly Option<bool> _generic = new("--generic") { Description = "Train with the generic engine instead of the generated code (slow; for comparison)." };
    private readonly Option<bool> _confusion = new("--confusion") { Description = "Print the best pass's confusion matrix at the end." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _model, _epochs, _batch, _rate, _optimizer, _schedule, _momentum, _decay, _loss, _init, _seed, _threads, _distort, _elastic, _data, _out, _limit, _generic, _confusion })
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
                Momentum = result.GetValue(_momentum) ?? recipe.Momentum,
                WeightDecay = result.GetValue(_decay) ?? recipe.WeightDecay,
                Loss = result.GetValue(_loss) is { } loss ? Losses.Parse(loss, model.Description) : recipe.Loss,
                Initialization = result.GetValue(_init) is { } init ? ParameterInitializer.Parse(init) : recipe.Initialization,
                Seed = result.GetValue(_seed) ?? recipe.Seed,
                Threads = result.GetValue(_threads) ?? recipe.Threads,
                Augmentation = result.GetValue(_elastic) ? new DistortionAugmentation(DistortionRanges.Elastic)
                    : result.GetValue(_distort) ? new DistortionAugmentation() : recipe.Augmentation,
            };
            options.Validate();
            int? limit = result.GetValue(_limit);
            if (limit is <= 0) throw new ArgumentException($"--limit must be positive, not {limit}.");
            string output = result.GetValue(_out) ?? Path.Combine("runs", model.Name);
            return new TrainRequest(model, options, result.GetValue(_data), output, limit, result.GetValue(_generic), result.GetValue(_confusion));
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
    }
}
