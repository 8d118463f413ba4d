using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Web;

/// <summary>
/// The draw-a-digit page in a real headless Chromium (Debian's, never a downloaded one), served as
/// <c>lenet serve</c> serves it, with a really trained network behind it.
/// </summary>
public sealed class DemoPageTests(TrainedDemoServerFixture server, ITestOutputHelper output) : IClassFixture<TrainedDemoServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const float Timeout = 20_000;
    /// <summary>How long the page must stay quiet before its answer counts as final.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);
    /// <summary>Set to 1 to write the screenshot to docs/demo-page.png instead of the test output folder.</summary>
    private const string WriteDocsVariable = "LENET_WRITE_DOCS";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> Launch()
    {
        Assert.True(File.Exists(Chromium),
            $"Chromium is not installed at {Chromium}: run `apt-get update && apt-get install -y chromium` (CI installs it).");
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArguments,
            Timeout = Timeout,
        });
        return (playwright, browser);
    }

    /// <summary>Draws one stroke with real mouse events through <paramref name="path"/> (fractions of the pad): down, a run of moves, up.</summary>
    private static Task Draw(IPage page, params (float X, float Y)[] path) => DrawOn(page, "#pad", path);

    /// <summary>Draws one stroke on the canvas <paramref name="selector"/>, as <see cref="Draw"/> does on the digit pad.</summary>
    private static async Task DrawOn(IPage page, string selector, params (float X, float Y)[] path)
    {
        LocatorBoundingBoxResult box = await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"no {selector} on the page");
        await page.Mouse.MoveAsync(box.X + path[0].X * box.Width, box.Y + path[0].Y * box.Height);
        await page.Mouse.DownAsync();
        foreach (var (x, y) in path.Skip(1))
            await page.Mouse.MoveAsync(box.X + x * box.Width, box.Y + y * box.Height, new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// The page's answer once it has settled: the page may ask several times while a stroke grows, so wait
    /// until the server has been quiet for a while and the page shows the server's last answer.
    /// </summary>
    private async Task<string> SettledPrediction(IPage page)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            int calls = server.Predictor.Calls;
            await Task.Delay(Quiet);
            string shown = (await page.Locator("#prediction").TextContentAsync())!;
            if (calls > 0 && calls == server.Predictor.Calls && shown == server.Predictor.Last?.Predicted.ToString())
                return shown;
            Assert.True(waited.ElapsedMilliseconds < Timeout, $"the page never settled: it shows '{shown}', the server last said {server.Predictor.Last?.Predicted}");
        }
    }

    /// <summary>Centre of mass (column, row) of the network input the page shows.</summary>
    private static async Task<(double X, double Y)> InputCentre(IPage page)
    {
        double[] centre = await page.EvaluateAsync<double[]>(@"() => {
            const data = document.getElementById('digit').getContext('2d').getImageData(0, 0, 28, 28).data;
            let mass = 0, x = 0, y = 0;
            for (let i = 0; i < 28 * 28; i++) { const v = data[4 * i]; mass += v; x += v * (i % 28); y += v * Math.floor(i / 28); }
            return [x / mass, y / mass];
        }");
        return (centre[0], centre[1]);
    }

    private static async Task<IPage> Open(IBrowser browser, string address, List<string> consoleErrors)
    {
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await page.GotoAsync(address);
        return page;
    }

    [Fact]
    public async Task Drawing_a_one_is_read_as_1_and_every_layer_lights_up()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);

            await Draw(page, (0.52f, 0.18f), (0.5f, 0.82f));

            Assert.Equal("1", await SettledPrediction(page));
            Assert.Equal(10, await page.Locator("#bars .bar-row").CountAsync());
            Assert.Equal("1", await page.Locator("#bars .bar-row.chosen span").First.TextContentAsync());
            Assert.Equal(8, await page.Locator("#layers .layer").CountAsync());
            Assert.Equal(6 + 6 + 16 + 16 + 4, await page.Locator("#layers canvas").CountAsync());
            // The network input the page shows is the one the server used, a stroke down the middle.
            int inkPixels = await page.EvaluateAsync<int>(
                "() => Array.from(document.getElementById('digit').getContext('2d').getImageData(0, 0, 28, 28).data).filter((v, i) => i % 4 === 0 && v > 128).length");
            Assert.Equal(server.Predictor.Last!.Digit.Count(b => b > 128), inkPixels);
            Assert.Empty(consoleErrors);
        }
    }

    [Fact]
    public async Task Drawing_a_seven_shows_the_servers_answer()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);

            await Draw(page, (0.28f, 0.24f), (0.72f, 0.24f), (0.6f, 0.5f), (0.47f, 0.8f));

            string shown = await SettledPrediction(page);
            output.WriteLine($"a drawn 7 is read as {shown}");
            Assert.Equal("7", shown);
            Assert.Empty(consoleErrors);
        }
    }

    [Fact]
    public async Task A_random_MNIST_digit_is_read_as_its_label()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);

            IResponse response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#random"), "**/api/random");
            int label = JsonDocument.Parse(await response.BodyAsync()).RootElement.GetProperty("label").GetInt32();
            Assert.Equal(label.ToString(), await SettledPrediction(page));
            Assert.Contains($"labelled {label}", await page.Locator("#status").TextContentAsync());


            await page.ClickAsync("#clear");
            Assert.Equal("–", await page.Locator("#prediction").TextContentAsync());
            Assert.Empty(consoleErrors);
        }
    }

    [Fact]
    public async Task A_small_one_drawn_in_a_corner_is_centred_as_predict_centres_it_and_the_page_names_its_model()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);

            await Draw(page, (0.13f, 0.06f), (0.12f, 0.3f));

            Assert.Equal("1", await SettledPrediction(page));
            var (x, y) = await InputCentre(page);
            output.WriteLine($"a small 1 in the top left corner: input centre ({x:F2}, {y:F2})");
            Assert.Equal(14.0, x, 1.0);
            Assert.Equal(14.0, y, 1.0);
            Assert.Equal(server.Predictor.Last!.Digit, Data.DigitNormalizer.Normalize(await PadInk(page), 112, 112));
            string model = (await page.Locator("#model").TextContentAsync())!;
            Assert.Contains(server.Model.Name, model);
            Assert.Contains(server.Model.Summary, model);
            Assert.Empty(consoleErrors);
        }
    }

    /// <summary>The wide pad's reading once it has settled, as <see cref="SettledPrediction"/> waits for the digit pad's.</summary>
    private async Task<string> SettledReading(IPage page)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            int calls = server.Reader.Calls;
            await Task.Delay(Quiet);
            string shown = (await page.Locator("#read").TextContentAsync())!;
            if (calls > 0 && calls == server.Reader.Calls && shown == server.Reader.Last?.Text)
                return shown;
            Assert.True(waited.ElapsedMilliseconds < Timeout, $"the wide pad never settled: it shows '{shown}', the server last read '{server.Reader.Last?.Text}'");
        }
    }

    /// <summary>Writes a one, a seven and a four side by side across the wide pad.</summary>
    private static async Task WriteOneSevenFour(IPage page)
    {
        await DrawOn(page, "#widepad", (0.17f, 0.15f), (0.16f, 0.85f));
        await DrawOn(page, "#widepad", (0.36f, 0.18f), (0.5f, 0.18f), (0.45f, 0.5f), (0.41f, 0.85f));
        await DrawOn(page, "#widepad", (0.68f, 0.15f), (0.63f, 0.6f), (0.8f, 0.6f));
        await DrawOn(page, "#widepad", (0.76f, 0.35f), (0.76f, 0.85f));
    }

    [Fact]
    public async Task A_string_written_on_the_wide_pad_is_read_as_it_is_written()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);
            // The section appears once the page has asked the server which models it has: wait for it.
            await page.Locator("#strings").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = Timeout });
            Assert.Contains(server.Reader.Model.Name, await page.Locator("#readername").TextContentAsync());

            await DrawOn(page, "#widepad", (0.17f, 0.15f), (0.16f, 0.85f));
            Assert.Equal("1", await SettledReading(page));

            await DrawOn(page, "#widepad", (0.36f, 0.18f), (0.5f, 0.18f), (0.45f, 0.5f), (0.41f, 0.85f));
            await DrawOn(page, "#widepad", (0.68f, 0.15f), (0.63f, 0.6f), (0.8f, 0.6f));
            await DrawOn(page, "#widepad", (0.76f, 0.35f), (0.76f, 0.85f));
            string read = await SettledReading(page);
            output.WriteLine($"a written 1 7 4 is read as {read} (confidence {server.Reader.Last!.Confidence:0.000})");
            Assert.Equal("174", read);
            // The strip the page draws is the one the server read: its pixels, at four screen pixels each.
            int inkPixels = await page.EvaluateAsync<int>(@"() => {
                const view = document.getElementById('stripview'), scale = 4, band = view.height - 32 * scale;
                const data = view.getContext('2d').getImageData(0, band, view.width, 32 * scale).data;
                let count = 0;
                for (let y = 0; y < 32; y++) for (let x = 0; x < view.width / scale; x++)
                    if (data[4 * ((y * scale + 1) * view.width + x * scale + 1)] > 128) count++;
                return count;
            }");
            Assert.Equal(server.Reader.Last!.Strip.Count(b => b > 128), inkPixels);
            // The picture of the page (docs/demo-page.png with LENET_WRITE_DOCS=1): a 7 on the digit pad and an envelope read too.
            await Draw(page, (0.28f, 0.24f), (0.72f, 0.24f), (0.6f, 0.5f), (0.47f, 0.8f));
            Assert.Equal("7", await SettledPrediction(page));
            await page.RunAndWaitForResponseAsync(() => page.SetInputFilesAsync("#pagefile",
                Path.Combine(Pages.PagePhotoFixtureTests.Folder(LeNet.Pages.PageKind.Envelope), "page-00001.jpg")), r => r.Url.Contains("/api/find"));
            await page.WaitForFunctionAsync("() => document.getElementById('pagetext').textContent !== '–'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
            await Screenshot(page);

            await page.ClickAsync("#wideclear");
            Assert.Equal("–", await page.Locator("#read").TextContentAsync());
            Assert.Empty(consoleErrors);
        }
    }

    [Fact]
    public async Task The_zip_code_box_asks_for_exactly_five_digits()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);
            await WriteOneSevenFour(page);
            Assert.Equal("174", await SettledReading(page));

            await page.CheckAsync("#zip");
            string read = await SettledReading(page);
            Assert.Equal(5, server.Reader.Last!.Digits.Count);
            output.WriteLine($"1 7 4 read as a zip code: {read}");
            Assert.Equal(5, read.Length);
            Assert.Empty(consoleErrors);
        }
    }

    [Theory]
    [InlineData("\"five\"", "\"digits\" must be a whole number")]
    [InlineData("0", "\"digits\" = 0 is outside")]
    [InlineData("40", "40 digits")]
    public async Task A_digit_count_the_reader_cannot_meet_gets_400_saying_why(string digits, string expected)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        string ink = string.Join(",", Enumerable.Range(0, 40 * 10).Select(i => i % 40 is > 5 and < 9 ? "1" : "0"));
        using var content = new StringContent($"{{\"width\": 40, \"height\": 10, \"pixels\": [{ink}], \"digits\": {digits}}}", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("api/read", content);
        string error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        output.WriteLine(error);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, error);
    }

    /// <summary>Pixels of the page view's canvas drawn in the chosen field's green along the top edge of <paramref name="box"/> (page view pixels).</summary>
    private static Task<int> GreenAlongTop(IPage page, double x, double y, double width) =>
        page.EvaluateAsync<int>(@"([x, y, width]) => {
            const view = document.getElementById('pageview');
            const data = view.getContext('2d').getImageData(Math.round(x), Math.max(0, Math.round(y) - 2), Math.max(1, Math.round(width)), 5).data;
            let count = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] < 60 && data[i + 1] > 130 && data[i + 2] < 90) count++;
            return count;
        }", new[] { x, y, width });

    [Theory]
    [InlineData(LeNet.Pages.PageKind.Envelope)]
    [InlineData(LeNet.Pages.PageKind.Cheque)]
    public async Task An_uploaded_page_is_searched_and_its_reading_and_box_are_shown(LeNet.Pages.PageKind kind)
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);
            // The section appears once the page has asked the server which models it has: wait for it.
            await page.Locator("#pages").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = Timeout });
            Assert.Contains(server.Pages.Model.Name, await page.Locator("#pagesname").TextContentAsync());
            string name = LeNet.Pages.PageLabels.Name(kind);
            await page.SelectOptionAsync("#pagekind", name);
            await page.FillAsync("#reject", "0");

            string photo = Path.Combine(Pages.PagePhotoFixtureTests.Folder(kind), "page-00000.jpg");
            IResponse response = await page.RunAndWaitForResponseAsync(() => page.SetInputFilesAsync("#pagefile", photo), r => r.Url.Contains("/api/find"));
            Assert.Contains($"kind={name}", response.Url);
            Assert.Equal(200, response.Status);
            LeNet.Pages.PageReading reading = server.Pages.Last!.Reading;
            string expected = reading.Box is null ? "no field found" : reading.Text;
            await page.WaitForFunctionAsync("t => document.getElementById('pagetext').textContent === t", expected, new PageWaitForFunctionOptions { Timeout = Timeout });
            output.WriteLine($"{name} page-00000.jpg read as {expected} ({reading.Confidence:0.000}), {reading.Candidates.Count} candidates");
            Assert.NotNull(reading.Box);
            LeNet.Pages.PageBox box = reading.Box!.Value;
            Assert.Contains($"confidence {reading.Confidence:0.000}", await page.Locator("#pageconf").TextContentAsync());
            Assert.Contains("accepted at 0.00", await page.Locator("#pageconf").TextContentAsync());
            // A row for each candidate read, the chosen one in green, then one for those not read.
            int read = reading.Candidates.Count(c => c.Reading is not null);
            Assert.Equal(read, await page.Locator("#candidates tr:not(.more) td:first-child").CountAsync());
            Assert.Equal(reading.Text, await page.Locator("#candidates tr.chosen td:nth-child(4)").TextContentAsync());
            if (reading.Candidates.Count > read)
                Assert.Contains($"and {reading.Candidates.Count - read} more", await page.Locator("#candidates tr.more").TextContentAsync());
            // The chosen box is drawn in green on the page view, which has the page's size; nowhere near it, no green.
            Assert.True(await GreenAlongTop(page, box.X, box.Y, box.Width) > box.Width / 2, $"no green box along the top of {box}");
            Assert.Equal(0, await GreenAlongTop(page, box.X, box.Bottom + 40, box.Width));
            string picture = Path.Combine(TestSupport.OutputFolder, $"page-reader-{name}.png");
            await page.Locator("#pages").ScreenshotAsync(new LocatorScreenshotOptions { Path = picture });
            output.WriteLine($"screenshot: {picture}");

            // A threshold above the confidence marks the same reading rejected.
            await page.RunAndWaitForResponseAsync(() => page.FillAsync("#reject", "1"), r => r.Url.Contains("reject=1"));
            await page.WaitForFunctionAsync("() => document.getElementById('pageconf').textContent.includes('rejected at 1.00')", null, new PageWaitForFunctionOptions { Timeout = Timeout });
            Assert.Equal(reading.Text, await page.Locator("#pagetext").TextContentAsync());
            Assert.Contains("rejected", await page.Locator("#pagetext").GetAttributeAsync("class"));
            Assert.Empty(consoleErrors);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_refused_with_the_servers_message()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            var consoleErrors = new List<string>();
            IPage page = await Open(browser, server.Address.ToString(), consoleErrors);
            var file = new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = System.Text.Encoding.ASCII.GetBytes("not a picture at all") };
            IResponse response = await page.RunAndWaitForResponseAsync(() => page.SetInputFilesAsync("#pagefile", file), r => r.Url.Contains("/api/find"));
            Assert.Equal(400, response.Status);
            await page.WaitForFunctionAsync("() => document.getElementById('pagestatus').classList.contains('error')", null, new PageWaitForFunctionOptions { Timeout = Timeout });
            Assert.Contains("not a PNG or JPEG picture", await page.Locator("#pagestatus").TextContentAsync());
            Assert.Equal("–", await page.Locator("#pagetext").TextContentAsync());
            // The browser logs the failed request itself; the page's own script logs nothing.
            Assert.All(consoleErrors, e => Assert.Contains("400", e));
        }
    }

    /// <summary>The ink the page sends, computed as the page computes it.</summary>
    private static async Task<float[]> PadInk(IPage page)
    {
        double[] ink = await page.EvaluateAsync<double[]>("() => inkPixels()");
        return ink.Select(v => (float)v).ToArray();
    }

    /// <summary>Saves the page: to docs/demo-page.png when LENET_WRITE_DOCS=1, else to the test output folder.</summary>
    private async Task Screenshot(IPage page)
    {
        string path = Environment.GetEnvironmentVariable(WriteDocsVariable) == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "demo-page.png")
            : Path.Combine(TestSupport.OutputFolder, "demo-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LeNet.Generated.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No LeNet.Generated.sln above {AppContext.BaseDirectory}.");
    }
}
