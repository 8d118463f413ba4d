using System.Numerics;
using System.Runtime.InteropServices;

namespace LeNet.Training;

/// <summary>
/// Adam (Kingma and Ba) with bias correction, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, and
/// optional decoupled weight decay as in AdamW (w = w - eta lambda w before the Adam step, skipping
/// biases, subsampling coefficients and radial-basis centres).
/// </summary>
internal sealed class AdamOptimizer : IOptimizer
{
    /// <summary>Decay of the first-moment average.</summary>
    public const float Beta1 = 0.9f;
    /// <summary>Decay of the second-moment average.</summary>
    public const float Beta2 = 0.999f;
    /// <summary>Added to the root of the second moment so that flat directions do not blow up.</summary>
    public const float Epsilon = 1e-8f;

    private readonly float[] _mean, _square, _decayMask;
    private long _steps;

    /// <summary>An optimizer for <paramref name="network"/>'s parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative weight decay.</exception>
    public AdamOptimizer(NetworkDescription network, float weightDecay = 0f)
    {
        if (!(weightDecay >= 0f))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be 0 or positive.");
        WeightDecay = weightDecay;
        _mean = new float[network.ParameterCount];
        _square = new float[network.ParameterCount];
        _decayMask = DecayMask.For(network);
    }

    /// <summary>The decoupled weight decay lambda.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    public string Name => "adam";

    /// <inheritdoc/>
    public void BeginStep() => _steps++;

    /// <inheritdoc/>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, int start, int count)
    {
        OptimizerChecks.Slice(parameters, gradient, _mean.Length, start, count);
        if (_steps == 0) throw new InvalidOperationException("Adam updates need BeginStep first: the bias correction counts the steps.");
        parameters = parameters.Slice(start, count);
        gradient = gradient.Slice(start, count);
        Span<float> mean = _mean.AsSpan(start, count), square = _square.AsSpan(start, count);
        ReadOnlySpan<float> decayMask = _decayMask.AsSpan(start, count);
        float correction1 = (float)(1.0 - Math.Pow(Beta1, _steps));
        float correction2 = (float)(1.0 - Math.Pow(Beta2, _steps));
        float stepSize = learningRate / correction1;
        float rootScale = 1f / MathF.Sqrt(correction2);
        float shrink = learningRate * WeightDecay;

        Span<Vector<float>> w = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        Span<Vector<float>> m = MemoryMarshal.Cast<float, Vector<float>>(mean);
        Span<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(square);
        ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        ReadOnlySpan<Vector<float>> mask = MemoryMarshal.Cast<float, Vector<float>>(decayMask);
        Vector<float> b1 = new(Beta1), b2 = new(Beta2), c1 = new(1f - Beta1), c2 = new(1f - Beta2);
        Vector<float> step = new(stepSize), root = new(rootScale), epsilon = new(Epsilon), decay = new(shrink);
        for (int i = 0; i < w.Length; i++)
        {
            w[i] -= decay * mask[i] * w[i];
            m[i] = b1 * m[i] + c1 * g[i];
            s[i] = b2 * s[i] + c2 * g[i] * g[i];
            w[i] -= step * m[i] / (Vector.SquareRoot(s[i]) * root + epsilon);
        }
        for (int i = w.Length * Vector<float>.Count; i < parameters.Length; i++)
        {
            parameters[i] -= shrink * decayMask[i] * parameters[i];
            mean[i] = Beta1 * mean[i] + (1f - Beta1) * gradient[i];
            square[i] = Beta2 * square[i] + (1f - Beta2) * gradient[i] * gradient[i];
            parameters[i] -= stepSize * mean[i] / (MathF.Sqrt(square[i]) * rootScale + Epsilon);
        }
    }
}
