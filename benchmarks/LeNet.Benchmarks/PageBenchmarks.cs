using BenchmarkDotNet.Attributes;
using LeNet.Cli.Commands;
using LeNet.Cli.Pages;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Benchmarks;

/// <summary>
/// The page reader's pass over one whole page on one thread (<see cref="PageReader.Find"/>, the pretrained reader),
/// and its first stages alone: preparation and deskew, the pyramid, the detector over the pyramid. The pages are
/// <c>lenet envelopes --seed 11</c>'s and <c>lenet cheques --seed 11</c>'s first (MNIST's test digits, scanned).
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private const int Seed = 11;
    private PageReader _reader = null!;
    private PlaneScorer _detector = null!;
    private GreyImage _page = null!;
    private PageInk _ink = null!;
    private PageLevel[] _levels = null!;

    [Params(PageKind.Envelope, PageKind.Cheque)]
    public PageKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var synthesizer = new PageSynthesizer(Kind, DataSource.Load(null).Test);
        _page = ImageFile.Decode(synthesizer.Compose(Seed, 0, photo: false).Picture.Bytes, "page 0");
        _reader = PageReaders.Pretrained();
        _detector = new PlaneScorer(new LeNet5LocatorTile(), PretrainedModels.Find(LeNet5Locator.NetworkName).Read().ParametersFor(LeNet5Locator.Description));
        _ink = PageInk.Prepare(_page);
        _levels = Pyramid();
    }

    /// <summary>Finding and reading the field: everything <c>lenet find</c> times.</summary>
    [Benchmark(Baseline = true)]
    public PageReading Find() => _reader.Find(_page, Kind);

    /// <summary>Polarity, local contrast, skew found and undone.</summary>
    [Benchmark]
    public PageInk PrepareAndDeskew() => PageInk.Prepare(_page);

    /// <summary>The prepared page at the reader's five scales (new arrays each time, as a caller of <see cref="PageLevel.Of"/> gets).</summary>
    [Benchmark]
    public PageLevel[] Pyramid() => [.. PageReaderOptions.Default.Scales.Select(scale => PageLevel.Of(_ink, scale))];

    /// <summary>The detector's tile (<see cref="LeNet5LocatorTile"/>) over every level.</summary>
    [Benchmark]
    public IReadOnlyList<DetectionPlane> Detector() => _detector.Score(_levels);
}
