using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Files;
using LeNet.Models;
using LeNet.Pages;
using LeNet.Strings;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet train --global N</c>'s second phase, for a string reader's field (digits or amounts) with a generated strip
/// (<see cref="StripFor"/>): the window-trained field in a checkpoint trained through the reader's graph
/// (<see cref="GlobalTrainer"/>) for N minutes on strips of the training digits, then saved in place with the
/// learned character model (<see cref="CheckpointKeys.CharacterModel"/>), which <c>lenet read</c> decodes with.
/// Its curve (<see cref="GlobalCurve"/>) goes to a CSV file and, at the end, to a PNG beside it
/// (<see cref="GlobalCurvePlot"/>); the held-out strips it measures are composed from the same training digits
/// by the pool's recipes, in series of their own.
/// </summary>
internal static class GlobalPhase
{
    /// <summary>Strips in the held-out set the curve reads.</summary>
    public const int HeldOutStrips = 2000;

    /// <summary>Time between the curve's rows.</summary>
    public static readonly TimeSpan RowInterval = TimeSpan.FromSeconds(15);

    /// <summary>Time between the curve's readings of the held-out strips.</summary>
    public static readonly TimeSpan HeldOutInterval = TimeSpan.FromMinutes(1);

    /// <summary>Metadata keys written from the checkpoint's data description, not copied.</summary>
    private static readonly string[] DataKeys = [CheckpointKeys.DataName, CheckpointKeys.DataSource, CheckpointKeys.DataPath, CheckpointKeys.Preprocessing, CheckpointKeys.ClassNames];

    /// <summary>
    /// The generated strip global training runs for <paramref name="field"/>: its generated strip
    /// (<see cref="StripReaders.GeneratedStrip"/>) when it reads digits and "no digit" (<see cref="StripGeometry.Answers"/>
    /// answers) or an amount's characters and "none" (<see cref="AmountStrips.Answers"/>), otherwise null.
    /// </summary>
    public static IReplicatedNetwork? StripFor(NetworkDescription field) =>
        field.Output.Size is StripGeometry.Answers or AmountStrips.Answers ? StripReaders.GeneratedStrip(field) : null;

    /// <summary>The kind of page whose field a reader of <paramref name="field"/> reads: cheques for an amounts reader, envelopes for a digit reader.</summary>
    public static PageKind PageKindFor(NetworkDescription field) =>
        field.Output.Size == AmountStrips.Answers ? PageKind.Cheque : PageKind.Envelope;

    /// <summary>The models <c>--global</c> trains, for messages.</summary>
    public static IEnumerable<string> Trainable => ToolModels.All.Where(m => StripFor(m.Description) is not null).Select(m => m.Name);

    /// <summary>How a global phase trains <paramref name="field"/>, in one line: the strips' recipes (amount strips for an amounts reader), the pool, the batches and the rates, on one thread.</summary>
    public static string Describe(GlobalTrainingOptions options, NetworkDescription field) =>
        $"{(PageKindFor(field) == PageKind.Cheque ? "amount strips" : string.Join("; ", options.Recipes))}, a pool of {options.PoolSize:N0}, batches of {options.BatchSize}, Adam at {options.LearningRate.ToString("0.########", CultureInfo.InvariantCulture)}, " +
        $"penalties at {options.PenaltyRate.ToString("0.########", CultureInfo.InvariantCulture)}, one thread";

    /// <summary>
    /// Trains the field saved at <paramref name="checkpoint"/> (a model of <see cref="ToolModels"/>) on strips of
    /// <paramref name="digits"/> and saves it there; writes the curve to <paramref name="curve"/> and its picture
    /// beside it (the same name, .png).
    /// </summary>
    /// <param name="checkpoint">The checkpoint trained and saved in place.</param>
    /// <param name="curve">The curve's CSV file.</param>
    /// <param name="digits">The training digits.</param>
    /// <param name="duration">How long to train.</param>
    /// <param name="stop">Ends the phase between steps.</param>
    /// <param name="options">The recipe; null for the defaults.</param>
    /// <param name="pages">Pages of the reader's kind to compose from the training digits and cut the field from (<see cref="ReaderPages"/>), half of every batch; 0 for none.</param>
    public static int Run(string checkpoint, string curve, LabelledImages digits, TimeSpan duration, CancellationToken stop, GlobalTrainingOptions? options = null, int pages = 0)
    {
        CheckpointData saved = Checkpoint.Read(checkpoint);
        NetworkDescription field = ToolModels.Find(saved.NetworkName).Description;
        IReplicatedNetwork strip = StripFor(field)
            ?? throw new UserError($"{checkpoint}: global training trains a string reader's field with a generated strip ({string.Join(", ", Trainable)}), not {saved.NetworkName}.", ExitCodes.Usage);
        float[] parameters = saved.ParametersFor(field);
        float[] penalties = CharacterModel.Penalties(saved.CharacterModel);
        options ??= new GlobalTrainingOptions();
        var trainer = new GlobalTrainer(strip, parameters, penalties, options);
        Console.WriteLine();
        IReadOnlyList<HandwrittenText>? cuts = null;
        if (pages > 0)
        {
            PageKind kind = PageKindFor(field);
            cuts = ReaderPages.Cut(kind, digits, pages, strip.Width, stop);
            Console.WriteLine($"Cut {cuts.Count:N0} strips of the field from {pages:N0} {PageLabels.Name(kind)}s of {digits.Name}, {options.CutShare.ToString("0%", CultureInfo.InvariantCulture)} of every batch.");
            if (stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("lenet: interrupted before the global phase; the checkpoint is unchanged.");
                return ExitCodes.Interrupted;
            }
        }
        Console.WriteLine($"Global training: the strip network and the character model through the reader's graph, {duration.TotalMinutes:0.#} min on strips of {digits.Name}: {Describe(options, field)}.");
        var heldOut = new HeldOut(digits, StripFor(field)!, parameters, penalties, options);
        var rows = new GlobalCurve(curve);
        Console.WriteLine($"Curve: {curve}, the share of {HeldOutStrips:N0} held-out strips of the training digits read right every {HeldOutInterval.TotalMinutes:0} min.");
        ProgressBar? bar = null;
        TimeSpan? start = null;
        TimeSpan nextRow = RowInterval, nextCheck = HeldOutInterval;
        GlobalTrainingProgress? last = null;
        var progress = new SynchronousProgress<GlobalTrainingProgress>(p =>
        {
            last = p;
            if (p.Strips == 0)
            {
                bar ??= new ProgressBar("composing strips", p.PoolSize, "strips");
                bar.Report(p.Composed);
                if (p.Composed == p.PoolSize && start is null)
                {
                    start = p.Elapsed;
                    rows.Append(new GlobalCurveRow(0, 0, float.NaN, heldOut.Right()));
                    bar.Dispose();
                    bar = new ProgressBar("global training", (long)duration.TotalSeconds, "s");
                }
                return;
            }
            TimeSpan training = p.Elapsed - (start ?? TimeSpan.Zero);
            if (training >= nextRow)
            {
                bool check = training >= nextCheck;
                rows.Append(new GlobalCurveRow(training.TotalMinutes, p.Strips, p.RunningLoss, check ? heldOut.Right() : null));
                nextRow += RowInterval;
                if (check) nextCheck += HeldOutInterval;
            }
            bar!.Report((long)p.Elapsed.TotalSeconds, null, $"{p.Strips:N0} strips, loss {p.RunningLoss.ToString("0.0000", CultureInfo.InvariantCulture)}");
        });
        long strips;
        try
        {
            strips = trainer.Run(digits, duration, progress, stop, cuts);
        }
        finally
        {
            bar?.Dispose();
        }
        if (start is TimeSpan began && last is not null)
            rows.Append(new GlobalCurveRow((last.Elapsed - began).TotalMinutes, strips, last.RunningLoss, heldOut.Right()));
        string picture = Path.ChangeExtension(curve, ".png");
        if (rows.Rows.Count > 0)
            AtomicFile.WriteAllBytes(picture, GlobalCurvePlot.Render(rows.Rows, $"{field.Name}: global training on strips of the training digits"));
        var metadata = saved.Metadata.Where(e => !DataKeys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        metadata[CheckpointKeys.CharacterModel] = string.Join(",", penalties.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        Checkpoint.Save(checkpoint, field, parameters, metadata, saved.DataRecorded ? saved.Data : null);
        DecoderOptions learned = CharacterModel.Options(penalties);
        Console.WriteLine($"Learned from {strips:N0} strips; character model: runs of 1-{learned.RunPriors.Count} positions at " +
            $"{string.Join(", ", learned.RunPriors.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))}, a digit right after another at {learned.AdjacentPrior.ToString("0.000", CultureInfo.InvariantCulture)}. Saved {checkpoint}.");
        if (rows.Rows.Count > 0)
            Console.WriteLine($"Held-out strips read right: {Percent.Of(rows.Rows[0].HeldOutRight)} before, {Percent.Of(rows.Rows[^1].HeldOutRight)} after. Wrote {curve} and {picture}.");
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("lenet: interrupted; the global phase so far is saved.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// The held-out strips and a reader of them with the parameters and penalties being trained (the same arrays,
    /// read in place between steps): digit strips read under any length, or amount strips under the amount grammar.
    /// </summary>
    private sealed class HeldOut
    {
        private readonly (byte[] Pixels, string Text)[] _strips;
        private readonly StripReader _reader;
        private readonly float[] _penalties;
        private readonly StringGrammar? _grammar;

        public HeldOut(LabelledImages digits, IReplicatedNetwork strip, float[] parameters, float[] penalties, GlobalTrainingOptions options)
        {
            if (strip.Field.Output.Size == AmountStrips.Answers)
            {
                var composer = new HandwritingComposer(digits);
                // The pool's series is Seed; this follows it.
                _strips = [.. Enumerable.Range(0, HeldOutStrips).Select(i => AmountStrips.Compose(composer, options.Seed + 1, i))
                    .Select(t => (t.Pixels, AmountStrips.Label(t)))];
                _grammar = StringGrammar.Amount;
            }
            else
            {
                var synthesizer = new StripSynthesizer(digits, strip.Width);
                IReadOnlyList<StripRecipe> recipes = options.Recipes;
                // The pool's series are Seed + 0 .. Seed + recipes - 1; these follow them.
                _strips = [.. Enumerable.Range(0, HeldOutStrips)
                    .Select(i => synthesizer.Compose(recipes[i % recipes.Count], options.Seed + recipes.Count + i % recipes.Count, i / recipes.Count))
                    .Select(s => (s.Pixels, s.Text))];
            }
            _reader = new StripReader(new StripScorer(strip, parameters)) { SecondLook = null };
            _penalties = penalties;
        }

        /// <summary>The share of the strips read entirely right now, each read once, decoded with the current character model.</summary>
        public double Right()
        {
            _reader.Decoding = CharacterModel.Options(_penalties);
            return (double)_strips.Count(s => Read(s.Pixels) == s.Text) / _strips.Length;
        }

        private string? Read(byte[] pixels)
        {
            if (_grammar is null) return _reader.Read(pixels).Text;
            try
            {
                return _reader.Read(pixels, _grammar).Text;
            }
            catch (ArgumentException)
            {
                return null; // no amount fits the strip
            }
        }
    }
}
