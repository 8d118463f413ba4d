using LeNet.Cli.Visualization;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>
/// A page as laid out, before it is scanned or photographed: the picture in colour, and beside it a mask
/// holding only the handwritten field's ink, so the field's box can be found wherever the page is later moved.
/// </summary>
internal sealed class FlatPage : IDisposable
{
    private static readonly string[] FaceFiles =
    [
        "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
        "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-BoldItalic.ttf",
        "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans-ExtraLight.ttf",
    ];

    /// <summary>A blank page of <paramref name="paper"/> colour.</summary>
    public FlatPage(PageKind kind, int width, int height, SKColor paper)
    {
        Kind = kind;
        Paper = paper;
        Picture = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Field = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        Canvas = new SKCanvas(Picture);
        FieldCanvas = new SKCanvas(Field);
        Canvas.Clear(paper);
        FieldCanvas.Clear(SKColors.Transparent);
    }

    /// <summary>Envelope or cheque.</summary>
    public PageKind Kind { get; }

    /// <summary>The paper's colour.</summary>
    public SKColor Paper { get; }

    /// <summary>The page in colour.</summary>
    public SKBitmap Picture { get; }

    /// <summary>The handwritten field's ink alone (alpha).</summary>
    public SKBitmap Field { get; }

    /// <summary>Draws on <see cref="Picture"/>.</summary>
    public SKCanvas Canvas { get; }

    /// <summary>Draws on <see cref="Field"/>.</summary>
    public SKCanvas FieldCanvas { get; }

    /// <summary>The handwritten field's text, once written.</summary>
    public string Text { get; private set; } = "";

    /// <summary>Columns.</summary>
    public int Width => Picture.Width;

    /// <summary>Rows.</summary>
    public int Height => Picture.Height;

    /// <summary>Writes the field's <paramref name="ink"/> (see <see cref="HandwrittenInk.Place"/>) and records its text.</summary>
    public void WriteField(HandwrittenInk ink, float x, float y, float scale, float degrees, SKColor colour)
    {
        ink.Place(Canvas, FieldCanvas, x, y, scale, degrees, colour);
        Text = ink.Text;
    }

    /// <summary>A printed face: sans, serif or mono, of some weight and slant.</summary>
    public static SKTypeface Face(Random random) => Typefaces.FromFile(random.Pick(FaceFiles)) ?? Typefaces.Regular;

    /// <summary>Prints <paramref name="text"/> with its baseline at <paramref name="y"/>; returns its advance width.</summary>
    public float Print(string text, float x, float y, SKTypeface face, float size, SKColor colour, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = new SKFont(face, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        Canvas.DrawText(text, x, y, align, font, paint);
        return font.MeasureText(text);
    }

    /// <summary>The advance width of <paramref name="text"/>.</summary>
    public static float Measure(string text, SKTypeface face, float size)
    {
        using var font = new SKFont(face, size);
        return font.MeasureText(text);
    }

    /// <summary>A stroke paint of <paramref name="colour"/> and <paramref name="width"/>.</summary>
    public static SKPaint Pen(SKColor colour, float width) =>
        new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };

    /// <summary>A fill paint of <paramref name="colour"/>.</summary>
    public static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    /// <summary>A dark printing colour: black, near black, dark grey, navy.</summary>
    public static SKColor PrintColour(Random random) => random.Pick(PrintColours);

    /// <summary>A pen's ink: black, blue-black, blue, now and then dark red or green.</summary>
    public static SKColor PenColour(Random random) => random.Chance(0.9) ? random.Pick(PenColours) : random.Pick(OddPenColours);

    /// <summary>Light paper: white, cream, manila, pale grey or blue.</summary>
    public static SKColor PaperColour(Random random)
    {
        SKColor basis = random.Pick(Papers);
        int Jitter(byte c) => Math.Clamp(c + random.Next(-8, 9), 0, 255);
        return new SKColor((byte)Jitter(basis.Red), (byte)Jitter(basis.Green), (byte)Jitter(basis.Blue));
    }

    /// <summary>
    /// A random scribble of <paramref name="strokes"/> joined Bezier curves inside <paramref name="area"/>: a signature,
    /// or handwriting no one is asked to read.
    /// </summary>
    public void Scribble(Random random, SKRect area, int strokes, SKColor colour, float width)
    {
        using var path = new SKPath();
        SKPoint Point() => new(random.Uniform(area.Left, area.Right), random.Uniform(area.Top, area.Bottom));
        float x = area.Left;
        path.MoveTo(x, random.Uniform(area.Top, area.Bottom));
        float step = area.Width / strokes;
        for (int i = 0; i < strokes; i++)
        {
            x += step;
            path.CubicTo(Point(), Point(), new SKPoint(Math.Min(x, area.Right), random.Uniform(area.Top, area.Bottom)));
        }
        using SKPaint pen = Pen(colour, width);
        Canvas.DrawPath(path, pen);
    }

    private static readonly SKColor[] PrintColours = [new(0x10, 0x10, 0x10), new(0x22, 0x22, 0x22), new(0x38, 0x38, 0x3C), new(0x1A, 0x23, 0x4A), new(0x05, 0x05, 0x05)];
    private static readonly SKColor[] PenColours = [new(0x10, 0x10, 0x18), new(0x1C, 0x28, 0x6E), new(0x14, 0x3C, 0xA0), new(0x22, 0x22, 0x2A), new(0x30, 0x30, 0x60)];
    private static readonly SKColor[] OddPenColours = [new(0x7A, 0x10, 0x18), new(0x10, 0x50, 0x28), new(0x40, 0x10, 0x60)];
    private static readonly SKColor[] Papers = [new(0xFA, 0xFA, 0xF6), new(0xF4, 0xEE, 0xDC), new(0xE8, 0xD9, 0xB0), new(0xEE, 0xEE, 0xEE), new(0xE6, 0xEE, 0xF4), new(0xFF, 0xFF, 0xFF), new(0xEF, 0xE4, 0xCF)];

    /// <summary>Lets go of the bitmaps and canvases.</summary>
    public void Dispose()
    {
        Canvas.Dispose();
        FieldCanvas.Dispose();
        Picture.Dispose();
        Field.Dispose();
    }
}
