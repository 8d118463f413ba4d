namespace LeNet.Pages;

/// <summary>
/// What a page's reading is judged by (<see cref="ReadingConfidence"/>): the chosen line's detection score and
/// reading, and how it stands against the runner-up, the best of the other candidates read.
/// </summary>
/// <param name="Score">The chosen line's detection score (<see cref="FieldCandidate.Score"/>).</param>
/// <param name="Posterior">The posterior of the string read among all the field's grammar allows: over the views of the chosen line, the geometric mean of its posterior in each (<see cref="PageReader.Find"/>).</param>
/// <param name="WeakestCharacter">The lowest probability the reader gave any character of the string.</param>
/// <param name="LookedTwice">Whether the reader took a second look at the strip.</param>
/// <param name="Margin">How far the chosen line ranks above the runner-up: the log of the ratio of their ranks (0 without a runner-up).</param>
/// <param name="RunnerUpAgrees">Whether the runner-up reads the same string.</param>
/// <param name="Alone">Whether no other candidate was read.</param>
/// <param name="Verification">The verifier's probability that the chosen line is the handwritten field (<see cref="FieldCandidate.Verification"/>; 1 without a verifier).</param>
/// <param name="ViewsDisagree">Whether a view of the chosen line (a cut of it, or all the ink inside the box of its characters, <see cref="FieldCandidate.ReadBox"/>) read another string.</param>
public sealed record ConfidenceFeatures(double Score, double Posterior, double WeakestCharacter, bool LookedTwice, double Margin, bool RunnerUpAgrees, bool Alone,
    double Verification = 1, bool ViewsDisagree = false)
{
    /// <summary>How many values <see cref="ToVector"/> gives.</summary>
    public const int Count = 12;

    /// <summary>
    /// The values the model weighs, in order: ln score, ln posterior, ln(1 - posterior), ln weakest character,
    /// ln(1 - weakest character), second look, margin, runner-up agrees, alone, ln verification, ln(1 - verification),
    /// views disagree (flags as 0 or 1; logs of 0 floored).
    /// </summary>
    public double[] ToVector() =>
    [
        Log(Score), Log(Posterior), Log(1 - Posterior), Log(WeakestCharacter), Log(1 - WeakestCharacter),
        LookedTwice ? 1 : 0, Margin, RunnerUpAgrees ? 1 : 0, Alone ? 1 : 0, Log(Verification), Log(1 - Verification),
        ViewsDisagree ? 1 : 0,
    ];

    private static double Log(double value) => Math.Log(Math.Max(value, 1e-9));
}

/// <summary>
/// The probability that a page's reading is right: a logistic regression on its <see cref="ConfidenceFeatures"/>,
/// <c>1 / (1 + exp(-(Bias + Weights . features)))</c>. The defaults (<see cref="Envelopes"/>, <see cref="Cheques"/>)
/// were fitted (<see cref="Fit"/>) on pages composed from MNIST's training digits, read by the pretrained page reader
/// (docs/pages.md says how); a reader with other networks should fit its own (<c>lenet find --eval DIR --fit-confidence</c>).
/// </summary>
/// <param name="Bias">The intercept.</param>
/// <param name="Weights">One weight per value of <see cref="ConfidenceFeatures.ToVector"/>.</param>
public sealed record ReadingConfidence(double Bias, IReadOnlyList<double> Weights)
{
    /// <summary>The probability that a reading with <paramref name="features"/> is right.</summary>
    /// <exception cref="ArgumentException">The model does not have a weight per feature.</exception>
    public double Probability(ConfidenceFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (Weights.Count != ConfidenceFeatures.Count)
            throw new ArgumentException($"A confidence model needs {ConfidenceFeatures.Count} weights, not {Weights.Count}.");
        double[] x = features.ToVector();
        double z = Bias;
        for (int i = 0; i < x.Length; i++) z += Weights[i] * x[i];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The logistic regression of <paramref name="pages"/>' outcomes (read right or not) on their features: the features
    /// standardised, Newton's method on the log-likelihood with an L2 penalty of <paramref name="ridge"/> on the
    /// standardised weights (not the bias), the result in the features' own units. Deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two pages, pages all right or all wrong, or a penalty that is negative or not finite.</exception>
    public static ReadingConfidence Fit(IReadOnlyList<(ConfidenceFeatures Features, bool Right)> pages, double ridge = 1e-2)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (!(ridge >= 0 && double.IsFinite(ridge)))
            throw new ArgumentException($"The penalty on the weights must be 0 or more, not {ridge}.", nameof(ridge));
        if (pages.Count < 2 || pages.All(p => p.Right) || pages.All(p => !p.Right))
            throw new ArgumentException("Fitting a confidence model needs pages read right and pages read wrong.", nameof(pages));
        const int d = ConfidenceFeatures.Count;
        int n = pages.Count;
        double[][] x = [.. pages.Select(p => p.Features.ToVector())];
        var mean = new double[d];
        var spread = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = x.Average(v => v[j]);
            double variance = x.Average(v => (v[j] - mean[j]) * (v[j] - mean[j]));
            spread[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
        // Standardised design with the bias as its last column.
        var z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            z[i] = new double[d + 1];
            for (int j = 0; j < d; j++) z[i][j] = (x[i][j] - mean[j]) / spread[j];
            z[i][d] = 1;
        }
        var w = new double[d + 1];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j <= d; j++) s += w[j] * z[i][j];
                double p = 1 / (1 + Math.Exp(-s)), r = (pages[i].Right ? 1 : 0) - p, c = p * (1 - p);
                for (int j = 0; j <= d; j++)
                {
                    gradient[j] += r * z[i][j];
                    for (int k = 0; k <= d; k++) hessian[j, k] += c * z[i][j] * z[i][k];
                }
            }
            for (int j = 0; j < d; j++)
            {
                gradient[j] -= ridge * n * w[j];
                hessian[j, j] += ridge * n;
            }
            double[] step = Solve(hessian, gradient);
            double largest = 0;
            for (int j = 0; j <= d; j++)
            {
                w[j] += step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }
            if (largest < 1e-9) break;
        }
        var weights = new double[d];
        double bias = w[d];
        for (int j = 0; j < d; j++)
        {
            weights[j] = w[j] / spread[j];
            bias -= weights[j] * mean[j];
        }
        return new ReadingConfidence(bias, weights);
    }

    /// <summary>Solves <paramref name="a"/> x = <paramref name="b"/> (symmetric positive definite) by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            for (int k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (int row = col + 1; row < n; row++)
            {
                double factor = m[row, col] / m[col, col];
                for (int k = col; k < n; k++) m[row, k] -= factor * m[col, k];
                x[row] -= factor * x[col];
            }
        }
        for (int row = n - 1; row >= 0; row--)
        {
            for (int k = row + 1; k < n; k++) x[row] -= m[row, k] * x[k];
            x[row] /= m[row, row];
        }
        return x;
    }

    /// <summary>
    /// The detection score times the posterior (<see cref="ConfidenceFeatures.Posterior"/>, over the chosen line's views),
    /// p = sp / (1 + sp): their product made a probability-like value; a model to start from.
    /// </summary>
    public static ReadingConfidence ByScoreAndPosterior { get; } = new(0, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    /// <summary>
    /// The model for the pretrained reader's zip codes on envelopes: fitted on 800 envelopes of training digits
    /// (<c>lenet envelopes --out TE --count 800 --seed 21 --split train</c>, then
    /// <c>lenet find --model lenet5-locator --eval TE --fit-confidence</c>) by the pretrained page reader. It accepts 79.88% of
    /// those envelopes at 1% errors.
    /// </summary>
    public static ReadingConfidence Envelopes { get; } = new(2.16404114350672,
    [
        1.0699127448856476, 0.07874703399861163, -0.10946079794990712, 1.1672410893703362, -0.27091684424780005,
        -1.387837329491628, 0.014105933794602963, -1.7229521867971611, 0.1902473792388609, 0.18346590277002978,
        0.11479670396687258, -1.3743199065879745,
    ]);

    /// <summary>
    /// The model for the pretrained reader's courtesy amounts on cheques: <see cref="ByScoreAndPosterior"/>. A model fitted as
    /// <see cref="Envelopes"/> on 800 cheques of training digits (<c>lenet cheques --out TC --count 800 --seed 21 --split train</c>,
    /// <c>--kind cheque</c>) accepted 50.25% of those cheques at 1% errors, but 1.00% of 800 others
    /// (<c>--seed 41</c>), where the detection score times the posterior accepts 26.50%.
    /// </summary>
    public static ReadingConfidence Cheques { get; } = ByScoreAndPosterior;
}
