using System.Net;
using System.Text.Json;
using LeNet.Cli.Tests.Pages;
using LeNet.Cli.Web;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Pages;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Web;

/// <summary><c>POST /api/find</c>: a picture of a page uploaded as it is, its field found and read as <c>lenet find</c> finds it; bad uploads refused with a JSON error.</summary>
public sealed class PageFinderTests(DemoServerFixture server, ITestOutputHelper output) : IClassFixture<DemoServerFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Json)> Upload(byte[] body, string query, string contentType = "image/jpeg")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using HttpResponseMessage response = await server.Client.PostAsync("api/find?" + query, content);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static (byte[] Bytes, PageLabel Label) Photo(PageKind kind)
    {
        string folder = PagePhotoFixtureTests.Folder(kind);
        PageLabel label = PageLabels.Read(Path.Combine(folder, PageLabels.FileName))[0];
        return (File.ReadAllBytes(Path.Combine(folder, label.File)), label);
    }

    private static PageBox Box(JsonElement box) =>
        new(box.GetProperty("x").GetDouble(), box.GetProperty("y").GetDouble(), box.GetProperty("width").GetDouble(), box.GetProperty("height").GetDouble());

    private static SKBitmap Picture(JsonElement json)
    {
        const string prefix = "data:image/png;base64,";
        string picture = json.GetProperty("picture").GetString()!;
        Assert.StartsWith(prefix, picture);
        return TestSupport.DecodePng(Convert.FromBase64String(picture[prefix.Length..]));
    }

    [Theory]
    [InlineData(PageKind.Envelope)]
    [InlineData(PageKind.Cheque)]
    public async Task A_photographed_page_is_searched_and_read_as_the_pretrained_reader_reads_it(PageKind kind)
    {
        var (bytes, label) = Photo(kind);
        var (status, json) = await Upload(bytes, $"kind={PageLabels.Name(kind)}&reject=0.5");

        Assert.Equal(HttpStatusCode.OK, status);
        GreyImage page = ImageFile.Decode(bytes, label.File);
        PageReading expected = PageReaders.Pretrained().Find(page, kind);
        Assert.Equal(PageLabels.Name(kind), json.GetProperty("kind").GetString());
        Assert.Equal((page.Width, page.Height, 1.0), (json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32(), json.GetProperty("scale").GetDouble()));
        Assert.Equal(expected.Text, json.GetProperty("text").GetString());
        Assert.Equal(expected.Confidence, json.GetProperty("confidence").GetDouble(), 3);
        if (expected.Features is ConfidenceFeatures features)
            Assert.Equal(PageReaderOptions.Default.Confidence(kind).Probability(features), expected.Confidence);
        else
            Assert.Equal(0, expected.Confidence);
        Assert.Equal(0.5, json.GetProperty("reject").GetDouble());
        Assert.Equal(expected.Chosen is null || expected.Confidence < 0.5, json.GetProperty("rejected").GetBoolean());
        Assert.Equal(expected.Candidates.Count, json.GetProperty("candidates").GetArrayLength());
        Assert.Equal(expected.Chosen is null ? 0 : 1, json.GetProperty("candidates").EnumerateArray().Count(c => c.GetProperty("chosen").GetBoolean()));
        Assert.Equal(expected.Candidates.Select(c => c.Verification is double v ? Math.Round(v, 3) : (double?)null),
            json.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("verification") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : (double?)null));
        Assert.True(json.GetProperty("milliseconds").GetDouble() > 0);
        if (expected.Box is PageBox box)
        {
            PageBox sent = Box(json.GetProperty("box"));
            Assert.True(sent.IoU(box) > 0.99, $"the server's box {sent} is not the reader's {box}");
            output.WriteLine($"{label.File}: {json.GetProperty("text").GetString()} ({json.GetProperty("confidence").GetDouble():0.000}), label {label.Text}, IoU {sent.IoU(new PageBox(label.X, label.Y, label.Width, label.Height)):0.00}");
        }
        else
            Assert.Equal(JsonValueKind.Null, json.GetProperty("box").ValueKind);
        using SKBitmap picture = Picture(json);
        Assert.Equal((page.Width, page.Height), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task A_picture_larger_than_the_working_size_is_searched_scaled_down_and_answered_in_its_own_pixels()
    {
        var (bytes, label) = Photo(PageKind.Envelope);
        using SKBitmap photo = SKBitmap.Decode(bytes);
        int factor = PageUpload.WorkingSide / Math.Max(photo.Width, photo.Height) + 1;
        using SKBitmap large = photo.Resize(new SKImageInfo(photo.Width * factor, photo.Height * factor), new SKSamplingOptions(SKFilterMode.Linear));
        using SKData png = large.Encode(SKEncodedImageFormat.Png, 100);

        var (status, json) = await Upload(png.ToArray(), "kind=envelope", "image/png");

        Assert.Equal(HttpStatusCode.OK, status);
        double scale = json.GetProperty("scale").GetDouble();
        Assert.Equal((double)PageUpload.WorkingSide / Math.Max(large.Width, large.Height), scale, 6);
        Assert.Equal(large.Width, json.GetProperty("width").GetInt32());
        using SKBitmap picture = Picture(json);
        Assert.Equal(PageUpload.WorkingSide, Math.Max(picture.Width, picture.Height));
        // The box is the one found on the page searched, brought back to the upload's pixels.
        if (server.Pages.Last!.Reading.Box is PageBox found)
        {
            PageBox box = Box(json.GetProperty("box"));
            Assert.True(box.IoU(new PageBox(found.X / scale, found.Y / scale, found.Width / scale, found.Height / scale)) > 0.99, $"{box} is not {found} / {scale}");
            Assert.InRange(box.Right, 0, large.Width + 1);
            output.WriteLine($"{large.Width}x{large.Height} at scale {scale:0.000}: box {box}, label's box times {factor}: {label.X * factor},{label.Y * factor} {label.Width * factor}x{label.Height * factor}");
        }
    }

    /// <summary>The smallest GIF: one transparent pixel.</summary>
    private static readonly byte[] Gif =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    public static TheoryData<string, string, string> BadUploads => new()
    {
        { "truncated", "image/jpeg", "could not be decoded" },
        { "garbage", "image/png", "not a PNG or JPEG picture" },
        { "empty", "image/png", "The upload is empty" },
        { "gif", "image/gif", "is a GIF picture: send a PNG or JPEG" },
        { "form", "multipart/form-data; boundary=x", "not a form" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_corrupt_or_wrong_upload_gets_400_saying_what_is_wrong(string what, string contentType, string expected)
    {
        byte[] photo = Photo(PageKind.Envelope).Bytes;
        byte[] body = what switch
        {
            "truncated" => photo[..(photo.Length / 2)],
            "garbage" => [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 37 % 251))],
            "empty" => [],
            "gif" => Gif,
            _ => photo,
        };
        var (status, json) = await Upload(body, "kind=envelope", contentType);
        output.WriteLine(json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("kind=letter", "\"kind\" must be envelope or cheque, not 'letter'")]
    [InlineData("kind=envelope&kind=cheque", "\"kind\" is given more than once")]
    [InlineData("reject=2", "\"reject\" must be a number from 0 to 1, not '2'")]
    [InlineData("reject=NaN", "\"reject\" must be a number from 0 to 1")]
    [InlineData("kind=cheque&reject=half", "not 'half'")]
    public async Task A_wrong_kind_or_threshold_gets_400_saying_so(string query, string expected)
    {
        int calls = server.Pages.Calls;
        var (status, json) = await Upload(Photo(PageKind.Envelope).Bytes, query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, json.GetProperty("error").GetString());
        Assert.Equal(calls, server.Pages.Calls);
    }

    [Fact]
    public async Task An_upload_past_the_size_limit_gets_413_and_the_server_keeps_serving()
    {
        var (status, json) = await Upload(new byte[PageUpload.MaxBytes + 1], "kind=envelope");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("larger than the 16 MB limit", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Upload(Photo(PageKind.Envelope).Bytes, "kind=envelope")).Status);
    }

    [Fact]
    public async Task A_picture_of_too_many_pixels_gets_413_before_it_is_decoded()
    {
        int side = (int)Math.Sqrt(PageUpload.MaxPixels) + 1;
        using var blank = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        blank.Erase(SKColors.White);
        using SKData png = blank.Encode(SKEncodedImageFormat.Png, 100);
        Assert.True(png.Size < PageUpload.MaxBytes);

        var (status, json) = await Upload(png.ToArray(), "kind=envelope", "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains($"{side}x{side} pixels, more than the 16 megapixels accepted", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_page_readers_detector_is_named()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("api/model");
        JsonElement json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(LeNet5Locator.NetworkName, json.GetProperty("pages").GetProperty("name").GetString());
        Assert.Contains("parameters", json.GetProperty("pages").GetProperty("summary").GetString());
    }
}
