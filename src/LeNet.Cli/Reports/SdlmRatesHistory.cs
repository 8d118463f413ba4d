using System.Globalization;
using System.Text;
using LeNet.Cli.Terminal;
using LeNet.Files;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// With SDLM, the effective per-parameter rates eta / (mu + h_kk) of every pass, per layer (min,
/// median, max), as CSV beside <c>history.csv</c>, rewritten atomically after every pass.
/// </summary>
internal sealed class SdlmRatesHistory(string path)
{
    /// <summary>The file's name in the run's folder.</summary>
    public const string FileName = "sdlm-rates.csv";

    /// <summary>The CSV header.</summary>
    public const string Header = "pass,layer,parameters,min_rate,median_rate,max_rate";

    private readonly StringBuilder _text = new(Header + "\n");

    /// <summary>Adds the pass's rates and rewrites the file.</summary>
    public void Append(int pass, IReadOnlyList<LayerRates> rates)
    {
        foreach (LayerRates r in rates)
            _text.Append(CultureInfo.InvariantCulture, $"{pass},{r.Layer},{r.Parameters},{RateText.Exact(r.Min)},{RateText.Exact(r.Median)},{RateText.Exact(r.Max)}\n");
        AtomicFile.WriteAllText(path, _text.ToString());
    }

    /// <summary>One line: each layer's min / median / max rate.</summary>
    public static string Summary(int pass, IReadOnlyList<LayerRates> rates) =>
        $"SDLM rates eta/(mu+h_kk) in pass {pass}, min/median/max: " +
        string.Join("; ", rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Layer} {r.Min:0.##e0}/{r.Median:0.##e0}/{r.Max:0.##e0}"))) +
        string.Create(CultureInfo.InvariantCulture, $"; all {rates.Min(r => r.Min):0.##e0} .. {rates.Max(r => r.Max):0.##e0}");
}
