using LeNet.Cli.Imaging;
using LeNet.Cli.Web;
using Microsoft.AspNetCore.Builder;

namespace LeNet.Cli.Tests.Web;

/// <summary>
/// Stand-in preprocessing until the real normaliser is wired: the ink drawing averaged down to a 20x20
/// box and placed in the middle of a 28x28 field (no centring by mass, so the page's shift buttons show).
/// </summary>
internal static class StubPreprocessing
{
    private const int Box = 20, Side = 28;

    public static byte[] ToDigit(GreyImage ink)
    {
        var digit = new byte[Side * Side];
        int offset = (Side - Box) / 2;
        for (int r = 0; r < Box; r++)
            for (int c = 0; c < Box; c++)
            {
                int top = r * ink.Height / Box, bottom = Math.Max(top + 1, (r + 1) * ink.Height / Box);
                int left = c * ink.Width / Box, right = Math.Max(left + 1, (c + 1) * ink.Width / Box);
                float sum = 0f;
                for (int y = top; y < bottom; y++)
                    for (int x = left; x < right; x++) sum += ink[y, x];
                digit[(offset + r) * Side + offset + c] = (byte)MathF.Round(255f * sum / ((bottom - top) * (right - left)));
            }
        return digit;
    }
}

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

/// <summary>Wraps a predictor, remembering its last answer so a test can compare the page with the server; can be told to fail.</summary>
internal sealed class RecordingPredictor(IDigitPredictor inner) : IDigitPredictor
{
    private int _calls;
    public DigitPrediction? Last { get; private set; }
    public int Calls => Volatile.Read(ref _calls);
    public Exception? FailWith { get; set; }

    public DigitPrediction Predict(GreyImage ink)
    {
        if (FailWith is { } failure) throw failure;
        DigitPrediction prediction = inner.Predict(ink);
        Last = prediction;
        Interlocked.Increment(ref _calls);
        return prediction;
    }
}

/// <summary>The demo server on an ephemeral 127.0.0.1 port with lenet5 (random weights) behind it, one per test class.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    internal RecordingPredictor Predictor { get; }
    public Uri Address { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public DemoServerFixture()
    {
        var (network, parameters) = TestSupport.Lenet5(seed: 11);
        Predictor = new RecordingPredictor(new NetworkDigitPredictor(network, parameters, StubPreprocessing.ToDigit));
    }

    public async Task InitializeAsync()
    {
        _app = DemoServer.Build(Predictor, new SyntheticDigits(), port: 0);
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
