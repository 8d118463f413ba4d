using System.Numerics;
using System.Runtime.InteropServices;

namespace LeNet.Training;

/// <summary>
/// The paper's stochastic diagonal Levenberg-Marquardt method (Appendix C): each parameter moves by
/// w_k = w_k - eta / (mu + h_kk) * dE/dw_k, where h_kk is a diagonal Gauss-Newton estimate of
/// d2E/dw_k2 that the trainer recomputes before each pass (from a few hundred samples) and that
/// stays fixed during the pass. mu keeps the step bounded where the curvature is tiny.
/// Optional weight decay is the coupled L2 form and skips biases, coefficients and centres.
/// </summary>
internal sealed class SdlmOptimizer : ICurvatureOptimizer
{
    /// <summary>The paper's mu.</summary>
    public const float DefaultMu = 0.02f;

    private readonly NetworkDescription _network;
    private readonly float[] _stepScale, _decayMask;

    /// <summary>An optimizer for <paramref name="network"/>'s parameters; until the first curvature arrives every h_kk is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mu not positive, or negative weight decay.</exception>
    public SdlmOptimizer(NetworkDescription network, float mu = DefaultMu, float weightDecay = 0f)
    {
        if (!(mu > 0f))
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be positive: it bounds the step where the curvature vanishes.");
        if (!(weightDecay >= 0f))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be 0 or positive.");
        _network = network;
        Mu = mu;
        WeightDecay = weightDecay;
        _stepScale = new float[network.ParameterCount];
        _stepScale.AsSpan().Fill(1f / mu);
        _decayMask = DecayMask.For(network);
    }

    /// <summary>The damping term mu.</summary>
    public float Mu { get; }
    /// <summary>The L2 weight decay lambda.</summary>
    public float WeightDecay { get; }

    /// <summary>The current per-parameter factors 1 / (mu + h_kk).</summary>
    public ReadOnlySpan<float> StepScales => _stepScale;

    /// <inheritdoc/>
    public string Name => "sdlm";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The estimate's length is not the parameter count.</exception>
    public void SetCurvature(ReadOnlySpan<float> curvature)
    {
        if (curvature.Length != _stepScale.Length)
            throw new ArgumentException($"The curvature estimate has {curvature.Length} values, the network {_stepScale.Length} parameters.");
        // A Gauss-Newton estimate is never negative; clamping guards against rounding only.
        for (int k = 0; k < curvature.Length; k++) _stepScale[k] = 1f / (Mu + MathF.Max(curvature[k], 0f));
    }

    /// <summary>
    /// The effective per-parameter rates eta / (mu + h_kk) at <paramref name="learningRate"/> and the
    /// current curvature, summarised per layer that has parameters (the paper quotes their range in
    /// the first pass, about 7x10^-5 to 0.016 at eta = 0.0005).
    /// </summary>
    public IReadOnlyList<LayerRates> EffectiveRates(float learningRate)
    {
        var rates = new List<LayerRates>();
        foreach (LayerInfo layer in _network.Layers)
        {
            if (layer.ParameterCount == 0) continue;
            float[] values = _stepScale.AsSpan(layer.ParameterOffset, layer.ParameterCount).ToArray();
            Array.Sort(values);
            int n = values.Length;
            float median = n % 2 == 1 ? values[n / 2] : 0.5f * (values[n / 2 - 1] + values[n / 2]);
            rates.Add(new LayerRates(layer.Label, n, learningRate * values[0], learningRate * median, learningRate * values[^1]));
        }
        return rates;
    }

    /// <inheritdoc/>
    public void BeginStep() { }

    /// <inheritdoc/>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, int start, int count)
    {
        OptimizerChecks.Slice(parameters, gradient, _stepScale.Length, start, count);
        parameters = parameters.Slice(start, count);
        gradient = gradient.Slice(start, count);
        ReadOnlySpan<float> stepScale = _stepScale.AsSpan(start, count), decayMask = _decayMask.AsSpan(start, count);
        Span<Vector<float>> w = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        ReadOnlySpan<Vector<float>> scale = MemoryMarshal.Cast<float, Vector<float>>(stepScale);
        ReadOnlySpan<Vector<float>> mask = MemoryMarshal.Cast<float, Vector<float>>(decayMask);
        Vector<float> rate = new(learningRate), decay = new(WeightDecay);
        for (int i = 0; i < w.Length; i++)
            w[i] -= rate * scale[i] * (g[i] + decay * mask[i] * w[i]);
        for (int i = w.Length * Vector<float>.Count; i < parameters.Length; i++)
            parameters[i] -= learningRate * stepScale[i] * (gradient[i] + WeightDecay * decayMask[i] * parameters[i]);
    }
}
