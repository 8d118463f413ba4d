using System.CommandLine;
using LeNet.Cli.Benchmarking;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet bench [--model M] [--page]</c>: the speed summary in one command: inference and training
/// throughput and latency of the generated engine against the generic one (with <c>--page</c>, the
/// model's generated page tile, inference only), and their share of this machine's measured FMA ceiling. A Stopwatch measurement of about a minute; the BenchmarkDotNet suite in
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
        var page = new Option<bool>("--page")
        {
            Description = $"Measure the model replicated over a page tile instead (its generated page: {string.Join(", ", Pages.Select(p => p().Description.Name))}), against the generic engine's page; inference only.",
        };
        var command = new Command("bench", "Measure the generated engine against the generic engine (inference and training: throughput, latency) and this machine's FMA ceiling. Takes about a minute. "
            + "The comparison with ONNX Runtime is in the repository's BenchmarkDotNet suite (benchmarks/LeNet.Benchmarks, OnnxRuntimeBenchmarks).") { model, threads, page };
        command.SetAction(result =>
        {
            ModelEntry entry = CommonOptions.FindModel(result.GetValue(model));
            int count = result.GetValue(threads);
            var options = new QuickBenchOptions { Threads = count };
            (INetwork generated, INetwork generic) = result.GetValue(page) ? PageOf(entry) : (entry.Create(), entry.CreateGeneric());
            QuickBenchReport report = QuickBench.Run(generated, generic, options, Console.Error);
            Console.WriteLine(report.Format());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The shipped generated pages: a field network replicated over a page tile in both directions.</summary>
    private static readonly Func<IReplicatedNetwork>[] Pages = [() => new LeNet5StringsPage(), () => new LeNet5LocatorTile()];

    /// <summary>The generated page of <paramref name="entry"/>'s network and the generic engine's of the same size.</summary>
    /// <exception cref="UserError">No page of that network is shipped.</exception>
    private static (INetwork Generated, INetwork Generic) PageOf(ModelEntry entry)
    {
        IReplicatedNetwork? found = Pages.Select(p => p()).FirstOrDefault(p => p.Field.Signature == entry.Description.Signature);
        if (found is null)
            throw new UserError($"Model '{entry.Name}' has no generated page; --page measures {string.Join(", ", Pages.Select(p => p().Field.Name))}.", ExitCodes.Usage);
        return (found, Engine.GenericNetwork.Replicate(found.Field, found.Width, found.Height));
    }
}
