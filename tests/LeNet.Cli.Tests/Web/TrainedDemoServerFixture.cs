using LeNet.Cli.Commands;
using LeNet.Cli.Tests.Commands;
using LeNet.Cli.Web;
using LeNet.Data;
using LeNet.Training;
using Microsoft.AspNetCore.Builder;

namespace LeNet.Cli.Tests.Web;

/// <summary>
/// The demo server exactly as <c>lenet serve</c> builds it (<see cref="ServeCommand.CreatePredictor"/>,
/// <see cref="MnistRandomDigits"/>) over the really trained test network, on an ephemeral 127.0.0.1 port.
/// The Random button draws, in a fixed order, from test digits the network reads confidently, so a test
/// can check that the page's round trip (pad, downsampling, preprocessing) keeps an easy digit's identity.
/// </summary>
public sealed class TrainedDemoServerFixture : IAsyncLifetime
{
    /// <summary>Test digits considered for the Random button.</summary>
    private const int Candidates = 300;
    /// <summary>Probability of the right class a digit needs to count as easy.</summary>
    private const float Confident = 0.99f;
    private const int RandomSeed = 7;
    /// <summary>
    /// Names a checkpoint to serve instead of the test network, e.g. a fully trained one when the page's
    /// screenshot is made for docs/ (with LENET_WRITE_DOCS=1); the tests assert the same either way.
    /// </summary>
    public const string CheckpointVariable = "LENET_DEMO_CHECKPOINT";

    private WebApplication? _app;

    /// <summary>The string reader behind the wide pad: the repository's trained one (models/lenet5-strings.ckpt).</summary>
    public const string ReaderCheckpoint = "models/lenet5-strings.ckpt";

    internal RecordingPredictor Predictor { get; private set; } = null!;
    internal RecordingReader Reader { get; private set; } = null!;
    /// <summary>The page reader, as <c>lenet serve</c> has it by default (the pretrained one).</summary>
    internal RecordingPageFinder Pages { get; } = new(ServeCommand.CreatePageFinder(null));
    public Uri Address { get; private set; } = new("http://127.0.0.1/");
    internal DemoModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        LoadedModel model = Environment.GetEnvironmentVariable(CheckpointVariable) is { Length: > 0 } path
            ? LoadedModel.From(path)
            : TrainedModel.Load();
        Predictor = new RecordingPredictor(ServeCommand.CreatePredictor(model));
        Reader = new RecordingReader(ServeCommand.CreateStringReader(LoadedModel.From(Path.Combine(DemoPageTests.RepositoryRoot(), ReaderCheckpoint))));
        _app = DemoServer.Build(Model = ServeCommand.Describe(model), Predictor, new MnistRandomDigits(EasyDigits(model), new Random(RandomSeed)), port: 0, Reader, Pages);
        await _app.StartAsync();
        Address = DemoServer.Address(_app);
    }

    private static LabelledImages EasyDigits(LoadedModel model)
    {
        LabelledImages test = TrainedModel.Data.Test.Take(Candidates);
        int[] easy = Enumerable.Range(0, test.Count).Where(i =>
        {
            ForwardTrace p = Evaluator.Trace(model.Network, model.Parameters, test.Image(i), test.Rows, test.Columns);
            return p.Label == test.Labels[i] && p.Probabilities[p.Label] >= Confident;
        }).ToArray();
        byte[] pixels = easy.SelectMany(i => test.Image(i).ToArray()).ToArray();
        return new LabelledImages("easy test digits", test.Rows, test.Columns, pixels, easy.Select(i => test.Labels[i]).ToArray());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
