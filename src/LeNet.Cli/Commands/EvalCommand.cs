using System.CommandLine;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet eval CHECKPOINT</c> or <c>lenet eval --model NAME</c>: test accuracy, loss and the confusion matrix.</summary>
internal static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new ModelSource();
        var data = CommonOptions.DataForCheckpoint();
        var threads = CommonOptions.Threads();
        var command = new Command("eval", "Evaluate a checkpoint on the test set: accuracy, loss, confusion matrix.") { source.Checkpoint, source.Pretrained, data, threads };
        command.SetAction(result =>
        {
            LoadedModel model = source.Load(result);
            MnistSplit split = DataSource.For(model, result.GetValue(data));
            var evaluator = new Evaluator(model.Network, model.Loss, result.ThreadCount(threads));
            EvaluationResult evaluation = evaluator.Evaluate(model.Parameters, split.Test);
            Console.WriteLine($"{model.Entry.Name} on {split.Test.Name}: accuracy {Percent.Of(evaluation.Accuracy)} ({evaluation.Correct:N0}/{evaluation.Count:N0}), error {Percent.Of(evaluation.ErrorRate)}, mean loss {evaluation.MeanLoss:F4}");
            Console.WriteLine();
            Console.WriteLine(ConfusionMatrix.Format(evaluation.Confusion));
            if (model.ClassNames is { } names)
            {
                Console.WriteLine();
                Console.WriteLine("classes: " + string.Join(", ", names.Select((name, label) => $"{label} {name}")));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
