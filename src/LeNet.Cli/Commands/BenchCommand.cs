using System.CommandLine;
using LeNet.Benchmarking;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet bench [--model M]</c>: the speed summary in one command: inference and training
/// throughput and latency of the generated engine against the generic one, and their share of this
/// machine's measured FMA ceiling; then inference against ONNX Runtime on the exported network
/// (<see cref="OnnxRuntimeBench"/>). A Stopwatch measurement of about a minute; the BenchmarkDotNet suite in
/// benchmarks/ is the rigorous one.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        model.DefaultValueFactory = _ => "lenet5-classic";
        var threads = new Option<int>("--threads") { Description = "Threads for the all-cores rows (default: every core)." }.AtLeast(0);
        var onnx = new Option<bool>("--no-onnx") { Description = "Leave out the rows that compare with ONNX Runtime on the exported model." };
        var command = new Command("bench", "Measure the generated engine against the generic engine (inference and training: throughput, latency), this machine's FMA ceiling and ONNX Runtime on the exported network. Takes about a minute (less with --no-onnx).") { model, threads, onnx };
        command.SetAction(result =>
        {
            ModelEntry entry = CommonOptions.FindModel(result.GetValue(model));
            int count = result.GetValue(threads);
            var options = new QuickBenchOptions { Threads = count };
            QuickBenchReport report = QuickBench.Run(entry.Create(), entry.CreateGeneric(), options, Console.Error);
            Console.WriteLine(report.Format());
            if (!result.GetValue(onnx))
                Console.WriteLine(OnnxRuntimeBench.Format(entry.Name, OnnxRuntimeBench.Run(entry.Description, entry.Create, options, Console.Error)));
            return ExitCodes.Success;
        });
        return command;
    }
}
