using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class EvaluatorTests
{
    private static readonly Data.LabelledImages Test = SyntheticImages.Make(600, seed: 31);
    private static readonly INetwork Network = new GenericNetwork(TinyNetworks.Softmax());
    private static readonly float[] Parameters = ParameterInitializer.Create(Network.Description, InitializationScheme.Default, 9);

    [Fact]
    public void AgreesWithASampleBySampleReference()
    {
        var loss = new CrossEntropy();
        EvaluationResult result = new Evaluator(Network, loss, threads: 3).Evaluate(Parameters, Test);

        int correct = 0;
        double lossSum = 0;
        var confusion = new int[10, 10];
        var gradient = new float[10];
        var wrong = new List<Misclassification>();
        for (int i = 0; i < Test.Count; i++)
        {
            ForwardTrace prediction = Evaluator.Trace(Network, Parameters, Test.Image(i), Test.Rows, Test.Columns);
            int label = Test.Labels[i];
            lossSum += loss.Loss(prediction.Probabilities, label, gradient);
            confusion[label, prediction.Label]++;
            if (prediction.Label == label) correct++;
            else wrong.Add(new Misclassification(i, label, prediction.Label));
        }

        Assert.Equal(Test.Count, result.Count);
        Assert.Equal(correct, result.Correct);
        Assert.Equal(lossSum / Test.Count, result.MeanLoss, 5);
        Assert.Equal(confusion, result.Confusion);
        Assert.Equal(wrong, result.Misclassified);
        Assert.NotEmpty(result.Misclassified); // an untrained network: the list is exercised
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        EvaluationResult one = new Evaluator(Network, threads: 1).Evaluate(Parameters, Test);
        EvaluationResult four = new Evaluator(Network, threads: 4).Evaluate(Parameters, Test);
        Assert.Equal(one.MeanLoss, four.MeanLoss);
        Assert.Equal(one.Confusion, four.Confusion);
        Assert.Equal(one.Misclassified, four.Misclassified);
    }

    [Fact]
    public void BlocksOfSeveralSamplesGiveTheSameResult()
    {
        // 600 samples: chunks of 256, 256 and 88; blocks of 17 leave a lone sample at the end of the
        // first two and a padded tail (3 of 17 lanes) at the end of the last.
        EvaluationResult narrow = new Evaluator(Network, threads: 2).Evaluate(Parameters, Test);
        EvaluationResult wide = new Evaluator(new WideBlockNetwork(Network, 17), threads: 2).Evaluate(Parameters, Test);
        Assert.Equal(narrow.MeanLoss, wide.MeanLoss);
        Assert.Equal(narrow.Confusion, wide.Confusion);
        Assert.Equal(narrow.Misclassified, wide.Misclassified);
    }

    [Fact]
    public void PredictionProbabilitiesSumToOne()
    {
        ForwardTrace prediction = Evaluator.Trace(Network, Parameters, Test.Image(0), Test.Rows, Test.Columns);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 5);
        Assert.Equal(Array.IndexOf(prediction.Probabilities, prediction.Probabilities.Max()), prediction.Label);
        Assert.Equal(Network.Description.ActivationCount, prediction.Activations.Length);
    }

    [Fact]
    public void RejectsDataWithMoreClassesThanOutputs()
    {
        var wide = new Data.LabelledImages("wide", 8, 8, new byte[64], [11], classes: 12);
        var error = Assert.Throws<ArgumentException>(() => new Evaluator(Network).Evaluate(Parameters, wide));
        Assert.Contains("12 classes", error.Message);
    }
}
