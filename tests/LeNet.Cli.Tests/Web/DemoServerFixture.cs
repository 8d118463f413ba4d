using LeNet.Cli.Commands;
using LeNet.Data;
using LeNet.Strings;
using LeNet.Cli.Web;
using Microsoft.AspNetCore.Builder;

namespace LeNet.Cli.Tests.Web;

/// <summary>Synthetic "MNIST" digits drawn with the font, labelled with what was drawn.</summary>
internal sealed class SyntheticDigits : IRandomDigits
{
    private readonly Random _random = new(5);

    public RandomDigit Next()
    {
        int label;
        lock (_random) label = _random.Next(10);
        return new RandomDigit(TestSupport.SyntheticDigit(label), 28, 28, label);
    }
}

/// <summary>A string reader that remembers its last reading and counts its calls.</summary>
internal sealed class RecordingReader(IStringReader inner) : IStringReader
{
    private int _calls;
    public StringReading? Last { get; private set; }
    public int Calls => Volatile.Read(ref _calls);
    public DemoModel Model => inner.Model;

    public StringReading Read(GreyImage ink, DecoderOptions options)
    {
        StringReading reading = inner.Read(ink, options);
        Last = reading;
        Interlocked.Increment(ref _calls);
        return reading;
    }
}

/// <summary>A page finder that remembers its last reading and counts its calls.</summary>
internal sealed class RecordingPageFinder(IPageFinder inner) : IPageFinder
{
    private int _calls;
    public PageFound? Last { get; private set; }
    public int Calls => Volatile.Read(ref _calls);
    public DemoModel Model => inner.Model;

    public PageFound Find(GreyImage page, LeNet.Pages.PageKind kind, double reject)
    {
        PageFound found = inner.Find(page, kind, reject);
        Last = found;
        Interlocked.Increment(ref _calls);
        return found;
    }
}

/// <summary>Wraps a predictor, remembering its last answer so a test can compare the page with the server; can be told to fail.</summary>
internal sealed class RecordingPredictor(IDigitPredictor inner) : IDigitPredictor
{
    private int _calls;
    public DigitPrediction? Last { get; private set; }
    public int Calls => Volatile.Read(ref _calls);
    public Exception? FailWith { get; set; }
    /// <summary>Answer NaN probabilities, as a network with overflowing weights does.</summary>
    public bool NotFinite { get; set; }

    public DigitPrediction Predict(GreyImage ink)
    {
        if (FailWith is { } failure) throw failure;
        DigitPrediction prediction = inner.Predict(ink);
        if (NotFinite) prediction = prediction with { Probabilities = prediction.Probabilities.Select(_ => float.NaN).ToArray() };
        Last = prediction;
        Interlocked.Increment(ref _calls);
        return prediction;
    }
}

/// <summary>
/// The demo server on an ephemeral 127.0.0.1 port with lenet5 (random weights) behind it and the page reader
/// <c>lenet serve</c> has by default (the pretrained one), one per test class.
/// </summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    internal RecordingPredictor Predictor { get; }
    internal RecordingPageFinder Pages { get; } = new(ServeCommand.CreatePageFinder(null));
    internal DemoModel Model { get; } = new("lenet5", "61,706 parameters, random weights (test)");
    public Uri Address { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public DemoServerFixture()
    {
        var (network, parameters) = TestSupport.Lenet5(seed: 11);
        Predictor = new RecordingPredictor(new NetworkDigitPredictor(network, parameters, ink => Preprocessing.Digit.Apply(ink)));
    }

    public async Task InitializeAsync()
    {
        _app = DemoServer.Build(Model, Predictor, new SyntheticDigits(), port: 0, pages: Pages);
        await _app.StartAsync();
        Address = DemoServer.Address(_app);
        Client.BaseAddress = Address;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
