namespace LeNet.Training;

/// <summary>
/// Draws a network's starting parameters, layer by layer and segment by segment
/// (<see cref="LayerInfo.Segments"/>). F below is the segment's fan-in of the receiving unit, biases
/// not counted: |inputs of the output map| x k x k for a convolution (so maps of a connection table differ),
/// the input size for a fully connected layer, the window's k x k units for subsampling.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="InitializationScheme.Paper"/>: weights and biases uniform in +-2.4/F, as the paper
/// prints it (Appendix A). The paper treats a bias as one more weight (it counts biases among the
/// connections), so biases get the same range. Trainable subsampling: the paper's unit multiplies the
/// <em>sum</em> of its k x k inputs by the coefficient, which therefore starts in +-2.4/(k x k); the
/// engines multiply the <em>mean</em>, so the equivalent coefficient is drawn in +-2.4; the bias in
/// +-2.4/(k x k).</item>
/// <item><see cref="InitializationScheme.PaperSqrt"/>: convolution and fully connected weights and
/// biases uniform in +-2.4/sqrt(F); trainable subsampling as above. The paper divides by the fan-in so
/// that every unit's weighted sum starts with the same spread inside the sigmoid's working range; that
/// takes 1/sqrt(F) (with inputs of unit variance, a spread of 2.4/sqrt(3), about 1.4, in every layer),
/// whereas +-2.4/F gives 1.4/sqrt(F): 0.28 in C1, 0.07 in C5. With +-2.4/F the backpropagated
/// curvatures of C1 to S4 start near 0, so SDLM moves them by eta/mu and the paper's eta = 0.0005
/// leaves LeNet-5 at chance after a pass; with +-2.4/sqrt(F) the first pass's rates are close to the
/// paper's and that pass learns (+-2.4/sqrt(k x k) for the subsampling too made the second pass
/// unstable).</item>
/// <item><see cref="InitializationScheme.PaperUnit"/>: convolution and fully connected weights and
/// biases uniform in +-sqrt(3/F) (standard deviation 1/sqrt(F), the rule of the same authors'
/// "Efficient BackProp" of the same year), trainable subsampling as above: every weighted sum starts
/// with unit variance rather than 2.4/sqrt(3) times it, so fewer units start saturated. With it, and
/// the rubbish-class penalty j = 10, the paper's own recipe (one update per sample in a constant order,
/// its rate table from 0.0005) trains stably (the README has the runs).</item>
/// <item><see cref="InitializationScheme.Default"/>: weights and biases uniform in +-1/sqrt(F); in
/// ReLU layers weights He-uniform in +-sqrt(6/F) and biases 0. Trainable subsampling starts as plain
/// pooling: coefficient 1, bias 0.</item>
/// <item>Trainable radial-basis centres (both schemes): the paper's digit codes when the layer asks
/// for <see cref="RbfCentres.DigitBitmaps"/>, random +-1 components otherwise.</item>
/// </list>
/// Draws come from one <see cref="Random"/> seeded with the given seed, layer after layer, so the
/// same seed and network always give the same parameters.
/// </remarks>
internal static class ParameterInitializer
{
    /// <summary>The paper's numerator in +-2.4/F (and in +-2.4/sqrt(F)).</summary>
    public const float PaperRange = 2.4f;
    /// <summary>He-uniform's numerator in +-sqrt(6/F).</summary>
    public const float HeNumerator = 6f;
    /// <summary>The numerator in +-sqrt(3/F): a uniform draw of standard deviation 1/sqrt(F).</summary>
    public const float UnitVarianceNumerator = 3f;

    /// <summary>A fresh parameter buffer for <paramref name="network"/>.</summary>
    public static float[] Create(NetworkDescription network, InitializationScheme scheme, int seed)
    {
        var parameters = new float[network.ParameterCount];
        Initialize(network, parameters, scheme, seed);
        return parameters;
    }

    /// <summary>Overwrites <paramref name="parameters"/> with starting values for <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">The buffer's length is not the network's parameter count.</exception>
    public static void Initialize(NetworkDescription network, Span<float> parameters, InitializationScheme scheme, int seed)
    {
        if (parameters.Length != network.ParameterCount)
            throw new ArgumentException($"Network '{network.Name}' has {network.ParameterCount} parameters, the buffer holds {parameters.Length}.");
        var random = new Random(seed);
        foreach (LayerInfo layer in network.Layers)
        {
            Span<float> slice = parameters.Slice(layer.ParameterOffset, layer.ParameterCount);
            foreach (ParameterSegment segment in layer.Segments)
                Draw(layer, segment, slice.Slice(segment.Start, segment.Length), scheme, random);
        }
    }

    /// <summary>The name <see cref="Parse"/> reads back: "default", "paper", "paper-sqrt" or "paper-unit".</summary>
    public static string Name(InitializationScheme scheme) => scheme switch
    {
        InitializationScheme.Paper => "paper",
        InitializationScheme.PaperSqrt => "paper-sqrt",
        InitializationScheme.PaperUnit => "paper-unit",
        _ => "default",
    };

    /// <summary>Parses a scheme name ("default", "paper", "paper-sqrt", "paper-unit"), case-insensitive.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static InitializationScheme Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "default" or "pytorch" or "he" => InitializationScheme.Default,
        "paper" or "lecun" => InitializationScheme.Paper,
        "paper-sqrt" => InitializationScheme.PaperSqrt,
        "paper-unit" => InitializationScheme.PaperUnit,
        _ => throw new ArgumentException($"Unknown initialisation '{name}'. Known: default, paper, paper-sqrt, paper-unit."),
    };

    private static float WeightRange(InitializationScheme scheme, Activation activation, int fanIn) =>
        PaperFormRange(scheme, fanIn) ?? (activation == Activation.ReLU ? MathF.Sqrt(HeNumerator / fanIn) : 1f / MathF.Sqrt(fanIn));

    private static float BiasRange(InitializationScheme scheme, Activation activation, int fanIn) =>
        PaperFormRange(scheme, fanIn) ?? (activation == Activation.ReLU ? 0f : 1f / MathF.Sqrt(fanIn));

    /// <summary>The range of weights and biases alike in the paper's forms; null for <see cref="InitializationScheme.Default"/>.</summary>
    private static float? PaperFormRange(InitializationScheme scheme, int fanIn) => scheme switch
    {
        InitializationScheme.Paper => PaperRange / fanIn,
        InitializationScheme.PaperSqrt => PaperRange / MathF.Sqrt(fanIn),
        InitializationScheme.PaperUnit => MathF.Sqrt(UnitVarianceNumerator / fanIn),
        _ => null,
    };

    /// <summary>Draws one segment's values, unit after unit, in the order they sit.</summary>
    private static void Draw(LayerInfo layer, ParameterSegment segment, Span<float> values, InitializationScheme scheme, Random random)
    {
        Activation activation = layer.Declaration.Activation;
        switch (segment.Role)
        {
            case ParameterRole.Weights:
                for (int unit = 0, at = 0; unit < segment.Units; unit++)
                {
                    int fanIn = FanIn(layer, segment, unit);
                    Fill(values.Slice(at, fanIn), WeightRange(scheme, activation, fanIn), random);
                    at += fanIn;
                }
                break;
            // Trainable subsampling's bias: +-2.4/(k x k) in the paper's forms (see the remarks), 0 by default.
            case ParameterRole.Biases when layer.Kind == LayerKind.Subsampling:
                if (scheme == InitializationScheme.Default) values.Clear();
                else Fill(values, PaperRange / segment.FanIn, random);
                break;
            case ParameterRole.Biases:
                for (int unit = 0; unit < segment.Units; unit++)
                    values[unit] = Uniform(BiasRange(scheme, activation, FanIn(layer, segment, unit)), random);
                break;
            // The paper's coefficient, +-2.4/window, multiplies the window's sum; ours multiplies
            // its mean, so the same starting function needs a coefficient window times larger.
            case ParameterRole.Coefficients:
                if (scheme == InitializationScheme.Default) values.Fill(1f);
                else Fill(values, PaperRange, random);
                break;
            case ParameterRole.Centres when layer.Declaration.Centres == RbfCentres.Random:
                for (int i = 0; i < values.Length; i++) values[i] = random.Next(2) == 0 ? -1f : 1f;
                break;
            case ParameterRole.Centres:
                // NetworkDescription enforces LayoutRules: digit-bitmap centres feed at most 10 units from 84 inputs.
                DigitCodes.All[..values.Length].CopyTo(values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(segment), segment.Role, "a parameter role without a starting value");
        }
    }

    /// <summary>The fan-in of the segment's <paramref name="unit"/>: a convolution's map reads only its connected input maps.</summary>
    private static int FanIn(LayerInfo layer, ParameterSegment segment, int unit) =>
        segment.FanInOf(segment.FanInPerInputMap ? layer.InputsOf(unit).Count : 1);

    private static void Fill(Span<float> values, float range, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Uniform(range, random);
    }

    private static float Uniform(float range, Random random) => range == 0f ? 0f : (float)((2.0 * random.NextDouble() - 1.0) * range);
}
