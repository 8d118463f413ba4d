using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>A page as a picture file: its bytes, the file extension they call for, its size and the handwritten field's box in it.</summary>
/// <param name="Bytes">The encoded picture.</param>
/// <param name="Extension">".png" or ".jpg".</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Field">The box of the field's ink in picture pixels.</param>
internal sealed record PagePicture(byte[] Bytes, string Extension, int Width, int Height, SKRectI Field);

/// <summary>
/// Turns a laid-out page into a picture as a scanner or a phone would: the page moved (turned a few degrees
/// and scaled for a scan; seen in perspective on a table for a photo), blurred, lit unevenly over a paper
/// texture, with sensor noise; a photo also gets a shadow, a colour cast and JPEG compression. The field's box
/// is the box of its ink after all the moving, found in the page's ink mask moved the same way.
/// </summary>
internal static class PageCamera
{
    /// <summary>Mask level (of 255) above which a pixel belongs to the field's box.</summary>
    public const byte FieldLevel = 96;

    /// <summary>A grey PNG of <paramref name="page"/> as scanned.</summary>
    public static PagePicture Scan(FlatPage page, Random random)
    {
        float scale = random.Uniform(0.8f, 1.15f), degrees = random.Uniform(-3f, 3f);
        float border = random.Chance(0.5) ? 0 : random.Uniform(0.01f, 0.06f);
        int width = (int)MathF.Round(page.Width * scale * (1 + 2 * border)), height = (int)MathF.Round(page.Height * scale * (1 + 2 * border));
        SKMatrix matrix = SKMatrix.CreateScale(scale, scale)
            .PostConcat(SKMatrix.CreateRotationDegrees(degrees, page.Width * scale / 2, page.Height * scale / 2))
            .PostConcat(SKMatrix.CreateTranslation((width - page.Width * scale) / 2, (height - page.Height * scale) / 2));
        byte bedLevel = (byte)(random.Chance(0.6) ? random.Next(225, 256) : random.Next(20, 90));
        var bed = new SKColor(bedLevel, bedLevel, bedLevel);
        using SKBitmap picture = Move(page.Picture, matrix, width, height, bed, random.Chance(0.3) ? 0 : random.Uniform(0.2f, 1.1f));
        SKRectI field = FieldBox(page, matrix, width, height);
        var light = new Light(random, width, height, gradient: random.Uniform(0, 0.15f), texture: random.Uniform(0, 0.06f), noise: random.Chance(0.3) ? 0 : random.Uniform(1, 6));
        light.Apply(picture, random, colourCast: default, shadow: null);
        using SKBitmap grey = ToGrey(picture);
        using SKData png = grey.Encode(SKEncodedImageFormat.Png, 100);
        return new PagePicture(png.ToArray(), ".png", width, height, field);
    }

    /// <summary>A colour JPEG of <paramref name="page"/> as a phone photographs it lying on a table.</summary>
    public static PagePicture Photo(FlatPage page, Random random)
    {
        float scale = random.Uniform(0.8f, 1.1f);
        float frame = random.Uniform(1.08f, 1.3f);
        int width = (int)MathF.Round(page.Width * scale * frame), height = (int)MathF.Round(page.Height * scale * frame * random.Uniform(1f, 1.15f));
        // The page's corners land near their places in the frame, each moved by up to 6% of the frame: mild perspective.
        float pageWidth = page.Width * scale, pageHeight = page.Height * scale;
        float left = (width - pageWidth) / 2, top = (height - pageHeight) / 2;
        float jitterX = Math.Min(left * 0.9f, width * 0.06f), jitterY = Math.Min(top * 0.9f, height * 0.06f);
        SKPoint Corner(float x, float y) => new(x + random.Uniform(-jitterX, jitterX), y + random.Uniform(-jitterY, jitterY));
        SKPoint[] target = [Corner(left, top), Corner(left + pageWidth, top), Corner(left + pageWidth, top + pageHeight), Corner(left, top + pageHeight)];
        // The picture's pixels are mapped back onto the page, so the homography goes from the picture's corners to the page's.
        SKMatrix back = Homography(target, [new(0, 0), new(page.Width, 0), new(page.Width, page.Height), new(0, page.Height)]);
        SKColor table = random.Pick(Tables);
        using SKBitmap projected = Project(page.Picture, back, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), table);
        using SKBitmap picture = Blur(projected, random.Uniform(0.4f, 1.5f));
        SKRectI field;
        using (SKBitmap mask = Project(page.Field, back, new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul), SKColors.Transparent))
            field = FieldBox(mask);
        var light = new Light(random, width, height, gradient: random.Uniform(0.1f, 0.35f), texture: random.Uniform(0.01f, 0.05f), noise: random.Uniform(2, 7));
        var cast = new SKColor((byte)random.Next(225, 256), (byte)random.Next(225, 256), (byte)random.Next(215, 256));
        light.Apply(picture, random, cast, random.Chance(0.6) ? random.Uniform(0.55f, 0.85f) : null);
        using SKImage image = SKImage.FromBitmap(picture);
        using SKData jpeg = image.Encode(SKEncodedImageFormat.Jpeg, random.Next(50, 86));
        return new PagePicture(jpeg.ToArray(), ".jpg", width, height, field);
    }

    private static readonly SKColor[] Tables = [new(0x6B, 0x4A, 0x2F), new(0x3A, 0x3A, 0x3E), new(0xB8, 0xA0, 0x80), new(0x20, 0x28, 0x30), new(0x90, 0x90, 0x88), new(0x55, 0x30, 0x20)];

    /// <summary>
    /// Draws <paramref name="source"/> through <paramref name="matrix"/> (a scan's turn, scale and shift) onto a new picture of
    /// <paramref name="background"/>, blurred by <paramref name="blur"/> (a deviation in pixels). Skia draws these affine moves
    /// with the same pixels on every CPU; a photograph's perspective is drawn by <see cref="Project"/>.
    /// </summary>
    private static SKBitmap Move(SKBitmap source, SKMatrix matrix, int width, int height, SKColor background, float blur)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(background);
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { IsAntialias = true, ImageFilter = blur > 0 ? SKImageFilter.CreateBlur(blur, blur) : null };
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        return bitmap;
    }

    /// <summary>
    /// Draws <paramref name="source"/> in perspective onto a new picture of <paramref name="background"/> described by
    /// <paramref name="info"/> (of <paramref name="source"/>'s colour type): the centre of each of its pixels is mapped
    /// by <paramref name="back"/> onto the source and sampled bilinearly there, what falls off the source taking the
    /// background. Skia's perspective drawing gives other pixels on other CPUs; this arithmetic, in doubles and
    /// without vectors, gives the same photographs on every machine.
    /// </summary>
    internal static SKBitmap Project(SKBitmap source, SKMatrix back, SKImageInfo info, SKColor background)
    {
        int channels = info.BytesPerPixel;
        if (source.ColorType != info.ColorType || (channels != 1 && channels != 4))
            throw new ArgumentException($"Pictures of {source.ColorType} are projected onto pictures of the same type, of 1 or 4 bytes a pixel.", nameof(info));
        byte[] fill = channels == 1
            ? [background.Alpha]
            : [Premultiplied(background.Red, background.Alpha), Premultiplied(background.Green, background.Alpha), Premultiplied(background.Blue, background.Alpha), background.Alpha];
        var picture = new SKBitmap(info);
        ReadOnlySpan<byte> from = source.GetPixelSpan();
        Span<byte> to = picture.GetPixelSpan();
        // Read once: each of SKBitmap's size properties asks the native library.
        var raster = new Raster(source.Width, source.Height, source.RowBytes);
        int row = picture.RowBytes;
        for (int y = 0; y < info.Height; y++)
            for (int x = 0; x < info.Width; x++)
            {
                Span<byte> pixel = to.Slice(y * row + x * channels, channels);
                double px = x + 0.5, py = y + 0.5;
                double w = back.Persp0 * px + back.Persp1 * py + back.Persp2;
                // The source position, less half a pixel: the pixel centres around it and how near each is.
                double u = (back.ScaleX * px + back.SkewX * py + back.TransX) / w - 0.5;
                double v = (back.SkewY * px + back.ScaleY * py + back.TransY) / w - 0.5;
                double left = Math.Floor(u), top = Math.Floor(v);
                if (w <= 0 || left < -1 || top < -1 || left >= raster.Width || top >= raster.Height)
                {
                    fill.CopyTo(pixel);
                    continue;
                }
                int x0 = (int)left, y0 = (int)top;
                double fx = u - left, fy = v - top;
                ReadOnlySpan<byte> topLeft = raster.Pixel(from, x0, y0, fill), topRight = raster.Pixel(from, x0 + 1, y0, fill);
                ReadOnlySpan<byte> bottomLeft = raster.Pixel(from, x0, y0 + 1, fill), bottomRight = raster.Pixel(from, x0 + 1, y0 + 1, fill);
                for (int c = 0; c < channels; c++)
                {
                    double upper = (1 - fx) * topLeft[c] + fx * topRight[c], lower = (1 - fx) * bottomLeft[c] + fx * bottomRight[c];
                    pixel[c] = (byte)Math.Clamp(Math.Round((1 - fy) * upper + fy * lower), 0, 255);
                }
            }
        return picture;
    }

    /// <summary>A source picture's size and bytes per row.</summary>
    private readonly record struct Raster(int Width, int Height, int RowBytes)
    {
        /// <summary>The pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="levels"/>, or <paramref name="fill"/> (a pixel's bytes) off the picture.</summary>
        public ReadOnlySpan<byte> Pixel(ReadOnlySpan<byte> levels, int x, int y, ReadOnlySpan<byte> fill) =>
            x < 0 || y < 0 || x >= Width || y >= Height ? fill : levels.Slice(y * RowBytes + x * fill.Length, fill.Length);
    }

    private static byte Premultiplied(byte level, byte alpha) => (byte)((level * alpha + 127) / 255);

    /// <summary><paramref name="picture"/> blurred by a Gaussian of deviation <paramref name="sigma"/> pixels, its edges continued (so it covers the whole picture).</summary>
    private static SKBitmap Blur(SKBitmap picture, float sigma)
    {
        var blurred = new SKBitmap(picture.Info);
        using var canvas = new SKCanvas(blurred);
        using var image = SKImage.FromBitmap(picture);
        using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
        canvas.DrawImage(image, 0, 0, paint);
        return blurred;
    }

    /// <summary>The box of the field's ink moved by <paramref name="matrix"/>, within the picture.</summary>
    private static SKRectI FieldBox(FlatPage page, SKMatrix matrix, int width, int height)
    {
        using var mask = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(mask))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.SetMatrix(matrix);
            using var image = SKImage.FromBitmap(page.Field);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        return FieldBox(mask);
    }

    /// <summary>The box of the levels of <paramref name="mask"/> (the field's ink moved as the page was) above <see cref="FieldLevel"/>.</summary>
    private static SKRectI FieldBox(SKBitmap mask)
    {
        int width = mask.Width, height = mask.Height;
        ReadOnlySpan<byte> levels = mask.GetPixelSpan();
        int rowBytes = mask.RowBytes;
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = levels.Slice(y * rowBytes, width);
            int first = row.IndexOfAnyExceptInRange((byte)0, FieldLevel);
            if (first < 0) continue;
            int last = row.LastIndexOfAnyExceptInRange((byte)0, FieldLevel);
            left = Math.Min(left, first);
            right = Math.Max(right, last);
            top = Math.Min(top, y);
            bottom = y;
        }
        if (right < 0) throw new InvalidOperationException("The handwritten field fell outside the picture.");
        return new SKRectI(left, top, right + 1, bottom + 1);
    }

    /// <summary>The matrix that maps the four corners <paramref name="from"/> onto <paramref name="to"/> (a homography).</summary>
    internal static SKMatrix Homography(SKPoint[] from, SKPoint[] to)
    {
        // h11 x + h12 y + h13 - h31 x X - h32 y X = X, and the same for Y: 8 equations in 8 unknowns (h33 = 1).
        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            (double x, double y, double u, double v) = (from[i].X, from[i].Y, to[i].X, to[i].Y);
            double[] rowU = [x, y, 1, 0, 0, 0, -x * u, -y * u, u];
            double[] rowV = [0, 0, 0, x, y, 1, -x * v, -y * v, v];
            for (int j = 0; j < 9; j++)
            {
                a[2 * i, j] = rowU[j];
                a[2 * i + 1, j] = rowV[j];
            }
        }
        for (int column = 0; column < 8; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < 8; row++)
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column])) pivot = row;
            for (int j = 0; j < 9; j++) (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
            for (int row = 0; row < 8; row++)
            {
                if (row == column) continue;
                double factor = a[row, column] / a[column, column];
                for (int j = column; j < 9; j++) a[row, j] -= factor * a[column, j];
            }
        }
        float H(int i) => (float)(a[i, 8] / a[i, i]);
        return new SKMatrix(H(0), H(1), H(2), H(3), H(4), H(5), H(6), H(7), 1);
    }

    private static SKBitmap ToGrey(SKBitmap colour)
    {
        var grey = new SKBitmap(new SKImageInfo(colour.Width, colour.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        ReadOnlySpan<byte> rgba = colour.GetPixelSpan();
        Span<byte> levels = grey.GetPixelSpan();
        for (int i = 0; i < levels.Length; i++)
            levels[i] = (byte)((299 * rgba[4 * i] + 587 * rgba[4 * i + 1] + 114 * rgba[4 * i + 2] + 500) / 1000);
        return grey;
    }

    /// <summary>
    /// Light and paper over a picture: a brightness gradient across it with a soft spot, a low-frequency paper
    /// texture, an optional shadow with a soft edge, a colour cast, and Gaussian sensor noise.
    /// </summary>
    private sealed class Light(Random random, int width, int height, float gradient, float texture, float noise)
    {
        private const int TextureCells = 24;

        public void Apply(SKBitmap picture, Random draw, SKColor colourCast, float? shadow)
        {
            float angle = random.Uniform(0, 2 * MathF.PI);
            (float gx, float gy) = (MathF.Cos(angle), MathF.Sin(angle));
            float spotX = random.Uniform(0, width), spotY = random.Uniform(0, height), spotRadius = random.Uniform(0.5f, 1.5f) * Math.Max(width, height);
            float spotGain = random.Uniform(0, gradient);
            // The shadow: the side of a line through the picture, darkened, with an edge of soft width.
            float shadowAngle = random.Uniform(0, 2 * MathF.PI);
            (float sx, float sy) = (MathF.Cos(shadowAngle), MathF.Sin(shadowAngle));
            float shadowOffset = random.Uniform(0.3f, 0.8f) * (Math.Abs(sx) * width + Math.Abs(sy) * height) / 2;
            float shadowSoftness = random.Uniform(10, 60);
            int cellsX = TextureCells, cellsY = Math.Max(2, TextureCells * height / Math.Max(1, width));
            var grain = new float[(cellsX + 1) * (cellsY + 1)];
            for (int i = 0; i < grain.Length; i++) grain[i] = 1 - texture * (float)random.NextDouble();
            (float cr, float cg, float cb) = colourCast == default ? (1f, 1f, 1f) : (colourCast.Red / 255f, colourCast.Green / 255f, colourCast.Blue / 255f);
            Span<byte> rgba = picture.GetPixelSpan();
            float halfDiagonal = (width * MathF.Abs(gx) + height * MathF.Abs(gy)) / 2;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    float along = ((x - width / 2f) * gx + (y - height / 2f) * gy) / Math.Max(1, halfDiagonal);
                    float d2 = ((x - spotX) * (x - spotX) + (y - spotY) * (y - spotY)) / (spotRadius * spotRadius);
                    float gain = 1 - gradient * (along + 1) / 2 + spotGain * MathF.Exp(-d2) - spotGain / 2;
                    gain *= Grain(grain, cellsX, x * (float)cellsX / width, y * (float)cellsY / height);
                    if (shadow is { } depth)
                    {
                        float side = ((x - width / 2f) * sx + (y - height / 2f) * sy - shadowOffset) / shadowSoftness;
                        gain *= 1 - (1 - depth) / (1 + MathF.Exp(-side));
                    }
                    int i = 4 * (y * width + x);
                    rgba[i] = Level(rgba[i] * gain * cr + noise * draw.Gaussian());
                    rgba[i + 1] = Level(rgba[i + 1] * gain * cg + noise * draw.Gaussian());
                    rgba[i + 2] = Level(rgba[i + 2] * gain * cb + noise * draw.Gaussian());
                }
        }

        private static float Grain(float[] grain, int cellsX, float u, float v)
        {
            int x0 = (int)u, y0 = (int)v;
            float fx = u - x0, fy = v - y0;
            int stride = cellsX + 1;
            return (1 - fx) * (1 - fy) * grain[y0 * stride + x0] + fx * (1 - fy) * grain[y0 * stride + x0 + 1]
                 + (1 - fx) * fy * grain[(y0 + 1) * stride + x0] + fx * fy * grain[(y0 + 1) * stride + x0 + 1];
        }

        private static byte Level(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);
    }
}
