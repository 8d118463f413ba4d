using LeNet.Data;
using LeNet.Training;

namespace LeNet.Strings;

/// <summary>
/// Trains a string reader end to end through its graph (the paper's global training, section VII.C): the
/// replicated strip network scores every position, the <see cref="ForwardCriterion"/> compares the
/// character model's readings with the label's, and the gradient flows into every position's scores,
/// the character model's penalties, and back through the strip network into the field's shared
/// weights. Strips are labelled with their text only. On the calling thread, the strips of a batch in
/// the network's SIMD blocks; one Adam step per batch for the network, one gradient step for the
/// penalties, kept at or below 0 (they stay log-probabilities, as <see cref="DecoderOptions"/> wants).
/// </summary>
public sealed class GlobalTrainer
{
    private readonly IReplicatedNetwork _strip;
    private readonly float[] _parameters, _penalties, _gradient, _penaltyGradient;
    private readonly float[] _input, _inputs, _activations, _scratch, _scores, _scoreGradient, _outputGradients;
    private readonly InputEncoder _encoder;
    private readonly AdamOptimizer _optimizer;
    private readonly GlobalTrainingOptions _options;
    private readonly int _answers;
    private readonly WeightedGraph _full;
    private readonly ForwardCriterion _criterion = new();
    private readonly Dictionary<string, WeightedGraph> _labels = [];

    /// <summary>
    /// A trainer moving <paramref name="parameters"/> (the field's, run by <paramref name="strip"/>) and the
    /// character model's <paramref name="penalties"/> (<see cref="CharacterModel.Penalties"/>) in place.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters or penalties do not fit, the strip has more than one row, or its output is not a softmax over digits and "no digit" or over the amount grammar's characters and "none".</exception>
    public GlobalTrainer(IReplicatedNetwork strip, float[] parameters, float[] penalties, GlobalTrainingOptions options)
    {
        if (parameters.Length != strip.Description.ParameterCount)
            throw new ArgumentException($"Network '{strip.Description.Name}' has {strip.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        if (strip.Rows != 1)
            throw new ArgumentException($"Network '{strip.Description.Name}' is replicated over {strip.Rows} rows; global training reads a strip of one.", nameof(strip));
        if (strip.Field.OutputKind != LayerKind.Softmax)
            throw new ArgumentException($"Global training reads probabilities: network '{strip.Field.Name}' ends in {strip.Field.OutputKind}, not a softmax.", nameof(strip));
        int answers = strip.Field.Output.Size;
        if (answers != StripGeometry.Answers && answers != AmountStrips.Answers)
            throw new ArgumentException($"Global training reads digit strings or amounts: network '{strip.Field.Name}' has {answers} answers, not the {StripGeometry.Answers} of digits and \"no digit\" or the {AmountStrips.Answers} of an amount's characters and \"none\".", nameof(strip));
        options.Validate();
        _answers = answers;
        _full = CharacterModel.Build(answers - 1, options.MaxRun);
        if (penalties.Length != _full.Penalties)
            throw new ArgumentException($"The character model has {_full.Penalties} penalties, not {penalties.Length}.", nameof(penalties));
        (_strip, _parameters, _penalties, _options) = (strip, parameters, penalties, options);
        int block = strip.BlockSize;
        _gradient = new float[parameters.Length];
        _penaltyGradient = new float[penalties.Length];
        _input = new float[strip.Description.Input.Size];
        _inputs = new float[_input.Length * block];
        _activations = new float[strip.Description.ActivationCount * block];
        _scratch = new float[strip.BlockScratchLength];
        _scores = new float[strip.Positions * answers];
        _scoreGradient = new float[_scores.Length];
        _outputGradients = new float[_scores.Length * block];
        _encoder = new InputEncoder(strip.Description.Input, StripGeometry.Height, strip.Width);
        _optimizer = new AdamOptimizer(strip.Description, options.WeightDecay);
    }

    /// <summary>
    /// Trains for <paramref name="duration"/> (or until <paramref name="stop"/>) on strips composed from
    /// <paramref name="digits"/> (training digits, never the test set's): a pool of
    /// <see cref="GlobalTrainingOptions.PoolSize"/> strips (digit strips by the options' recipes, or amount strips,
    /// <see cref="AmountStrips"/>, for an amounts reader), batches drawn from it at random; when
    /// <paramref name="cuts"/> (strips cut from pages, labelled with their text) are given,
    /// <see cref="GlobalTrainingOptions.CutShare"/> of every batch is drawn from them instead. Reports after every
    /// step; returns the strips learned from.
    /// </summary>
    /// <exception cref="ArgumentException">A cut's width is not the network's, or its text holds a character the network does not answer.</exception>
    public long Run(LabelledImages digits, TimeSpan duration, IProgress<GlobalTrainingProgress>? progress = null, CancellationToken stop = default,
        IReadOnlyList<HandwrittenText>? cuts = null)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (cuts?.FirstOrDefault(c => c.Width != _strip.Width) is { } wrong)
            throw new ArgumentException($"A cut {wrong.Width} wide does not fit network '{_strip.Description.Name}', {_strip.Width} wide.", nameof(cuts));
        foreach (HandwrittenText cut in cuts ?? []) _ = Label(cut.Text);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<int, HandwrittenText> compose = Composer(digits);
        var pool = new HandwrittenText[_options.PoolSize];
        for (int i = 0; i < pool.Length && !stop.IsCancellationRequested; i++)
        {
            pool[i] = compose(i);
            if ((i + 1) % 1000 == 0 || i + 1 == pool.Length) progress?.Report(new GlobalTrainingProgress(i + 1, pool.Length, 0, float.NaN, clock.Elapsed));
        }
        var random = new Random(_options.Seed);
        var batch = new HandwrittenText[_options.BatchSize];
        double share = cuts is { Count: > 0 } ? _options.CutShare : 0;
        long strips = 0;
        float running = float.NaN;
        while (clock.Elapsed < duration && !stop.IsCancellationRequested)
        {
            for (int b = 0; b < batch.Length; b++) batch[b] = random.NextDouble() < share ? cuts![random.Next(cuts.Count)] : pool[random.Next(pool.Length)];
            float loss = Train(batch);
            strips += batch.Length;
            // A moving average over about the last hundred steps.
            if (!float.IsPositiveInfinity(loss)) running = float.IsNaN(running) ? loss : 0.99f * running + 0.01f * loss;
            progress?.Report(new GlobalTrainingProgress(pool.Length, pool.Length, strips, running, clock.Elapsed));
        }
        return strips;
    }

    /// <summary>
    /// Strip i of the pool: a digit strip by the options' recipes in turn, or for an amounts reader an amount strip
    /// labelled with its grammar's characters (its asterisks, fillers the reader takes for none, left out).
    /// </summary>
    private Func<int, HandwrittenText> Composer(LabelledImages digits)
    {
        if (_answers == AmountStrips.Answers)
        {
            var composer = new HandwritingComposer(digits);
            return i =>
            {
                HandwrittenText text = AmountStrips.Compose(composer, _options.Seed, i);
                return text with { Text = AmountStrips.Label(text) };
            };
        }
        var synthesizer = new StripSynthesizer(digits, _strip.Width);
        IReadOnlyList<StripRecipe> recipes = _options.Recipes;
        return i =>
        {
            DigitStrip strip = synthesizer.Compose(recipes[i % recipes.Count], _options.Seed + i % recipes.Count, i / recipes.Count);
            return new HandwrittenText(strip.Pixels, strip.Width, strip.Text, []);
        };
    }

    /// <summary>
    /// Learns from one batch of digit strips, one step; returns the mean criterion over the strips whose label
    /// can be read in the strip's positions (the others are left out).
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, or a strip's width is not the network's.</exception>
    public float Train(IReadOnlyList<DigitStrip> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Train(batch.Count, i => (batch[i].Pixels, batch[i].Width, batch[i].Text));
    }

    /// <summary>
    /// Learns from one batch of strips of handwritten text (digits, or an amount's characters for an amounts
    /// reader), one step; returns the mean criterion over the strips whose text can be read in the strip's
    /// positions (the others are left out).
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, a strip's width is not the network's, or a text holds a character the network does not answer.</exception>
    public float Train(IReadOnlyList<HandwrittenText> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Train(batch.Count, i => (batch[i].Pixels, batch[i].Width, batch[i].Text));
    }

    private float Train(int count, Func<int, (byte[] Pixels, int Width, string Text)> strips)
    {
        if (count == 0) throw new ArgumentException("A batch holds at least one strip.", "batch");
        for (int i = 0; i < count; i++)
            if (strips(i).Width is int width && width != _strip.Width)
                throw new ArgumentException($"A strip {width} wide does not fit network '{_strip.Description.Name}', {_strip.Width} wide.", "batch");
        double loss = 0;
        int counted = 0, block = _strip.BlockSize;
        for (int first = 0; first < count; first += block)
        {
            int lanes = Math.Min(block, count - first);
            for (int lane = 0; lane < block; lane++)
            {
                _encoder.Encode(strips(first + Math.Min(lane, lanes - 1)).Pixels, _input);
                BlockLayout.Scatter(_input, _inputs, lane, block);
            }
            _strip.ForwardBlock(_parameters, _inputs, _activations);
            _outputGradients.AsSpan().Clear();
            for (int lane = 0; lane < lanes; lane++)
            {
                float strip = Criterion(strips(first + lane).Text, lane);
                if (float.IsPositiveInfinity(strip)) continue;
                loss += strip;
                counted++;
            }
            _strip.BackwardBlock(_parameters, _inputs, _activations, _outputGradients, _gradient, _scratch);
        }
        Step(count);
        return counted == 0 ? float.PositiveInfinity : (float)(loss / counted);
    }

    /// <summary>One strip's criterion from lane <paramref name="lane"/> of the block's outputs, its gradient written into that lane of the output gradients.</summary>
    private float Criterion(string text, int lane)
    {
        int positions = _strip.Positions, answers = _answers, block = _strip.BlockSize;
        int output = _strip.Description.OutputOffset;
        // The output is answers x positions, answer after answer; the graph reads positions x answers.
        for (int a = 0; a < answers; a++)
            for (int t = 0; t < positions; t++)
                _scores[t * answers + a] = MathF.Log(MathF.Max(_activations[(output + a * positions + t) * block + lane], PositionScores.MinimumProbability));
        _scoreGradient.AsSpan().Clear();
        float loss = _criterion.Loss(_full, Label(text), _scores, answers, _penalties, 1f, _scoreGradient, _penaltyGradient);
        if (float.IsPositiveInfinity(loss)) return loss;
        // dE/dp = dE/dlog p / p where the score is not clamped.
        for (int a = 0; a < answers; a++)
            for (int t = 0; t < positions; t++)
            {
                int unit = a * positions + t;
                float p = _activations[(output + unit) * block + lane];
                _outputGradients[unit * block + lane] = p > PositionScores.MinimumProbability ? _scoreGradient[t * answers + a] / p : 0;
            }
        return loss;
    }

    private void Step(int strips)
    {
        float scale = 1f / strips;
        for (int i = 0; i < _gradient.Length; i++) _gradient[i] *= scale;
        _optimizer.Step(_parameters, _gradient, _options.LearningRate);
        if (_options.PenaltyRate > 0)
            for (int i = 0; i < _penalties.Length; i++)
                _penalties[i] = MathF.Min(0, _penalties[i] - _options.PenaltyRate * scale * _penaltyGradient[i]);
        _gradient.AsSpan().Clear();
        _penaltyGradient.AsSpan().Clear();
    }
    /// <summary>The full graph composed with <paramref name="text"/>, kept for the next strips of that text.</summary>
    private WeightedGraph Label(string text)
    {
        if (_labels.TryGetValue(text, out WeightedGraph? graph)) return graph;
        if (_labels.Count >= MaxKeptLabels) _labels.Clear();
        byte[] label = [.. text.Select(c => AmountText.Character(c) is int character && character < _answers - 1
            ? (byte)character
            : throw new ArgumentException($"'{c}' in \"{text}\" is not a character network '{_strip.Field.Name}' reads.", nameof(text)))];
        return _labels[text] = WeightedGraph.Compose(_full, Languages.Spell(label));
    }

    private const int MaxKeptLabels = 4096;
}
