using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Web;

/// <summary>The draw-a-digit page in a real headless Chromium (Debian's, never a downloaded one).</summary>
public sealed class DemoPageTests(DemoServerFixture server, ITestOutputHelper output) : IClassFixture<DemoServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const float Timeout = 20_000;

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

    /// <summary>Draws a "7" with real mouse events: down, a run of moves, up.</summary>
    private static async Task DrawSeven(IPage page)
    {
        LocatorBoundingBoxResult box = await page.Locator("#pad").BoundingBoxAsync() ?? throw new InvalidOperationException("no #pad on the page");
        (float X, float Y)[] path = [(0.25f, 0.22f), (0.75f, 0.22f), (0.62f, 0.5f), (0.45f, 0.82f)];
        await page.Mouse.MoveAsync(box.X + path[0].X * box.Width, box.Y + path[0].Y * box.Height);
        await page.Mouse.DownAsync();
        foreach (var (x, y) in path.Skip(1))
            await page.Mouse.MoveAsync(box.X + x * box.Width, box.Y + y * box.Height, new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static Task WaitForDigit(IPage page) =>
        page.WaitForFunctionAsync("() => /^[0-9]$/.test(document.getElementById('prediction').textContent)",
            null, new PageWaitForFunctionOptions { Timeout = Timeout });

    [Fact]
    public async Task Drawing_a_digit_shows_the_prediction_and_every_layer()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
            var consoleErrors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
            await page.GotoAsync(server.Address.ToString());

            await DrawSeven(page);
            await WaitForDigit(page);

            string shown = (await page.Locator("#prediction").TextContentAsync())!;
            // The page may have asked several times while the stroke grew; wait until the last answer is in.
            await page.WaitForFunctionAsync($"() => document.getElementById('prediction').textContent === '{server.Predictor.Last!.Predicted}'",
                null, new PageWaitForFunctionOptions { Timeout = Timeout });
            Assert.Equal(server.Predictor.Last!.Predicted.ToString(), (await page.Locator("#prediction").TextContentAsync())!);
            Assert.Matches("^[0-9]$", shown);
            Assert.Equal(10, await page.Locator("#bars .bar-row").CountAsync());
            Assert.Equal(1, await page.Locator("#bars .bar-row.chosen").CountAsync());
            Assert.Equal(8, await page.Locator("#layers .layer").CountAsync());
            Assert.Equal(6 + 6 + 16 + 16 + 4, await page.Locator("#layers canvas").CountAsync());
            // The network input the page shows has ink in it: the drawing made it through the preprocessing.
            int inkPixels = await page.EvaluateAsync<int>(
                "() => Array.from(document.getElementById('digit').getContext('2d').getImageData(0, 0, 28, 28).data).filter((v, i) => i % 4 === 0 && v > 128).length");
            Assert.True(inkPixels > 10, $"the network input shows only {inkPixels} inked pixels");
            Assert.Empty(consoleErrors);

            string screenshot = Path.Combine(TestSupport.OutputFolder, "demo-page.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"screenshot: {screenshot}");
        }
    }

    [Fact]
    public async Task Random_digit_shift_and_clear_buttons_work()
    {
        var (playwright, browser) = await Launch();
        using (playwright)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync();
            await page.GotoAsync(server.Address.ToString());

            await page.ClickAsync("#random");
            await WaitForDigit(page);
            Assert.Contains("labelled", await page.Locator("#status").TextContentAsync());

            int before = server.Predictor.Calls;
            await page.ClickAsync("button[title='shift right']");
            await WaitUntil(() => server.Predictor.Calls > before);

            await page.ClickAsync("#clear");
            Assert.Equal("–", await page.Locator("#prediction").TextContentAsync());
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < TimeSpan.FromMilliseconds(Timeout), "the page never asked the server again");
            await Task.Delay(50);
        }
    }
}
