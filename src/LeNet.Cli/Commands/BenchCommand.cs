using System.CommandLine;
using LeNet.Cli.Benchmarking;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet bench [--model M]</c>: the speed summary in one command: inference and training
/// throughput and latency of the generated engine against the generic one, and their share of this
/// machine's measured FMA ceiling. A Stopwatch measurement of about a minute; the BenchmarkDotNet suite in
/// benchmarks/ is the rigorous one, and holds the comparison with ONNX Runtime.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        model.DefaultValueFactory = _ => "lenet5-classic";
        var threads = new Option<int>("--threads") { Description = "Threads for the all-cores rows (default: every core)." }.AtLeast(0);
        var command = new Command("bench", "Measure the generated engine against the generic engine (inference and training: throughput, latency) and this machine's FMA ceiling. Takes about a minute. "
            + "The comparison with ONNX Runtime is in the repository's BenchmarkDotNet suite (benchmarks/LeNet.Benchmarks, OnnxRuntimeBenchmarks).") { model, threads };
        command.SetAction(result =>
        {
            ModelEntry entry = CommonOptions.FindModel(result.GetValue(model));
            int count = result.GetValue(threads);
            var options = new QuickBenchOptions { Threads = count };
            QuickBenchReport report = QuickBench.Run(entry.Create(), entry.CreateGeneric(), options, Console.Error);
            Console.WriteLine(report.Format());
            return ExitCodes.Success;
        });
        return command;
    }
}
