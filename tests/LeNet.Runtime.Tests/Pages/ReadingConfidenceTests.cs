using LeNet.Pages;

namespace LeNet.Runtime.Tests.Pages;

/// <summary><see cref="ReadingConfidence"/>: the logistic of the weighted features, and a fit that recovers a known model.</summary>
public sealed class ReadingConfidenceTests
{
    private static ConfidenceFeatures Draw(Random random) => new(
        Score: 0.3 + 0.7 * random.NextDouble(), Posterior: random.NextDouble(), WeakestCharacter: random.NextDouble(),
        LookedTwice: random.Next(2) == 1, Margin: 2 * random.NextDouble(), RunnerUpAgrees: random.Next(3) == 0, Alone: random.Next(4) == 0,
        Verification: 0.01 + 0.98 * random.NextDouble(), ViewsDisagree: random.Next(5) == 0);

    [Fact]
    public void The_probability_is_the_logistic_of_the_bias_plus_the_weighted_features()
    {
        var features = new ConfidenceFeatures(0.8, 0.9, 0.7, LookedTwice: true, Margin: 0.4, RunnerUpAgrees: false, Alone: false, Verification: 0.6,
            ViewsDisagree: true);
        double[] x = features.ToVector();
        Assert.Equal([Math.Log(0.8), Math.Log(0.9), Math.Log(0.1), Math.Log(0.7), Math.Log(0.3), 1, 0.4, 0, 0, Math.Log(0.6), Math.Log(0.4), 1], x, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(ConfidenceFeatures.Count, x.Length);
        var model = new ReadingConfidence(-0.5, [1, 2, 0, 0.5, 0, -1, 3, 0, 0, 1.5, -0.25, -2]);
        double z = -0.5 + Math.Log(0.8) + 2 * Math.Log(0.9) + 0.5 * Math.Log(0.7) - 1 + 3 * 0.4 + 1.5 * Math.Log(0.6) - 0.25 * Math.Log(0.4) - 2;
        Assert.Equal(1 / (1 + Math.Exp(-z)), model.Probability(features), 12);

        // Score times posterior, made a probability: sp / (1 + sp); a reader without a verifier gives a verification of 1.
        Assert.Equal(1, new ConfidenceFeatures(0.8, 0.9, 0.7, true, 0.4, false, false).Verification);
        Assert.False(new ConfidenceFeatures(0.8, 0.9, 0.7, true, 0.4, false, false).ViewsDisagree);
        Assert.Equal(0.72 / 1.72, ReadingConfidence.ByScoreAndPosterior.Probability(features), 12);
        Assert.InRange(ReadingConfidence.Envelopes.Probability(features), 0, 1);
    }

    [Fact]
    public void A_fit_recovers_the_model_the_outcomes_were_drawn_from()
    {
        var truth = new ReadingConfidence(0.5, [3, 1.5, -0.5, 0.8, 0, -0.7, 1.2, 0.9, -0.4, 1.1, -0.3, -1.2]);
        var random = new Random(5);
        var pages = new List<(ConfidenceFeatures, bool)>();
        for (int i = 0; i < 20_000; i++)
        {
            ConfidenceFeatures features = Draw(random);
            pages.Add((features, random.NextDouble() < truth.Probability(features)));
        }
        ReadingConfidence fitted = ReadingConfidence.Fit(pages, ridge: 1e-6);
        double worst = 0;
        for (int i = 0; i < 2_000; i++)
        {
            ConfidenceFeatures features = Draw(random);
            worst = Math.Max(worst, Math.Abs(fitted.Probability(features) - truth.Probability(features)));
        }
        Assert.True(worst < 0.06, $"fitted probabilities differ from the true ones by up to {worst:0.000}");
        Assert.Equal(fitted, ReadingConfidence.Fit(pages, ridge: 1e-6) with { }, new FittedEquality());
    }

    [Fact]
    public void A_fit_needs_pages_read_right_and_wrong_and_options_need_a_weight_per_feature()
    {
        var random = new Random(6);
        Assert.Throws<ArgumentException>(() => ReadingConfidence.Fit([(Draw(random), true), (Draw(random), true)]));
        Assert.Throws<ArgumentException>(() => ReadingConfidence.Fit([(Draw(random), false)]));
        Assert.Contains("penalty", Assert.Throws<ArgumentException>(() => ReadingConfidence.Fit([(Draw(random), false), (Draw(random), true)], ridge: -1)).Message);
        Assert.Contains("12 finite weights", Assert.Throws<ArgumentException>(() => new PageReaderOptions { ChequeConfidence = new ReadingConfidence(0, [1, 1]) }.Validate()).Message);
        Assert.Contains("12 finite weights", Assert.Throws<ArgumentException>(() => new PageReaderOptions { EnvelopeConfidence = new ReadingConfidence(double.NaN, new double[12]) }.Validate()).Message);
        Assert.Throws<ArgumentException>(() => new ReadingConfidence(0, [1]).Probability(Draw(random)));
        Assert.Same(PageReaderOptions.Default.EnvelopeConfidence, PageReaderOptions.Default.Confidence(PageKind.Envelope));
        Assert.Same(PageReaderOptions.Default.ChequeConfidence, PageReaderOptions.Default.Confidence(PageKind.Cheque));
    }

    /// <summary>Two fits of the same pages are the same numbers: the fit is deterministic.</summary>
    private sealed class FittedEquality : IEqualityComparer<ReadingConfidence>
    {
        public bool Equals(ReadingConfidence? a, ReadingConfidence? b) => a!.Bias == b!.Bias && a.Weights.SequenceEqual(b.Weights);
        public int GetHashCode(ReadingConfidence model) => model.Bias.GetHashCode();
    }
}
