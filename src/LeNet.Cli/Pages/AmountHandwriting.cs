using System.Globalization;
using System.Text;
using LeNet.Data;
using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>
/// Handwritten courtesy amounts: the amount drawn (<see cref="Amount"/>, in the grammar of
/// <see cref="LeNet.Strings.Languages.Amount"/>: digits, ',' between thousands, '.' before two cents digits)
/// and its ink at strip geometry, digits from MNIST and separators and '*' fill drawn as pen strokes.
/// This is the one place cheques get their handwriting from.
/// </summary>
internal sealed class AmountHandwriting
{
    private const int Side = 28;
    private const float StrokeMin = 2f, StrokeMax = 3f;
    private const float CentreOfMass = 14f;
    private const int CanvasHeight = StripGeometry.Height;
    private const float Baseline = StripGeometry.CentreRow + HandwrittenInk.DigitHeight / 2;
    private readonly LabelledImages _digits;
    private readonly int[][] _byClass;
    private readonly (int Left, int Right)[] _inkColumns;

    /// <summary>Amounts written with the digits of <paramref name="digits"/> (28x28, every class 0-9 present).</summary>
    public AmountHandwriting(LabelledImages digits)
    {
        _digits = digits;
        _byClass = [.. Enumerable.Range(0, 10).Select(d => Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] == d).ToArray())];
        if (digits.Rows != Side || digits.Columns != Side || _byClass.Any(c => c.Length == 0))
            throw new ArgumentException($"{digits.Name}: amounts are written with 28x28 images of every digit 0-9.");
        _inkColumns = [.. Enumerable.Range(0, digits.Count).Select(InkColumns)];
    }

    /// <summary>A random amount, "87.05" or "1,234.56": 1 to 6 whole digits, grouped by ',' in three out of four amounts of 4 or more.</summary>
    public static string Amount(Random random)
    {
        int wholeDigits = random.Next(1, 7);
        string whole = wholeDigits == 1 ? random.Digits(1) : random.Digits(wholeDigits, leadingZero: false);
        if (whole.Length >= 4 && random.Chance(0.75))
        {
            var grouped = new StringBuilder();
            for (int i = 0; i < whole.Length; i++)
            {
                if (i > 0 && (whole.Length - i) % 3 == 0) grouped.Append(',');
                grouped.Append(whole[i]);
            }
            whole = grouped.ToString();
        }
        return string.Create(CultureInfo.InvariantCulture, $"{whole}.{random.Digits(2)}");
    }

    /// <summary>The ink of <paramref name="amount"/>, with <paramref name="stars"/> '*' written before it (fill, not part of the text).</summary>
    public HandwrittenInk Compose(string amount, int stars, Random random)
    {
        float writer = random.Uniform(StripSynthesizer.WriterScale.Min, StripSynthesizer.WriterScale.Max);
        float stroke = random.Uniform(StrokeMin, StrokeMax) * writer;
        string written = new string('*', stars) + amount;
        int width = written.Length * Side + 2 * Side;
        var info = new SKImageInfo(width, CanvasHeight, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            float x = Side / 2f;
            foreach (char c in written)
            {
                x += c switch
                {
                    >= '0' and <= '9' => Digit(canvas, c - '0', x, writer, random),
                    ',' => Comma(canvas, x, writer, stroke, random),
                    '.' => Dot(canvas, x, writer, stroke, random),
                    '*' => Star(canvas, x, writer, stroke, random),
                    _ => throw new ArgumentException($"'{c}' is not a character of an amount.", nameof(amount)),
                };
                x += random.Next(StripSynthesizer.TouchingGaps.Min + 2, StripSynthesizer.ApartGaps.Max - 2);
            }
        }
        return HandwrittenInk.Crop(bitmap.GetPixelSpan(), width, amount);
    }

    /// <summary>Draws a random image of <paramref name="digit"/> from <paramref name="x"/> on; returns its ink width.</summary>
    private float Digit(SKCanvas canvas, int digit, float x, float writer, Random random)
    {
        int source = random.Pick(_byClass[digit]);
        float scale = writer * (1 + random.Uniform(-StripSynthesizer.DigitScaleJitter, StripSynthesizer.DigitScaleJitter));
        float rise = random.Uniform(-StripSynthesizer.BaselineJitter, StripSynthesizer.BaselineJitter);
        (int left, int right) = _inkColumns[source];
        var info = new SKImageInfo(Side, Side, SKColorType.Alpha8, SKAlphaType.Premul);
        using var image = new SKBitmap(info);
        _digits.Image(source).CopyTo(image.GetPixelSpan());
        float top = StripGeometry.CentreRow + rise - CentreOfMass * scale;
        var target = SKRect.Create(x - left * scale, top, Side * scale, Side * scale);
        using var paint = new SKPaint { Color = SKColors.Black, BlendMode = SKBlendMode.Plus };
        using SKImage picture = SKImage.FromBitmap(image);
        canvas.DrawImage(picture, target, new SKSamplingOptions(SKFilterMode.Linear), paint);
        return (right - left + 1) * scale;
    }

    private static float Comma(SKCanvas canvas, float x, float writer, float stroke, Random random)
    {
        float bottom = Baseline + random.Uniform(-1, 1);
        using var path = new SKPath();
        path.MoveTo(x + 2 * writer, bottom - random.Uniform(1, 3));
        path.QuadTo(x + random.Uniform(1.5f, 3f) * writer, bottom + 3 * writer, x - random.Uniform(0, 1.5f), bottom + random.Uniform(4, 6) * writer);
        Stroke(canvas, path, stroke);
        return 4 * writer;
    }

    private static float Dot(SKCanvas canvas, float x, float writer, float stroke, Random random)
    {
        float radius = stroke * random.Uniform(0.55f, 0.8f);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawCircle(x + radius, Baseline - radius + random.Uniform(-1, 1), radius, paint);
        return 2 * radius + writer;
    }

    private static float Star(SKCanvas canvas, float x, float writer, float stroke, Random random)
    {
        float radius = random.Uniform(3.5f, 5.5f) * writer;
        float cx = x + radius, cy = StripGeometry.CentreRow + random.Uniform(-3, 1);
        float turn = random.Uniform(0, MathF.PI / 3);
        using var path = new SKPath();
        for (int arm = 0; arm < 3; arm++)
        {
            float angle = turn + arm * MathF.PI / 3;
            (float dx, float dy) = (radius * MathF.Cos(angle), radius * MathF.Sin(angle));
            path.MoveTo(cx - dx, cy - dy);
            path.LineTo(cx + dx, cy + dy);
        }
        Stroke(canvas, path, stroke * 0.8f);
        return 2 * radius;
    }

    private static void Stroke(SKCanvas canvas, SKPath path, float width)
    {
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
        canvas.DrawPath(path, paint);
    }

    private (int Left, int Right) InkColumns(int index)
    {
        ReadOnlySpan<byte> image = _digits.Image(index);
        int left = Side, right = -1;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
                if (image[y * Side + x] > StripSynthesizer.InkLevel)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                }
        return right < 0 ? (Side / 2 - 2, Side / 2 + 1) : (left, right);
    }
}
