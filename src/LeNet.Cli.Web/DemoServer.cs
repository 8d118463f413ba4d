using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeNet.Cli.Web;

/// <summary>
/// The draw-a-digit demo: a page at <c>GET /</c>, <c>GET /api/model</c> (which networks answer),
/// <c>POST /api/predict</c> (a drawing → the network's answer with every layer's maps),
/// <c>GET /api/random</c> (a test digit) and, with a string reader, <c>POST /api/read</c> (a drawing of a
/// string of digits on the wide pad → the string, where each digit is, and the answers along the strip) and,
/// with a page reader, <c>POST /api/find?kind=envelope&amp;reject=0.5</c> (a PNG or JPEG picture of a page →
/// the field found on it, its reading and the heat map, <see cref="PageUpload"/>), served on 127.0.0.1
/// only. Bad requests get HTTP 400 (413 for an upload too large) with
/// <c>{"error": "..."}</c>; every answer is serialised in full before it is sent, so a response is
/// never cut off mid-body; nothing a client sends can take the server down.
/// </summary>
internal static class DemoServer
{
    /// <summary>Largest JSON request body accepted: a 1024x1024 drawing as JSON text fits, anything larger is refused (an uploaded page has its own limit, <see cref="PageUpload.MaxBytes"/>).</summary>
    public const long MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>
    /// An oversized body is still read (and thrown away) up to this size before the 400 goes out: a client
    /// that is cut off mid-upload sees a broken connection instead of the error message. Past this, Kestrel
    /// drops the connection.
    /// </summary>
    public const long DrainLimit = 8 * MaxRequestBytes;

    private const int ChunkBytes = 81920;
    private const string PageResource = "LeNet.Cli.Web.wwwroot.index.html";
    /// <summary>Where the page names the network (its title and heading); the server puts the model's name there.</summary>
    internal const string NetworkPlaceholder = "{{network}}";

    /// <summary>Builds (does not start) the server.</summary>
    /// <param name="model">The network the page names.</param>
    /// <param name="predictor">Classifies drawings.</param>
    /// <param name="digits">Supplies random test digits.</param>
    /// <param name="port">Port on 127.0.0.1; 0 picks a free one (see <see cref="Address"/> once started).</param>
    /// <param name="strings">Reads strings of digits drawn on the wide pad; without one the page has no wide pad.</param>
    /// <param name="pages">Finds and reads the field on uploaded pages; without one the page has no page reader.</param>
    public static WebApplication Build(DemoModel model, IDigitPredictor predictor, IRandomDigits digits, int port, IStringReader? strings = null,
        IPageFinder? pages = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            // No file watchers: the server reads no configuration files worth reloading.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = DrainLimit;
            kestrel.AddServerHeader = false;
        });

        WebApplication app = builder.Build();
        app.Use(ReportFailuresAsJson);
        byte[] page = LoadPage(model.Name);
        app.MapGet("/", () => Results.Bytes(page, "text/html; charset=utf-8"));
        app.MapGet("/api/model", () => Json(new ModelsJson(model.Name, model.Summary, strings?.Model, pages?.Model)));
        app.MapPost("/api/predict", (HttpRequest request) => Predict(request, predictor));
        app.MapGet("/api/random", () => Random(digits, predictor.ClassNames));
        app.MapPost("/api/read", (HttpRequest request) => strings is null
            ? Task.FromResult(Error("This server reads single digits only: start it with --reader CHECKPOINT (a string reader, lenet5-strings) for the wide pad."))
            : Read(request, strings));
        // One page at a time, from its decoding to its reading: a few hundred megabytes at most, however many upload at once.
        var pageTurn = new SemaphoreSlim(1);
        app.MapPost("/api/find", (HttpRequest request) => pages is null
            ? Task.FromResult(Error("This server has no page reader."))
            : Find(request, pages, pageTurn));
        return app;
    }

    /// <summary>The address a started server listens on, e.g. http://127.0.0.1:5123/.</summary>
    public static Uri Address(WebApplication app)
    {
        string? address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null
            ? throw new InvalidOperationException("The server has no address yet: start it first.")
            : new Uri(address.Replace("[::1]", "127.0.0.1") + "/");
    }

    private static async Task<IResult> Find(HttpRequest request, IPageFinder finder, SemaphoreSlim turn)
    {
        var (kind, reject, badQuery) = PageUpload.Query(request.Query);
        if (badQuery is not null) return Error(badQuery);
        (byte[]? body, string? unread, bool oversized) = await ReadBody(request, PageUpload.MaxBytes, "upload");
        if (unread is not null) return Error(unread, oversized ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        await turn.WaitAsync(request.HttpContext.RequestAborted);
        try
        {
            var (page, invalid, status) = PageUpload.Decode(body!, request.ContentType);
            if (invalid is not null) return Error(invalid, status);
            return Json(FindResponse.From(page!, finder.Find(page!.Picture, kind, reject)));
        }
        finally
        {
            turn.Release();
        }
    }

    private static async Task<IResult> Predict(HttpRequest request, IDigitPredictor predictor)
    {
        (byte[]? body, string? tooLarge, _) = await ReadBody(request);
        if (tooLarge is not null) return Error(tooLarge);
        (GreyImage? ink, string? invalid) = PredictRequest.Parse(body);
        if (invalid is not null) return Error(invalid);
        DigitPrediction prediction;
        try
        {
            prediction = predictor.Predict(ink!);
        }
        catch (ArgumentException e)
        {
            return Error(e.Message); // the predictor's way of saying "this drawing cannot be read"
        }
        return Json(PredictResponse.From(prediction, predictor.ClassNames));
    }

    private static async Task<IResult> Read(HttpRequest request, IStringReader reader)
    {
        (byte[]? body, string? tooLarge, _) = await ReadBody(request);
        if (tooLarge is not null) return Error(tooLarge);
        (GreyImage? ink, int? digits, string? invalid) = PredictRequest.Parse(body, "digits", PredictRequest.LargestSide);
        if (invalid is not null) return Error(invalid);
        Strings.StringReading reading;
        try
        {
            var options = digits is int n ? Strings.DecoderOptions.Exactly(n) : Strings.DecoderOptions.Default;
            reading = reader.Read(ink!, options);
        }
        catch (ArgumentException e)
        {
            return Error(e.Message); // the reader's way of saying "this drawing cannot be read"
        }
        return Json(ReadResponse.From(reading));
    }

    private static IResult Random(IRandomDigits digits, IReadOnlyList<string>? classNames)
    {
        RandomDigit digit = digits.Next();
        return Json(new RandomDigitJson(digit.Width, digit.Height, digit.Label, LeNet.Data.ClassNames.Of(classNames, digit.Label), digit.Pixels.Select(b => (int)b).ToArray()));
    }

    /// <summary>
    /// The value as JSON, serialised here in full: a value that cannot be written (a NaN, say) throws
    /// before the response starts, and becomes a JSON error instead of a connection dropped mid-body.
    /// </summary>
    private static IResult Json<T>(T value) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, WebJson), "application/json; charset=utf-8");

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Reads the whole body; past <paramref name="limit"/> bytes the rest is read and dropped (up to <see cref="DrainLimit"/>),
    /// and the body refused as oversized. <paramref name="what"/> names the body in the messages.
    /// </summary>
    private static async Task<(byte[]? Body, string? Error, bool Oversized)> ReadBody(HttpRequest request, long limit = MaxRequestBytes, string what = "request body")
    {
        string refusal = $"The {what} is larger than the {limit / (1024 * 1024)} MB limit.";
        if (request.ContentLength > DrainLimit) return (null, refusal, true);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[ChunkBytes];
        bool oversized = false;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk)) > 0)
            {
                oversized |= buffer.Length + read > limit;
                if (!oversized) buffer.Write(chunk, 0, read);
            }
            if (oversized) return (null, refusal, true);
        }
        catch (BadHttpRequestException e)
        {
            return (null, $"The {what} could not be read: {e.Message}", false);
        }
        return (buffer.ToArray(), null, false);
    }

    /// <summary>Turns anything thrown past the endpoints into a JSON error instead of a dropped connection or an HTML page.</summary>
    private static async Task ReportFailuresAsJson(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            bool client = e is BadHttpRequestException;
            context.Response.Clear();
            context.Response.StatusCode = client ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
            // An internal failure's details go to the server's log, never to the page.
            if (!client) Console.Error.WriteLine($"lenet: {context.Request.Path}: {e}");
            await context.Response.WriteAsJsonAsync(new { error = client ? e.Message : InternalError });
        }
    }

    /// <summary>What the page is told of an internal failure.</summary>
    public const string InternalError = "Internal error: the server could not answer this request.";

    private static IResult Error(string message, int status = StatusCodes.Status400BadRequest) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>The page with <paramref name="network"/> (HTML-encoded) in place of <see cref="NetworkPlaceholder"/>.</summary>
    private static byte[] LoadPage(string network)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(PageResource)
            ?? throw new InvalidOperationException($"The page resource '{PageResource}' is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd().Replace(NetworkPlaceholder, WebUtility.HtmlEncode(network), StringComparison.Ordinal));
    }
}
