using LeNet.Data;
using LeNet.Models;
using LeNet.Runtime.Tests.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

/// <summary>The discriminative forward criterion against every reading, and a global training step.</summary>
public class GlobalTrainingTests
{
    [Fact]
    public void The_forward_criterion_is_minus_the_log_probability_of_the_label_over_every_reading()
    {
        const int characters = 3;
        float[] penalties = [-0.6f, -0.8f, -3f, -2f];
        WeightedGraph full = CharacterModel.Build(characters, 3);
        byte[] label = [2, 0];
        WeightedGraph right = WeightedGraph.Compose(full, Languages.Spell(label));
        var random = new Random(6);
        var criterion = new ForwardCriterion();
        float[] scores = Segmentations.RandomScores(random, 5, characters + 1);
        var readings = Segmentations.All(scores, characters, penalties);
        double expected = Segmentations.LogSumExp(readings.Select(r => r.Score))
            - Segmentations.LogSumExp(readings.Where(r => r.Text.SequenceEqual([2, 0])).Select(r => r.Score));

        var scoreGradient = new float[scores.Length];
        var penaltyGradient = new float[penalties.Length];
        float loss = criterion.Loss(full, right, scores, characters + 1, penalties, 1, scoreGradient, penaltyGradient);
        Assert.Equal(expected, loss, 3);
        Assert.True(loss > 0);

        var ignored = new float[scores.Length];
        var ignoredPenalties = new float[penalties.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            float kept = scores[i];
            scores[i] = kept + 1e-2f;
            double up = criterion.Loss(full, right, scores, characters + 1, penalties, 1, ignored, ignoredPenalties);
            scores[i] = kept - 1e-2f;
            double down = criterion.Loss(full, right, scores, characters + 1, penalties, 1, ignored, ignoredPenalties);
            scores[i] = kept;
            Assert.Equal((up - down) / 2e-2, scoreGradient[i], 2);
        }
        // The posteriors of a position sum to one over all readings and over the label's: the difference sums to 0.
        for (int t = 0; t < 5; t++)
            Assert.Equal(0, scoreGradient.Skip(t * (characters + 1)).Take(characters + 1).Sum(), 4);
    }

    [Fact]
    public void A_label_that_cannot_fit_is_left_out()
    {
        WeightedGraph full = CharacterModel.Build(3, 3);
        WeightedGraph right = WeightedGraph.Compose(full, Languages.Spell([1, 2, 0]));
        float[] scores = Segmentations.RandomScores(new Random(7), 2, 4);
        var gradient = new float[scores.Length];
        Assert.Equal(float.PositiveInfinity, new ForwardCriterion().Loss(full, right, scores, 4, [-0.6f, -0.8f, -3f, -2f], 1, gradient, new float[4]));
        Assert.All(gradient, g => Assert.Equal(0, g));
    }

    [Fact]
    public void A_global_step_lowers_the_criterion_of_its_batch()
    {
        var synthesizer = new StripSynthesizer(RealMnist.Load().Train);
        DigitStrip[] batch = [.. Enumerable.Range(0, 20).Select(i => synthesizer.Compose(new StripRecipe(1, 5, StripSpacing.Mixed), 3, i))];
        float[] parameters = LeNet.Training.ParameterInitializer.Create(LeNet5Strings.Description, LeNet.Training.InitializationScheme.Default, 8);
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        var trainer = new GlobalTrainer(new LeNet5StringsStrip(), parameters, penalties, new GlobalTrainingOptions { LearningRate = 1e-3f });
        float before = trainer.Train(batch);
        float[] moved = (float[])parameters.Clone();
        float after = trainer.Train(batch);
        Assert.True(after < before, $"The criterion went from {before} to {after}.");
        Assert.All(penalties, p => Assert.True(p <= 0));
        Assert.NotEqual(CharacterModel.Penalties(DecoderOptions.Default), penalties);
        Assert.NotEqual(moved, parameters);
    }

    [Fact]
    public void An_amounts_reader_learns_amounts_through_its_graph()
    {
        var composer = new HandwritingComposer(RealMnist.Load().Train);
        HandwrittenText[] batch = [.. Enumerable.Range(0, 16).Select(i => AmountStrips.Compose(composer, 4, i))
            .Select(t => t with { Text = AmountStrips.Label(t) })];
        Assert.Contains(batch, t => t.Text.Contains('.'));
        float[] parameters = LeNet.Training.ParameterInitializer.Create(LeNet5Amounts.Description, LeNet.Training.InitializationScheme.Default, 9);
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        var trainer = new GlobalTrainer(new LeNet5AmountsStrip(), parameters, penalties, new GlobalTrainingOptions { LearningRate = 1e-3f });
        float before = trainer.Train(batch);
        float after = trainer.Train(batch);
        Assert.True(float.IsFinite(before) && after < before, $"The criterion went from {before} to {after}.");
        Assert.NotEqual(CharacterModel.Penalties(DecoderOptions.Default), penalties);
    }

    [Fact]
    public void A_text_the_reader_cannot_write_is_refused()
    {
        float[] parameters = LeNet.Training.ParameterInitializer.Create(LeNet5Strings.Description, LeNet.Training.InitializationScheme.Default, 8);
        var trainer = new GlobalTrainer(new LeNet5StringsStrip(), parameters, CharacterModel.Penalties(DecoderOptions.Default), new GlobalTrainingOptions());
        var strip = new HandwrittenText(new byte[StripGeometry.Height * StripGeometry.Width], StripGeometry.Width, "12.50", []);
        var error = Assert.Throws<ArgumentException>(() => trainer.Train([strip]));
        Assert.Contains("'.'", error.Message);
        float[] kept = (float[])parameters.Clone();
        var wide = new HandwrittenText(new byte[StripGeometry.Height * 160], 160, "12", []);
        Assert.Throws<ArgumentException>(() => trainer.Run(RealMnist.Load().Train, TimeSpan.FromSeconds(1), cuts: [wide]));
        Assert.Throws<ArgumentException>(() => trainer.Run(RealMnist.Load().Train, TimeSpan.FromSeconds(1), cuts: [strip]));
        Assert.Equal(kept, parameters);
        Assert.Throws<ArgumentException>(() => new GlobalTrainingOptions { CutShare = 1.5 }.Validate());
    }
}
