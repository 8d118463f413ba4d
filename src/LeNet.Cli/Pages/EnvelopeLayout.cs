using System.Globalization;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>
/// Lays out an envelope: a printed return address, stamps or a meter mark with printed digits, a postmark
/// and its wavy lines, a postal barcode, the printed recipient block and, where an address has it (after the
/// town and state of the block's last line, or on a line of its own), the handwritten zip code.
/// </summary>
internal static class EnvelopeLayout
{
    /// <summary>Envelope sizes drawn: widths, and heights as a fraction of the width, clamped to <see cref="Heights"/>.</summary>
    public static (int Min, int Max) Widths => (600, 1200);

    /// <summary>Heights an envelope may have.</summary>
    public static (int Min, int Max) Heights => (300, 600);

    /// <summary>A new envelope with <paramref name="zip"/> written on it.</summary>
    public static FlatPage Draw(Random random, HandwrittenInk zip)
    {
        int width = random.Next(Widths.Min, Widths.Max + 1);
        int height = Math.Clamp((int)(width * random.Uniform(0.42f, 0.62f)), Heights.Min, Heights.Max);
        var page = new FlatPage(PageKind.Envelope, width, height, FlatPage.PaperColour(random));
        float margin = width * random.Uniform(0.025f, 0.05f);
        if (random.Chance(0.12)) AirMailBorder(page, random);
        if (random.Chance(0.8)) ReturnAddress(page, random, margin);
        float stampLeft = Postage(page, random, margin);
        if (random.Chance(0.85)) Postmark(page, random, stampLeft, margin);
        Recipient(page, random, zip, margin);
        return page;
    }

    private static void ReturnAddress(FlatPage page, Random random, float margin)
    {
        SKTypeface face = FlatPage.Face(random);
        float size = page.Height * random.Uniform(0.028f, 0.05f);
        SKColor colour = FlatPage.PrintColour(random);
        (string city, string state) = PageWords.Town(random);
        string[] lines = [PageWords.Name(random), PageWords.Street(random), $"{city}, {state} {PageWords.Zip(random)}"];
        float y = margin + size;
        foreach (string line in lines)
        {
            page.Print(line, margin, y, face, size, colour);
            y += size * random.Uniform(1.15f, 1.4f);
        }
    }

    /// <summary>Stamps or a meter mark in the top right corner; returns the left edge of what was drawn.</summary>
    private static float Postage(FlatPage page, Random random, float margin)
    {
        float stampWidth = page.Width * random.Uniform(0.07f, 0.12f);
        float stampHeight = stampWidth * random.Uniform(1.05f, 1.3f);
        float right = page.Width - margin, top = margin;
        if (random.Chance(0.25))
        {
            // A meter mark: a box of printed digits.
            float boxWidth = stampWidth * 2.2f, boxHeight = stampHeight * 0.8f;
            var box = SKRect.Create(right - boxWidth, top, boxWidth, boxHeight);
            SKColor red = new((byte)random.Next(150, 220), 0x20, 0x30);
            using (SKPaint pen = FlatPage.Pen(red, 2)) page.Canvas.DrawRect(box, pen);
            SKTypeface face = FlatPage.Face(random);
            float size = boxHeight / 5.5f;
            string[] lines = ["US POSTAGE", string.Create(CultureInfo.InvariantCulture, $"${random.Next(0, 10)}{random.Next(10, 100)}.{random.Digits(2)}"), $"{random.Digits(2)} 1W {random.Digits(10)}", PageWords.PostmarkDate(random)];
            for (int i = 0; i < lines.Length; i++)
                page.Print(lines[i], box.Left + size * 0.5f, box.Top + size * (1.3f * i + 1.2f), face, size, red);
            return box.Left;
        }
        int stamps = random.Chance(0.25) ? 2 : 1;
        float left = right;
        for (int s = 0; s < stamps; s++)
        {
            var stamp = SKRect.Create(left - stampWidth, top, stampWidth, stampHeight);
            Stamp(page, random, stamp);
            left = stamp.Left - stampWidth * 0.12f;
        }
        return left;
    }

    private static void Stamp(FlatPage page, Random random, SKRect stamp)
    {
        var colour = new SKColor((byte)random.Next(60, 230), (byte)random.Next(60, 230), (byte)random.Next(60, 230));
        using (SKPaint fill = FlatPage.Fill(SKColors.White)) page.Canvas.DrawRect(stamp, fill);
        SKRect inner = stamp;
        inner.Inflate(-stamp.Width * 0.1f, -stamp.Width * 0.1f);
        using (SKPaint fill = FlatPage.Fill(colour)) page.Canvas.DrawRect(inner, fill);
        // Perforations: paper-coloured dents along the edges.
        float dent = stamp.Width / 14;
        using (SKPaint paper = FlatPage.Fill(page.Paper))
        {
            for (float x = stamp.Left; x <= stamp.Right; x += dent * 2)
            {
                page.Canvas.DrawCircle(x, stamp.Top, dent * 0.6f, paper);
                page.Canvas.DrawCircle(x, stamp.Bottom, dent * 0.6f, paper);
            }
            for (float y = stamp.Top; y <= stamp.Bottom; y += dent * 2)
            {
                page.Canvas.DrawCircle(stamp.Left, y, dent * 0.6f, paper);
                page.Canvas.DrawCircle(stamp.Right, y, dent * 0.6f, paper);
            }
        }
        // A picture: circles and a hill, and the value in printed digits.
        var dark = new SKColor((byte)(colour.Red / 3), (byte)(colour.Green / 3), (byte)(colour.Blue / 3));
        using (SKPaint pen = FlatPage.Pen(dark, 1.5f))
        {
            page.Canvas.DrawCircle(inner.MidX + random.Uniform(-5, 5), inner.MidY, inner.Width * random.Uniform(0.15f, 0.3f), pen);
            page.Canvas.DrawLine(inner.Left, inner.Bottom - inner.Height * 0.3f, inner.Right, inner.Bottom - inner.Height * random.Uniform(0.1f, 0.5f), pen);
        }
        string value = random.Next(4) switch
        {
            0 => "FOREVER",
            1 => random.Next(1, 99).ToString(CultureInfo.InvariantCulture),
            2 => string.Create(CultureInfo.InvariantCulture, $"{random.Next(0, 3)}.{random.Digits(2)}"),
            _ => random.Next(10, 999).ToString(CultureInfo.InvariantCulture) + "c",
        };
        SKTypeface face = FlatPage.Face(random);
        float size = Math.Min(inner.Height * 0.25f, inner.Width * 1.6f / value.Length);
        page.Print(value, inner.Left + 2, inner.Top + size, face, size, SKColors.White);
        if (random.Chance(0.6)) page.Print("USA", inner.Right - 2, inner.Bottom - 3, face, size * 0.7f, dark, SKTextAlign.Right);
    }

    /// <summary>A round postmark with its town and date left of the stamps, and wavy lines running left from it.</summary>
    private static void Postmark(FlatPage page, Random random, float stampLeft, float margin)
    {
        SKColor ink = random.Chance(0.7) ? new SKColor(0x20, 0x20, 0x28, (byte)random.Next(120, 230)) : new SKColor(0xA0, 0x18, 0x20, (byte)random.Next(120, 230));
        float radius = page.Height * random.Uniform(0.08f, 0.13f);
        float cx = stampLeft + random.Uniform(-radius, radius * 1.5f), cy = margin + radius * random.Uniform(0.8f, 1.6f);
        float width = random.Uniform(1.2f, 2.5f);
        using SKPaint pen = FlatPage.Pen(ink, width);
        page.Canvas.DrawCircle(cx, cy, radius, pen);
        if (random.Chance(0.5)) page.Canvas.DrawCircle(cx, cy, radius * 0.68f, pen);
        SKTypeface face = FlatPage.Face(random);
        float size = radius * 0.26f;
        (string city, string state) = PageWords.Town(random);
        page.Print(city.ToUpperInvariant(), cx, cy - size * 0.6f, face, size, ink, SKTextAlign.Center);
        page.Print(PageWords.PostmarkDate(random), cx, cy + size * 0.5f, face, size * 0.9f, ink, SKTextAlign.Center);
        page.Print($"{state} {random.Digits(3)}", cx, cy + size * 1.6f, face, size * 0.8f, ink, SKTextAlign.Center);
        // Cancellation waves: a few parallel sine lines, mostly over the top of the envelope, now and then down to its middle.
        int waves = random.Next(3, 8);
        float gap = random.Uniform(5, 12) * page.Height / 400;
        float wavelength = random.Uniform(30, 80) * page.Width / 900, amplitude = random.Uniform(2, 8) * page.Height / 400;
        float length = page.Width * random.Uniform(0.25f, random.Chance(0.2) ? 0.9f : 0.5f);
        float start = cx + radius * 1.2f * (random.Chance(0.5) ? 1 : -1);
        float top = cy - gap * waves / 2 + (random.Chance(0.15) ? page.Height * random.Uniform(0.1f, 0.35f) : 0);
        for (int w = 0; w < waves; w++)
        {
            using var path = new SKPath();
            float y0 = top + w * gap;
            path.MoveTo(start, y0);
            for (float x = 0; x <= length; x += 3)
                path.LineTo(start - x, y0 + amplitude * MathF.Sin(2 * MathF.PI * x / wavelength));
            page.Canvas.DrawPath(path, pen);
        }
    }

    /// <summary>The recipient block and the handwritten zip code.</summary>
    private static void Recipient(FlatPage page, Random random, HandwrittenInk zip, float margin)
    {
        SKTypeface face = FlatPage.Face(random);
        SKColor colour = FlatPage.PrintColour(random);
        float size = page.Height * random.Uniform(0.038f, 0.065f);
        float leading = size * random.Uniform(1.15f, 1.45f);
        var lines = new List<string> { PageWords.Name(random) };
        if (random.Chance(0.25)) lines.Add(random.Chance(0.5) ? "ATTN: " + PageWords.Name(random) : PageWords.Name(random));
        lines.Add(PageWords.Street(random));
        if (random.Chance(0.3)) lines.Add(PageWords.Unit(random));
        (string city, string state) = PageWords.Town(random);
        bool capitals = random.Chance(0.4);
        string last = random.Chance(0.8) ? $"{city}, {state}" : random.Chance(0.5) ? $"{city} {state}" : city;
        lines.Add(capitals ? last.ToUpperInvariant() : last);
        bool ownLine = random.Chance(0.2);
        // The zip's digits are written from a little over to twice the printed capital height, and never smaller than MNIST's.
        float digitHeight = Math.Max(HandwrittenInk.DigitHeight, size * 0.73f * random.Uniform(1.1f, 2.1f));
        float scale = digitHeight / HandwrittenInk.DigitHeight;
        float zipWidth = zip.Width * scale, zipHeight = zip.Height * scale;
        float blockWidth = lines.Max(l => FlatPage.Measure(l, face, size));
        float lastWidth = FlatPage.Measure(lines[^1], face, size);
        float gap = size * random.Uniform(0.4f, 2f);
        if (!ownLine && lastWidth + gap + zipWidth > page.Width - 2 * margin - page.Width * 0.25f) ownLine = true;
        float neededWidth = Math.Max(blockWidth, ownLine ? zipWidth : lastWidth + gap + zipWidth);
        float blockHeight = leading * (lines.Count - 1) + (ownLine ? leading * 0.4f + zipHeight : size) ;
        float left = Math.Clamp(page.Width * random.Uniform(0.25f, 0.5f), margin, Math.Max(margin, page.Width - margin - neededWidth));
        float top = Math.Clamp(page.Height * random.Uniform(0.38f, 0.55f), page.Height * 0.3f, Math.Max(page.Height * 0.3f, page.Height - margin - blockHeight - size));
        if (random.Chance(0.15))
        {
            // A window envelope: the block shows through a window.
            var window = SKRect.Create(left - size, top - size * 0.5f, neededWidth + 2 * size, blockHeight + size * 1.5f);
            using SKPaint pen = FlatPage.Pen(new SKColor(0x90, 0x90, 0x90), 1);
            page.Canvas.DrawRoundRect(window, size * 0.4f, size * 0.4f, pen);
        }
        float baseline = top + size;
        foreach (string line in lines)
        {
            page.Print(line, left, baseline, face, size, colour);
            baseline += leading;
        }
        baseline -= leading;
        float x = ownLine ? left + random.Uniform(-0.5f, 2) * size : left + lastWidth + gap;
        // The ink's bottom sits near the baseline; the line of its own sits below the last printed line.
        float bottom = ownLine ? baseline + leading * 0.3f + zipHeight : baseline + random.Uniform(-0.15f, 0.3f) * size;
        x = Math.Min(x, page.Width - margin * 0.5f - zipWidth);
        bottom = Math.Min(bottom, page.Height - margin * 0.5f);
        page.WriteField(zip, x, bottom - zipHeight, scale, random.Uniform(-4, 4), FlatPage.PenColour(random));
        if (random.Chance(0.7)) Barcode(page, random, left, baseline, bottom, margin);
    }

    /// <summary>A POSTNET-style bar code of tall and short bars, under the address or in the bottom right corner.</summary>
    private static void Barcode(FlatPage page, Random random, float left, float baseline, float zipBottom, float margin)
    {
        int bars = random.Chance(0.5) ? 52 : 65;
        float pitch = page.Width * random.Uniform(0.0045f, 0.007f);
        float tall = pitch * random.Uniform(2.2f, 3.2f);
        float width = bars * pitch;
        bool under = random.Chance(0.5) && Math.Max(baseline, zipBottom) + tall * 2 < page.Height - margin * 0.5f;
        float x = under ? left : page.Width - margin - width;
        float bottom = under ? Math.Max(baseline, zipBottom) + tall * 1.6f : page.Height - margin * 0.6f;
        if (x < margin * 0.5f) return;
        using SKPaint pen = FlatPage.Pen(FlatPage.PrintColour(random), pitch * 0.45f);
        pen.StrokeCap = SKStrokeCap.Butt;
        for (int b = 0; b < bars; b++)
        {
            float bx = x + b * pitch;
            int state = b == 0 || b == bars - 1 ? 3 : random.Next(bars == 52 ? 2 : 4);
            // POSTNET: full or half bars on the baseline; four-state: ascender and descender.
            (float top, float end) = bars == 52
                ? (state == 1 || state == 3 ? bottom - tall : bottom - tall * 0.45f, bottom)
                : (state is 1 or 3 ? bottom - tall : bottom - tall * 0.65f, state is 2 or 3 ? bottom : bottom - tall * 0.35f);
            page.Canvas.DrawLine(bx, top, bx, end, pen);
        }
    }

    /// <summary>The red and blue diagonal stripes round an air mail envelope.</summary>
    private static void AirMailBorder(FlatPage page, Random random)
    {
        float band = page.Height * random.Uniform(0.025f, 0.04f), stripe = band * 1.3f;
        using var red = FlatPage.Fill(new SKColor(0xC0, 0x20, 0x30));
        using var blue = FlatPage.Fill(new SKColor(0x20, 0x30, 0x90));
        int i = 0;
        for (float t = -band; t < page.Width + page.Height; t += stripe, i++)
        {
            SKPaint paint = i % 2 == 0 ? red : blue;
            foreach ((float y0, float y1) in (ReadOnlySpan<(float, float)>)[(0, band), (page.Height - band, page.Height)])
            {
                using var path = new SKPath();
                path.MoveTo(t, y0);
                path.LineTo(t + stripe * 0.6f, y0);
                path.LineTo(t + stripe * 0.6f - band, y1);
                path.LineTo(t - band, y1);
                path.Close();
                page.Canvas.DrawPath(path, paint);
            }
        }
    }
}
