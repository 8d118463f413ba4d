using System.Globalization;
using LeNet.Imaging;
using LeNet.Pages;
using Microsoft.AspNetCore.Http;
using SkiaSharp;

namespace LeNet.Cli.Web;

/// <summary>
/// What <c>POST /api/find?kind=envelope&amp;reject=0.5</c> is given: the query (the page's kind, the rejection
/// threshold) and the body, a PNG or JPEG picture of a page sent as it is (not as a form). The body is
/// refused past <see cref="MaxBytes"/> and the picture past <see cref="MaxPixels"/> (its header is read
/// before anything is decoded), both with HTTP 413; a picture whose longest side is above
/// <see cref="WorkingSide"/> is scaled down to it before the search (a phone photo's handwriting is far
/// larger than the lines the detector's pyramid finds, at most about 96 pixels high).
/// </summary>
internal static class PageUpload
{
    /// <summary>Largest upload accepted: 16 MB.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>Most pixels an uploaded picture may have: 16 megapixels (a 4,900x3,265 photo).</summary>
    public const long MaxPixels = 16_000_000;

    /// <summary>The longest side a page is searched at; larger pictures are scaled down to it.</summary>
    public const int WorkingSide = 2000;

    /// <summary>The reading's rejection threshold when the query gives none: nothing rejected.</summary>
    public const double DefaultReject = 0;

    /// <summary>A decoded upload.</summary>
    /// <param name="Picture">The page as searched: the upload, scaled down to <see cref="WorkingSide"/> when larger.</param>
    /// <param name="Width">The upload's width in pixels.</param>
    /// <param name="Height">The upload's height in pixels.</param>
    /// <param name="Scale">Pixels of <paramref name="Picture"/> per pixel of the upload: 1, or less when scaled down.</param>
    internal sealed record Page(GreyImage Picture, int Width, int Height, double Scale);

    /// <summary>The page's kind (<c>kind=envelope|cheque</c>, default envelope) and the threshold (<c>reject=T</c>, 0..1, default 0), or what is wrong with them.</summary>
    public static (PageKind Kind, double Reject, string? Error) Query(IQueryCollection query)
    {
        PageKind kind = PageKind.Envelope;
        double reject = DefaultReject;
        if (query.TryGetValue("kind", out var kinds))
        {
            if (kinds.Count != 1) return (kind, reject, "\"kind\" is given more than once.");
            string? name = kinds[0];
            if (name == PageLabels.Name(PageKind.Envelope)) kind = PageKind.Envelope;
            else if (name == PageLabels.Name(PageKind.Cheque)) kind = PageKind.Cheque;
            else return (kind, reject, $"\"kind\" must be envelope or cheque, not '{name}'.");
        }
        if (query.TryGetValue("reject", out var rejects))
        {
            if (rejects.Count != 1) return (kind, reject, "\"reject\" is given more than once.");
            if (!double.TryParse(rejects[0], NumberStyles.Float, CultureInfo.InvariantCulture, out reject) || !(reject >= 0 && reject <= 1))
                return (kind, DefaultReject, $"\"reject\" must be a number from 0 to 1, not '{rejects[0]}'.");
        }
        return (kind, reject, null);
    }

    /// <summary>The page in <paramref name="body"/>, or what is wrong with it and the HTTP status saying so (400, or 413 for too many pixels).</summary>
    /// <param name="body">The request body.</param>
    /// <param name="contentType">The request's Content-Type, to tell a form apart from a picture.</param>
    public static (Page? Page, string? Error, int Status) Decode(byte[] body, string? contentType)
    {
        const int bad = StatusCodes.Status400BadRequest;
        if (contentType is not null && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            return (null, "Send the picture itself as the request body (Content-Type image/png or image/jpeg), not a form.", bad);
        if (body.Length == 0)
            return (null, "The upload is empty: send a PNG or JPEG picture of a page as the request body.", bad);
        int width, height;
        using (SKData data = SKData.CreateCopy(body))
        using (SKCodec? codec = SKCodec.Create(data))
        {
            if (codec is null)
                return (null, "The upload is not a PNG or JPEG picture.", bad);
            if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
                return (null, $"The upload is a {codec.EncodedFormat.ToString().ToUpperInvariant()} picture: send a PNG or JPEG.", bad);
            (width, height) = (codec.Info.Width, codec.Info.Height);
        }
        if ((long)width * height > MaxPixels)
            return (null, $"The upload is {width}x{height} pixels, more than the {MaxPixels / 1_000_000} megapixels accepted: scale it down first.", StatusCodes.Status413PayloadTooLarge);
        GreyImage picture;
        try
        {
            picture = ImageFile.Decode(body, "the upload");
        }
        catch (InvalidDataException error)
        {
            return (null, error.Message, bad);
        }
        int side = Math.Max(width, height);
        if (side <= WorkingSide) return (new Page(picture, width, height, 1), null, 0);
        double scale = (double)WorkingSide / side;
        return (new Page(Shrink(picture, scale), width, height, scale), null, 0);
    }

    /// <summary><paramref name="picture"/> scaled by <paramref name="scale"/> (below 1), each pixel averaged over the ones it covers.</summary>
    private static GreyImage Shrink(GreyImage picture, double scale)
    {
        int width = Math.Max(1, (int)Math.Round(picture.Width * scale)), height = Math.Max(1, (int)Math.Round(picture.Height * scale));
        using var source = new SKBitmap(new SKImageInfo(picture.Width, picture.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        Span<byte> levels = source.GetPixelSpan();
        for (int i = 0; i < levels.Length; i++) levels[i] = (byte)Math.Clamp(MathF.Round(picture.Pixels[i] * 255), 0, 255);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        // Mipmaps average the picture down by halves before the last, linear, step: no aliasing however large the factor.
        if (!source.ScalePixels(target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
            throw new InvalidOperationException($"Skia could not scale a {picture.Width}x{picture.Height} picture to {width}x{height}.");
        ReadOnlySpan<byte> scaled = target.GetPixelSpan();
        var pixels = new float[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = scaled[i] / 255f;
        return new GreyImage(width, height, pixels);
    }
}
