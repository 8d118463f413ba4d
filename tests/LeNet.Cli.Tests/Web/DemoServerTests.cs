using System.Net;
using System.Text;
using System.Text.Json;
using LeNet.Cli.Web;

namespace LeNet.Cli.Tests.Web;

public sealed class DemoServerTests(DemoServerFixture server) : IClassFixture<DemoServerFixture>
{
    private const int Side = 112;

    private static string Body(int width, int height, IEnumerable<object> pixels) =>
        JsonSerializer.Serialize(new { width, height, pixels });

    /// <summary>A thick vertical bar, a "1".</summary>
    private static float[] One()
    {
        var pixels = new float[Side * Side];
        for (int y = 15; y < 97; y++)
            for (int x = 50; x < 62; x++) pixels[y * Side + x] = 1f;
        return pixels;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> Post(string body, string path = "api/predict")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await server.Client.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public void Listens_on_loopback_only()
    {
        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.NotEqual(0, server.Address.Port);
    }

    [Fact]
    public async Task The_page_is_served_with_the_prediction_element()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"prediction\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "")); // no CDN, no external fonts
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task The_page_is_titled_with_the_networks_name()
    {
        string html = await server.Client.GetStringAsync("/");
        Assert.Contains($"<title>{server.Model.Name} · draw a digit</title>", html);
        Assert.Contains($"<h1>{server.Model.Name} · draw a digit</h1>", html);
        Assert.DoesNotContain("{{", html);
        Assert.DoesNotContain("LeNet-5 ·", html);
    }

    [Fact]
    public async Task A_drawing_gets_ten_probabilities_summing_to_one_and_every_layer()
    {
        var (status, json) = await Post(Body(Side, Side, One().Cast<object>()));

        Assert.Equal(HttpStatusCode.OK, status);
        float[] probabilities = json.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()).ToArray();
        Assert.Equal(10, probabilities.Length);
        Assert.Equal(1f, probabilities.Sum(), 3);
        Assert.Equal(Array.IndexOf(probabilities, probabilities.Max()), json.GetProperty("predicted").GetInt32());

        JsonElement digit = json.GetProperty("digit");
        Assert.Equal(28 * 28, digit.GetProperty("pixels").GetArrayLength());
        Assert.Equal(255, digit.GetProperty("pixels")[14 * 28 + 14].GetInt32()); // the bar's middle is full ink

        JsonElement[] layers = json.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(["C1", "S2", "C3", "S4", "C5", "F6", "F7", "OUTPUT"], layers.Select(l => l.GetProperty("label").GetString()));
        JsonElement c1 = layers[0];
        Assert.Equal((6, 28, 28), (c1.GetProperty("channels").GetInt32(), c1.GetProperty("height").GetInt32(), c1.GetProperty("width").GetInt32()));
        Assert.Equal(6 * 28 * 28, c1.GetProperty("values").GetArrayLength());
        Assert.Equal("convolution 5x5, ReLU", c1.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_random_digit_is_a_labelled_28x28_picture()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("api/random");
        JsonElement json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(28, json.GetProperty("width").GetInt32());
        Assert.Equal(784, json.GetProperty("pixels").GetArrayLength());
        Assert.InRange(json.GetProperty("label").GetInt32(), 0, 9);
        Assert.Contains(json.GetProperty("pixels").EnumerateArray(), p => p.GetInt32() == 255);
    }

    [Fact]
    public async Task The_model_is_named()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("api/model");
        JsonElement json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.Model.Name, json.GetProperty("name").GetString());
        Assert.Equal(server.Model.Summary, json.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reader").ValueKind);
    }

    [Fact]
    public async Task Reading_a_string_without_a_reader_gets_400_saying_how_to_start_one()
    {
        var (status, json) = await Post("{\"width\": 1, \"height\": 1, \"pixels\": [1]}", "api/read");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("--reader", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_JSON_string_gets_400()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes("{\"width\": 1, \"height\": 1, \"pixels\": [\""), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes("\"]}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using HttpResponseMessage response = await server.Client.PostAsync("api/predict", content);
        JsonElement json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_blank_drawing_gets_400_saying_so()
    {
        var (status, json) = await Post(Body(4, 4, new float[16].Cast<object>()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("blank", json.GetProperty("error").GetString());
    }

    public static TheoryData<string, string> Garbage => new()
    {
        { Body(3, 3, [0, 0, 0]), "holds 3 values, but 3x3 needs 9" },
        { Body(0, 1, []), "\"width\" = 0 is outside 1..1024" },
        { Body(2000, 1, []), "\"width\" = 2000 is outside 1..1024" },
        { Body(2, 1, [0.5, "NaN"]), "pixels[1] is the string \"NaN\", not a number" },
        { Body(2, 1, [0.5, "x"]), "pixels[1] is the string \"x\"" },
        { Body(2, 1, [0.5, null!]), "pixels[1] is null" },
        { Body(2, 1, [0.5, 7]), "pixels[1] = 7 is outside 0..1" },
        { "{\"width\": 2, \"height\": 1, \"pixels\": [0.5, NaN]}", "not valid JSON" },
        { "{\"width\": 2, \"height\": 1, \"pixels\": [0.5, 1e999]}", "outside 0..1" },
        { "{\"width\": 2, \"height\": 1, \"pixels\": [0.5,", "not valid JSON" },
        { "this is not json", "not valid JSON" },
        { "", "not valid JSON" },
        { "[1, 2, 3]", "must be a JSON object" },
        { "{\"width\": 1.5, \"height\": 1, \"pixels\": [0]}", "\"width\" must be a whole number" },
        { "{\"width\": \"2\", \"height\": 1, \"pixels\": [0, 0]}", "\"width\" must be a whole number" },
        { "{\"height\": 1, \"pixels\": [0]}", "\"width\" is missing" },
        { "{\"width\": 1, \"height\": 1, \"pixels\": \"0\"}", "\"pixels\" must be an array" },
        { "{\"width\": 1, \"height\": 1, \"pixels\": [[[[[[0]]]]]]}", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_gets_400_with_a_json_error_saying_what_is_wrong(string body, string expected)
    {
        var (status, json) = await Post(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_oversized_body_gets_400_and_the_server_keeps_serving()
    {
        string huge = "{\"width\": 1, \"height\": 1, \"pixels\": [" + string.Concat(Enumerable.Repeat("0.000, ", 800_000)) + "0]}";
        Assert.True(huge.Length > DemoServer.MaxRequestBytes);

        var (status, json) = await Post(huge);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("larger than the 4 MB limit", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Post(Body(Side, Side, One().Cast<object>()))).Status);
    }

    [Fact]
    public async Task A_body_past_the_drain_limit_cannot_take_the_server_down()
    {
        long size = DemoServer.DrainLimit + 1;
        using var content = new StreamContent(new ZeroStream(size));
        content.Headers.ContentLength = size;
        content.Headers.ContentType = new("application/json");
        try
        {
            using HttpResponseMessage response = await server.Client.PostAsync("api/predict", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Cut off mid-upload: allowed for bodies this large, as long as the server lives on.
        }
        Assert.Equal(HttpStatusCode.OK, (await Post(Body(Side, Side, One().Cast<object>()))).Status);
    }

    /// <summary>A read-only stream of <c>length</c> spaces, made up as it is read.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_predictor_failure_is_reported_as_json()
    {
        server.Predictor.FailWith = new ArgumentException("The drawing is blank.");
        try
        {
            var (status, json) = await Post(Body(1, 1, [0]));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("The drawing is blank.", json.GetProperty("error").GetString());

            // An internal failure's message stays in the server's log.
            server.Predictor.FailWith = new InvalidOperationException("boom");
            (status, json) = await Post(Body(1, 1, [0]));
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Equal(DemoServer.InternalError, json.GetProperty("error").GetString());

            // So does the serializer's, for an answer that cannot be written (NaN probabilities from corrupt weights).
            server.Predictor.FailWith = null;
            server.Predictor.NotFinite = true;
            (status, json) = await Post(Body(Side, Side, One().Cast<object>()));
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Equal(DemoServer.InternalError, json.GetProperty("error").GetString());
        }
        finally
        {
            server.Predictor.FailWith = null;
            server.Predictor.NotFinite = false;
        }
    }
}
