using LeNet.Cli.Commands;
using LeNet.Training;

namespace LeNet.Cli.Tests.Commands;

/// <summary>The per-pass SDLM rates file beside history.csv, and the pass-1 line.</summary>
public sealed class SdlmRatesHistoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-sdlm-rates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly LayerRates[] Rates =
    [
        new("C1", 156, 3e-5f, 4.5e-4f, 0.0075f),
        new("F6", 10164, 8.5e-5f, 7e-4f, 0.024f),
    ];

    [Fact]
    public void Writes_a_row_per_layer_and_pass()
    {
        string path = Path.Combine(_folder, SdlmRatesHistory.FileName);
        var history = new SdlmRatesHistory(path);
        history.Append(1, Rates);
        history.Append(2, Rates);
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(SdlmRatesHistory.Header, lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("1,C1,156,3e-05,4.5e-04,7.5e-03", lines[1]);
        Assert.StartsWith("2,F6,10164,", lines[4]);
    }

    [Fact]
    public void Summary_names_every_layer_and_the_overall_range()
    {
        string line = SdlmRatesHistory.Summary(1, Rates);
        Assert.Contains("pass 1", line);
        Assert.Contains("C1 3e-5/4.5e-4/7.5e-3", line);
        Assert.Contains("all 3e-5 .. 2.4e-2", line);
    }
}
