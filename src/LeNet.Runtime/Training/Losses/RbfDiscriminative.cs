namespace LeNet.Training;

/// <summary>
/// The paper's discriminative (MAP) criterion for radial-basis outputs (eq. 9):
/// E = y_D + log(e^-j + sum_i e^-y_i), where y_i is the penalty (squared distance) of class i and
/// D the true class. The first term pulls the true class's penalty down; the second pushes the
/// others up, and the constant j, the penalty of a "rubbish" class, stops pushing penalties that
/// are already well above j. Predicts the arg-min.
/// </summary>
/// <remarks>
/// The paper does not give j. The default, 1, reads as follows: E is at least 0 and is close to 0
/// once y_D is a few units below both j and every other penalty. With 84 +-1 code components a
/// penalty of 1 is a mean squared deviation of about 0.012 per component, so j = 1 keeps the
/// maximum-likelihood pull on the true class until F6 matches its code closely, while the
/// competing classes (whose codes lie tens of units away) are pushed only when they come near.
/// Everything is computed through a log-sum-exp with the largest exponent factored out.
/// </remarks>
public sealed class RbfDiscriminative : ILoss
{
    /// <summary>The default rubbish-class penalty j (see the remarks).</summary>
    public const float DefaultJ = 1f;

    /// <summary>A criterion with rubbish-class penalty <paramref name="j"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="j"/> is not a finite number.</exception>
    public RbfDiscriminative(float j = DefaultJ)
    {
        if (!float.IsFinite(j))
            throw new ArgumentOutOfRangeException(nameof(j), j, "The rubbish-class penalty j must be a finite number.");
        J = j;
    }

    /// <summary>The rubbish-class penalty j.</summary>
    public float J { get; }

    /// <summary>"rbf-map" with the default j, else "rbf-map:j" (what <see cref="Losses.Parse"/> reads back), so logs and checkpoints say which j trained.</summary>
    public string Name => J == DefaultJ ? "rbf-map" : "rbf-map" + Losses.ParameterSeparator + J.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes q_i = e^-y_i / (e^-j + sum_k e^-y_k) into <paramref name="q"/> and returns
    /// log(e^-j + sum_k e^-y_k), both computed with the largest exponent factored out.
    /// </summary>
    private float SoftMinimum(ReadOnlySpan<float> output, Span<float> q)
    {
        float top = -J;
        for (int i = 0; i < output.Length; i++) top = MathF.Max(top, -output[i]);
        float sum = MathF.Exp(-J - top);
        for (int i = 0; i < output.Length; i++)
        {
            q[i] = MathF.Exp(-output[i] - top);
            sum += q[i];
        }
        for (int i = 0; i < output.Length; i++) q[i] /= sum;
        return top + MathF.Log(sum);
    }

    /// <summary>E as above; dE/dy_i = [i == D] - q_i.</summary>
    public float Loss(ReadOnlySpan<float> output, int label, Span<float> gradient)
    {
        float logSum = SoftMinimum(output, gradient);
        for (int i = 0; i < output.Length; i++) gradient[i] = -gradient[i];
        gradient[label] += 1f;
        return output[label] + logSum;
    }

    /// <summary>
    /// The Gauss-Newton curvature seed: 1 at the label, 0 elsewhere, so the radial-basis layer hands
    /// d2E/dx_j2 = 2 to each F6 output, the curvature of the squared distance y_D to the true class's
    /// code (the paper's least-squares term).
    /// </summary>
    /// <remarks>
    /// The exact diagonal, 2 q_rubbish + 4 (sum_i q_i d_ij^2 - (sum_i q_i d_ij)^2) with d_ij = x_j - c_ij,
    /// and the first-order weight 2 (1 - q_D) both shrink as the network fits a sample: once y_D is near
    /// 0 they are about 2 / (1 + e^j), a quarter of 2 at j = 1, so the better the network, the smaller
    /// h_kk and the larger SDLM's steps. Gauss-Newton drops the terms weighted by the criterion's first
    /// derivatives, as the backward pass of second derivatives drops f''; at the paper's
    /// initialisation (every y_i far above j, q about 0) the seed equals the exact second derivative.
    /// </remarks>
    public void Curvature(ReadOnlySpan<float> output, int label, Span<float> curvature)
    {
        curvature[..output.Length].Clear();
        curvature[label] = 1f;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> output) => OutputReading.ArgMin(output);

    /// <summary>softmax(-y): the nearest code gets the most weight.</summary>
    public void Probabilities(ReadOnlySpan<float> output, Span<float> probabilities) => OutputReading.Softmax(output, probabilities, -1f);
}
