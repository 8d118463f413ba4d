using System.Globalization;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>
/// Lays out a cheque: the bank's name, the cheque number, the date, "PAY TO THE ORDER OF" and the payee's
/// line, the legal amount line, the courtesy amount box with its printed currency sign and the handwritten
/// amount in it, memo and signature lines with a scribbled signature, and a MICR-style line of printed
/// digits along the bottom.
/// </summary>
internal static class ChequeLayout
{
    /// <summary>Cheque widths drawn; the height is the width over 2.2 to 2.7.</summary>
    public static (int Min, int Max) Widths => (800, 1250);

    private static readonly string[] Currencies = ["$", "$", "$", "€", "£", "¥", "CHF", "Fr.", "R$", "kr"];
    private static readonly string[] Pays = ["PAY TO THE ORDER OF", "Pay to the order of", "PAY TO THE\nORDER OF", "Pay", "PAY"];
    private static readonly string[] Units = ["DOLLARS", "Dollars", "EUROS", "POUNDS", "FRANCS", ""];

    /// <summary>A new cheque for <paramref name="amount"/>, written in its box as <paramref name="ink"/>.</summary>
    public static FlatPage Draw(Random random, HandwrittenInk ink, string amount)
    {
        int width = random.Next(Widths.Min, Widths.Max + 1);
        int height = (int)(width / random.Uniform(2.2f, 2.7f));
        var page = new FlatPage(PageKind.Cheque, width, height, FlatPage.PaperColour(random));
        SKCanvas canvas = page.Canvas;
        float margin = width * random.Uniform(0.025f, 0.045f);
        if (random.Chance(0.7)) Guilloche(page, random);
        SKColor print = FlatPage.PrintColour(random);
        SKTypeface face = FlatPage.Face(random), bankFace = FlatPage.Face(random);
        float size = height * random.Uniform(0.035f, 0.05f);
        using SKPaint rule = FlatPage.Pen(print, random.Uniform(0.8f, 1.6f));
        if (random.Chance(0.6)) canvas.DrawRect(SKRect.Create(margin * 0.4f, margin * 0.4f, width - margin * 0.8f, height - margin * 0.8f), rule);

        // Top: holder's name and address on the left, the bank's name, the cheque number on the right.
        float y = margin + size;
        page.Print(PageWords.Name(random), margin, y, face, size * 1.1f, print);
        page.Print(PageWords.Street(random), margin, y + size * 1.3f, face, size * 0.85f, print);
        (string city, string state) = PageWords.Town(random);
        page.Print($"{city}, {state} {PageWords.Zip(random)}", margin, y + size * 2.4f, face, size * 0.85f, print);
        string number = random.Next(100, 99999).ToString(CultureInfo.InvariantCulture);
        page.Print(number, width - margin, y, face, size, print, SKTextAlign.Right);
        float bankSize = size * random.Uniform(1.2f, 1.8f);
        page.Print(PageWords.Bank(random), width * random.Uniform(0.38f, 0.5f), y + size * 0.3f, bankFace, bankSize, print, SKTextAlign.Center);

        // Date line.
        float dateY = height * random.Uniform(0.24f, 0.3f);
        float dateLeft = width * random.Uniform(0.6f, 0.68f);
        float labelWidth = page.Print(random.Chance(0.5) ? "DATE" : "Date", dateLeft, dateY, face, size * 0.8f, print);
        canvas.DrawLine(dateLeft + labelWidth + size * 0.3f, dateY + 2, width - margin, dateY + 2, rule);
        SKTypeface dateFace = FlatPage.Face(random);
        page.Print(PageWords.ChequeDate(random), dateLeft + labelWidth + size, dateY - 2, dateFace, size * random.Uniform(0.9f, 1.3f), FlatPage.PrintColour(random));

        // Payee line and the courtesy amount box on its right.
        float payY = height * random.Uniform(0.42f, 0.5f);
        string[] pay = random.Pick(Pays).Split('\n');
        float paySize = size * 0.75f, payWidth = 0;
        for (int i = 0; i < pay.Length; i++)
            payWidth = Math.Max(payWidth, page.Print(pay[i], margin, payY - (pay.Length - 1 - i) * paySize * 1.15f, face, paySize, print));
        // The courtesy amount box, wide enough for the amount: its digits are half to three quarters of the box's height (never below MNIST's size).
        float boxHeight = Math.Max(height * random.Uniform(0.11f, 0.17f), HandwrittenInk.DigitHeight * 1.6f);
        float digitHeight = Math.Max(HandwrittenInk.DigitHeight, boxHeight * random.Uniform(0.45f, 0.75f));
        float scale = digitHeight / HandwrittenInk.DigitHeight;
        string currency = random.Pick(Currencies);
        float signSize = boxHeight * random.Uniform(0.45f, 0.7f);
        bool signInside = random.Chance(0.4);
        float signWidth = FlatPage.Measure(currency, face, signSize);
        float inside = (signInside ? signWidth + signSize * 0.4f : boxHeight * 0.15f) + boxHeight * 0.1f;
        float boxWidth = Math.Min(width * 0.5f, Math.Max(width * random.Uniform(0.17f, 0.25f), ink.Width * scale * random.Uniform(1.02f, 1.25f) + inside));
        scale = Math.Min(scale, (boxWidth - inside) / ink.Width);
        float boxRight = width - margin;
        var box = SKRect.Create(boxRight - boxWidth, payY + boxHeight * 0.2f - boxHeight, boxWidth, boxHeight);
        canvas.DrawLine(margin + payWidth + size * 0.4f, payY + 2, box.Left - size * 2.2f, payY + 2, rule);
        if (random.Chance(0.8)) page.Print(PageWords.Name(random), margin + payWidth + size * 1.5f, payY - 2, FlatPage.Face(random), size * random.Uniform(1f, 1.3f), FlatPage.PrintColour(random));
        using (SKPaint boxPen = FlatPage.Pen(print, random.Uniform(0.8f, 2f)))
        {
            if (random.Chance(0.8)) canvas.DrawRect(box, boxPen);
            else canvas.DrawLine(box.Left, box.Bottom, box.Right, box.Bottom, boxPen);
        }
        float signX = signInside ? box.Left + signSize * 0.2f : box.Left - signWidth - signSize * 0.25f;
        page.Print(currency, signX, box.MidY + signSize * 0.36f, face, signSize, print);

        // The handwritten amount, from the sign (or the box's left) on.
        float fieldLeft = signInside ? signX + signWidth + signSize * 0.2f : box.Left + boxHeight * 0.15f;
        float room = box.Right - fieldLeft - boxHeight * 0.1f;
        float inkWidth = ink.Width * scale, inkHeight = ink.Height * scale;
        float x = fieldLeft + random.Uniform(0, Math.Max(0, room - inkWidth));
        float inkTop = box.MidY - inkHeight / 2 + random.Uniform(-0.12f, 0.12f) * boxHeight;
        page.WriteField(ink, x, inkTop, scale, random.Uniform(-3, 3), FlatPage.PenColour(random));

        // Legal amount line.
        float legalY = payY + height * random.Uniform(0.12f, 0.16f);
        string unit = random.Pick(Units);
        float unitWidth = unit.Length == 0 ? 0 : FlatPage.Measure(unit, face, paySize);
        canvas.DrawLine(margin, legalY + 2, width - margin - unitWidth - size * 0.5f, legalY + 2, rule);
        if (unit.Length > 0) page.Print(unit, width - margin, legalY, face, paySize, print, SKTextAlign.Right);
        if (random.Chance(0.75))
            page.Print(PageWords.InWords(amount) + (random.Chance(0.5) ? " ----" : ""), margin + size, legalY - 2, FlatPage.Face(random), size * random.Uniform(0.95f, 1.2f), FlatPage.PrintColour(random));

        // Memo and signature lines, the signature a scribble.
        float lowY = height * random.Uniform(0.76f, 0.82f);
        float memoWidth = page.Print(random.Chance(0.5) ? "MEMO" : "For", margin, lowY, face, paySize, print);
        canvas.DrawLine(margin + memoWidth + size * 0.3f, lowY + 2, width * 0.45f, lowY + 2, rule);
        string memo = PageWords.Memo(random);
        if (memo.Length > 0) page.Print(memo, margin + memoWidth + size, lowY - 2, FlatPage.Face(random), size, FlatPage.PrintColour(random));
        float signatureLeft = width * random.Uniform(0.55f, 0.62f);
        canvas.DrawLine(signatureLeft, lowY + 2, width - margin, lowY + 2, rule);
        if (random.Chance(0.3)) page.Print("AUTHORIZED SIGNATURE", width - margin, lowY + size * 0.9f, face, size * 0.5f, print, SKTextAlign.Right);
        if (random.Chance(0.9))
            page.Scribble(random, SKRect.Create(signatureLeft + size, lowY - size * 2.2f, (width - margin - signatureLeft) * random.Uniform(0.5f, 0.9f), size * 2.4f), random.Next(3, 9), FlatPage.PenColour(random), random.Uniform(1.2f, 2.4f));

        Micr(page, random, margin, number);
        return page;
    }

    /// <summary>The MICR line: routing and account numbers and the cheque number, in printed digits between bar symbols.</summary>
    private static void Micr(FlatPage page, Random random, float margin, string number)
    {
        SKTypeface mono = Visualization.Typefaces.FromFile(random.Chance(0.5) ? "DejaVuSansMono-Bold.ttf" : "DejaVuSansMono.ttf") ?? FlatPage.Face(random);
        float size = page.Height * random.Uniform(0.045f, 0.06f);
        float baseline = page.Height - margin * random.Uniform(0.7f, 1.2f);
        float x = page.Width * random.Uniform(0.08f, 0.2f);
        SKColor ink = new(0x10, 0x10, 0x10);
        foreach (string part in (string[])[random.Digits(9), random.Digits(random.Next(8, 13)), number])
        {
            x += Symbol(page, x, baseline, size, ink) + size * 0.15f;
            x += page.Print(part, x, baseline, mono, size, ink) + size * 0.15f;
        }
        Symbol(page, x, baseline, size, ink);
    }

    /// <summary>A MICR transit-like symbol: a tall bar and two small squares; returns its width.</summary>
    private static float Symbol(FlatPage page, float x, float baseline, float size, SKColor ink)
    {
        using SKPaint fill = FlatPage.Fill(ink);
        float unit = size * 0.12f;
        page.Canvas.DrawRect(SKRect.Create(x, baseline - size * 0.7f, unit, size * 0.7f), fill);
        page.Canvas.DrawRect(SKRect.Create(x + unit * 2, baseline - size * 0.7f, unit * 1.6f, unit * 1.6f), fill);
        page.Canvas.DrawRect(SKRect.Create(x + unit * 2, baseline - unit * 1.6f, unit * 1.6f, unit * 1.6f), fill);
        return unit * 3.6f;
    }

    /// <summary>A faint security pattern of crossing waves over the paper.</summary>
    private static void Guilloche(FlatPage page, Random random)
    {
        var tint = new SKColor((byte)random.Next(120, 220), (byte)random.Next(120, 220), (byte)random.Next(120, 220), (byte)random.Next(25, 70));
        using SKPaint pen = FlatPage.Pen(tint, random.Uniform(0.6f, 1.2f));
        int lines = random.Next(8, 30);
        float wavelength = random.Uniform(40, 160), amplitude = random.Uniform(5, 30);
        for (int i = 0; i < lines; i++)
        {
            using var path = new SKPath();
            float y0 = page.Height * i / lines, phase = random.Uniform(0, 6.3f);
            path.MoveTo(0, y0);
            for (float x = 0; x <= page.Width; x += 4)
                path.LineTo(x, y0 + amplitude * MathF.Sin(phase + 2 * MathF.PI * x / wavelength));
            page.Canvas.DrawPath(path, pen);
        }
    }
}
