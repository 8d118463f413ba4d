using System.Numerics;
using System.Runtime.InteropServices;

namespace LeNet.Training;

/// <summary>
/// Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's SGD computes it:
/// g' = g + lambda w; v = mu v + g'; w = w - eta v. Weight decay is the coupled L2 form (added to
/// the gradient, so momentum carries it too) and skips biases, subsampling coefficients and
/// radial-basis centres. With momentum 0 this is plain SGD.
/// </summary>
public sealed class SgdOptimizer : IOptimizer
{
    private readonly float[] _velocity;
    private readonly float[] _decayMask;

    /// <summary>An optimizer for <paramref name="network"/>'s parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Momentum outside [0, 1) or negative weight decay.</exception>
    public SgdOptimizer(NetworkDescription network, float momentum = DefaultMomentum, float weightDecay = 0f)
    {
        if (!(momentum >= 0f && momentum < 1f))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        if (!(weightDecay >= 0f))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be 0 or positive.");
        Momentum = momentum;
        WeightDecay = weightDecay;
        _velocity = new float[network.ParameterCount];
        _decayMask = DecayMask.For(network);
    }

    /// <summary>The usual momentum, 0.9.</summary>
    public const float DefaultMomentum = 0.9f;

    /// <summary>The momentum mu.</summary>
    public float Momentum { get; }
    /// <summary>The L2 weight decay lambda.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    public string Name => "sgd";

    /// <inheritdoc/>
    public void BeginStep() { }

    /// <inheritdoc/>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, int start, int count)
    {
        OptimizerChecks.Slice(parameters, gradient, _velocity.Length, start, count);
        parameters = parameters.Slice(start, count);
        gradient = gradient.Slice(start, count);
        Span<float> velocity = _velocity.AsSpan(start, count);
        ReadOnlySpan<float> decayMask = _decayMask.AsSpan(start, count);
        Span<Vector<float>> w = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        Span<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        ReadOnlySpan<Vector<float>> m = MemoryMarshal.Cast<float, Vector<float>>(decayMask);
        var mu = new Vector<float>(Momentum);
        var decay = new Vector<float>(WeightDecay);
        var rate = new Vector<float>(learningRate);
        if (WeightDecay == 0f)
        {
            // The decay term would add a zero, which changes no value but the sign of a zero; leaving it out
            // spares reading the mask, a quarter of the pass's memory traffic.
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] + g[i];
                w[i] -= rate * v[i];
            }
        }
        else
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] + g[i] + decay * m[i] * w[i];
                w[i] -= rate * v[i];
            }
        }
        for (int i = w.Length * Vector<float>.Count; i < parameters.Length; i++)
        {
            velocity[i] = Momentum * velocity[i] + gradient[i] + WeightDecay * decayMask[i] * parameters[i];
            parameters[i] -= learningRate * velocity[i];
        }
    }
}
