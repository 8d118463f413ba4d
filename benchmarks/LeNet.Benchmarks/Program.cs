using BenchmarkDotNet.Running;
using LeNet.Cli.Benchmarking;
using LeNet.Models;

// `quick [model...]` prints the Stopwatch summary (what `lenet bench` shows) without BenchmarkDotNet;
// `layers [model...]` each layer's one-sample kernels alone against the one-sample step (Layers/SampleTimings.cs);
// `blocks [model...]` each layer's block kernels alone against the batch step (Layers/BlockTimings.cs);
// `stream [model...]` one thread streaming the largest weight block from the cache, the one-sample floor (Layers/StreamTimings.cs);
// `alignment [model...]` the whole passes on buffers that start cache lines against buffers 16 bytes on (Layers/AlignmentTimings.cs);
// anything else goes to BenchmarkDotNet's switcher (--filter, --job, ...).
if (args.Length > 0 && args[0] == "layers")
{
    foreach (string name in args.Length > 1 ? args.Skip(1) : ["lenet5-classic"])
    {
        LeNet.Benchmarks.Layers.SampleTimings.Run(ModelCatalog.Find(name), Console.Out);
        Console.WriteLine();
    }
    return;
}
if (args.Length > 0 && args[0] == "quick")
{
    IEnumerable<ModelEntry> models = args.Length > 1 ? args.Skip(1).Select(ModelCatalog.Find) : [ModelCatalog.Find("lenet5-classic")];
    foreach (ModelEntry model in models)
    {
        QuickBenchReport report = QuickBench.Run(model.Create(), model.CreateGeneric(), progress: Console.Error);
        report.Write(Console.Out);
        Console.WriteLine();
    }
    return;
}

if (args.Length > 0 && args[0] == "blocks")
{
    foreach (string name in args.Length > 1 ? args.Skip(1) : ["lenet5-classic"])
    {
        LeNet.Benchmarks.Layers.BlockTimings.Run(ModelCatalog.Find(name), Console.Out);
        Console.WriteLine();
    }
    return;
}

if (args.Length > 0 && args[0] == "stream")
{
    foreach (string name in args.Length > 1 ? args.Skip(1) : ["lenet5-classic"])
    {
        LeNet.Benchmarks.Layers.StreamTimings.Run(ModelCatalog.Find(name), Console.Out);
        Console.WriteLine();
    }
    return;
}

if (args.Length > 0 && args[0] == "alignment")
{
    foreach (string name in args.Length > 1 ? args.Skip(1) : ["lenet5-classic"])
    {
        LeNet.Benchmarks.Layers.AlignmentTimings.Run(ModelCatalog.Find(name), Console.Out);
        Console.WriteLine();
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
