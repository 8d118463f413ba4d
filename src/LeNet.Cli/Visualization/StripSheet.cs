using LeNet.Data;
using LeNet.Files;
using LeNet.Strings;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The paper's Figure 25 for one strip: the space-displacement network's answers along the strip, the
/// probabilities of every answer at every position, the strip itself with the windows of the characters
/// read, and the decoded string; under it, the recognition graph read under the character model: the
/// best path (its answer at each position, each character's run) and the posterior of every answer at every
/// position over all the paths, the best path drawn across them. Everything is drawn on the strip's own
/// column axis, so the answer of a position sits straight above the centre of the window it read.
/// </summary>
internal static class StripSheet
{
    private const float Margin = 20f, LabelColumn = 44f, TitleSize = 20f, SubtitleSize = 13f, CaptionSize = 13f;
    private const float AnswerSize = 20f, AnswerRow = 30f, HeatRow = 13f, ReadSize = 44f, BlockGap = 16f, MarkSize = 16f, BracketStagger = 7f;
    private const float RunBar = 5f, PathWidth = 2.5f, PathDot = 3.5f, LegendWidth = 160f, LegendHeight = 10f;
    private const int Scale = 7, MaximumHeight = 4000;
    private const string NoDigitMark = "·";

    /// <summary>
    /// What the sheet draws of a reading, with or without a grammar: the network's scores, the strip, the best
    /// path's answer at each position, the characters read and the text.
    /// </summary>
    /// <param name="Scores">The network's log-probabilities at every position, "none" the last answer.</param>
    /// <param name="Strip">The strip read (<see cref="StripGeometry.Height"/> x width bytes).</param>
    /// <param name="Path">The best path's answer at each position.</param>
    /// <param name="Characters">The characters read, left to right: each its symbol, its run of positions and its strip column.</param>
    /// <param name="Text">The string read.</param>
    /// <param name="Confidence">The reading's confidence.</param>
    public sealed record Reading(PositionScores Scores, byte[] Strip, int[] Path, IReadOnlyList<(char Symbol, int First, int Last, float X)> Characters, string Text, double Confidence)
    {
        /// <summary>A reading of digits under the character model.</summary>
        public static Reading Of(StringReading reading) =>
            new(reading.Scores, reading.Strip, reading.Decoded.Path, [.. reading.Digits.Select(d => ((char)('0' + d.Digit), d.FirstPosition, d.LastPosition, d.X))], reading.Text, reading.Confidence);

        /// <summary>A reading under a grammar.</summary>
        public static Reading Of(GrammarReading reading) =>
            new(reading.Scores, reading.Strip, reading.Decoded.Path, [.. reading.Characters.Select(c => (c.Symbol, c.FirstPosition, c.LastPosition, c.X))], reading.Text, reading.Confidence);
    }

    /// <summary>Renders the sheet as PNG bytes.</summary>
    /// <param name="reading">What the reader read on the strip.</param>
    /// <param name="posteriors">The posterior of every answer at every position under the character model the strip was read with (<see cref="StringDecoder.Posteriors"/>).</param>
    /// <param name="title">The sheet's title line.</param>
    /// <param name="truth">The true string, when known: the read string is then marked right or wrong.</param>
    /// <exception cref="ArgumentException">The posteriors are not the reading's positions and answers.</exception>
    public static byte[] Render(Reading reading, PositionScores posteriors, string title, string? truth = null)
    {
        if (posteriors.Positions != reading.Scores.Positions || posteriors.Answers != reading.Scores.Answers)
            throw new ArgumentException($"Posteriors of {posteriors.Positions} positions x {posteriors.Answers} answers do not fit a reading of {reading.Scores.Positions} x {reading.Scores.Answers}.", nameof(posteriors));
        int stripWidth = reading.Strip.Length / StripGeometry.Height;
        int width = (int)(2 * Margin + LabelColumn + stripWidth * Scale);
        return Painter.RenderPng(width, MaximumHeight, painter =>
        {
            float left = Margin + LabelColumn;
            float y = Margin + TitleSize;
            painter.Text(title, Margin, y, TitleSize, Palette.Ink, bold: true);
            y += SubtitleSize + 8f;
            painter.Text($"the field network replicated every {StripGeometry.Step} columns: {reading.Scores.Positions} positions, each reading the " +
                         $"{StripGeometry.Field} columns around its centre;", Margin, y, SubtitleSize, Palette.Muted);
            y += SubtitleSize + 4f;
            painter.Text("the string read is the best path through their answers under a character model", Margin, y, SubtitleSize, Palette.Muted);
            y += BlockGap;
            y = DrawRead(painter, reading, truth, y);
            y = DrawAnswers(painter, reading, left, y);
            y = DrawHeatMap(painter, reading.Scores, "PROBABILITIES (the network's, position by position; rows: its answers, none last; columns: positions)", left, y, path: null);
            y = DrawStrip(painter, reading, stripWidth, left, y);
            y = DrawPath(painter, reading, left, y + BlockGap);
            y = DrawHeatMap(painter, posteriors, "POSTERIORS (each answer's probability summed over every path of the graph; the best path in orange)", left, y, reading.Path);
            return DrawLegend(painter, left, y);
        });
    }

    /// <summary>Renders the sheet and writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, Reading reading, PositionScores posteriors, string title, string? truth = null) =>
        AtomicFile.WriteAllBytes(path, Render(reading, posteriors, title, truth));

    /// <summary>How answer <paramref name="answer"/> of <paramref name="answers"/> is written: a digit, ',' or '.', and "none" (the last) as a dot.</summary>
    private static string Mark(int answer, int answers) => answer == answers - 1 ? NoDigitMark : AmountText.Text([answer]);

    /// <summary>The strip column the centre of position <paramref name="position"/> falls on, in sheet pixels.</summary>
    private static float CentreX(float left, float position) => left + StripGeometry.Centre(position) * Scale;

    private static float DrawRead(Painter painter, Reading reading, string? truth, float y)
    {
        y += ReadSize;
        string text = reading.Text.Length == 0 ? "(no digits)" : reading.Text;
        SKColor colour = truth is null ? Palette.Accent : truth == reading.Text ? Palette.Correct : Palette.Wrong;
        float advance = painter.Text(text, Margin, y, ReadSize, colour, bold: true);
        string verdict = truth is null ? "" : truth == reading.Text ? " · right" : $" · wrong, the strip says {truth}";
        painter.Text($"confidence {reading.Confidence:0.000}{verdict}", Margin + advance + 16f, y, CaptionSize, Palette.Muted);
        return y + BlockGap;
    }

    /// <summary>The best answer of every position, above its window's centre: characters in ink, "none" as a dot, the decoded runs in the accent colour.</summary>
    private static float DrawAnswers(Painter painter, Reading reading, float left, float y)
    {
        painter.Text("ANSWERS ALONG THE STRIP (best answer per position; the runs of the characters read in blue)", left, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        y += CaptionSize + 8f + AnswerSize;
        var decoded = new bool[reading.Scores.Positions];
        foreach ((_, int first, int last, _) in reading.Characters)
            for (int p = first; p <= last; p++) decoded[p] = true;
        for (int p = 0; p < reading.Scores.Positions; p++)
        {
            int best = reading.Scores.Best(p);
            float probability = MathF.Exp(reading.Scores[p, best]);
            string mark = Mark(best, reading.Scores.Answers);
            SKColor colour = (decoded[p] ? Palette.Accent : Palette.Ink).WithAlpha((byte)(64 + 191 * probability));
            painter.Text(mark, CentreX(left, p), y, AnswerSize, colour, bold: decoded[p], align: SKTextAlign.Center);
        }
        return y + AnswerRow - AnswerSize;
    }

    /// <summary>
    /// A probability for every answer at every position: one row per answer, one column per position, white = 0 to
    /// blue = 1; <paramref name="path"/>, when given, drawn across it through its answer at each position.
    /// </summary>
    private static float DrawHeatMap(Painter painter, PositionScores table, string caption, float left, float y, int[]? path)
    {
        painter.Text(caption, left, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        y += CaptionSize + 8f;
        float half = StripGeometry.Step * Scale / 2f;
        for (int answer = 0; answer < table.Answers; answer++)
        {
            float rowTop = y + answer * HeatRow;
            string label = answer == table.Answers - 1 ? "none" : Mark(answer, table.Answers) switch { "," => "comma", "." => "point", string digit => digit };
            painter.Text(label, left - 6f, rowTop + HeatRow - 2f, HeatRow - 2f, Palette.Muted, align: SKTextAlign.Right);
            for (int p = 0; p < table.Positions; p++)
            {
                float probability = MathF.Exp(table[p, answer]);
                var cell = new SKRect(CentreX(left, p) - half, rowTop, CentreX(left, p) + half - 1f, rowTop + HeatRow - 1f);
                painter.Fill(cell, Palette.Accent.WithAlpha((byte)(255 * Math.Clamp(probability, 0f, 1f))));
            }
        }
        float bottom = y + table.Answers * HeatRow;
        painter.FrameRect(new SKRect(CentreX(left, 0) - half, y, CentreX(left, table.Positions - 1) + half, bottom));
        if (path is not null)
        {
            float RowMiddle(int answer) => y + answer * HeatRow + (HeatRow - 1f) / 2f;
            for (int p = 1; p < path.Length; p++)
                painter.Line(CentreX(left, p - 1), RowMiddle(path[p - 1]), CentreX(left, p), RowMiddle(path[p]), Palette.Tolerance, PathWidth);
            for (int p = 0; p < path.Length; p++)
                painter.Fill(new SKRect(CentreX(left, p) - PathDot, RowMiddle(path[p]) - PathDot, CentreX(left, p) + PathDot, RowMiddle(path[p]) + PathDot), Palette.Tolerance);
        }
        return bottom + BlockGap;
    }

    /// <summary>
    /// The best path through the graph: its answer at each position (characters in the accent colour, "none" as a
    /// dot), and under them a bar over each character's run of positions, so a digit answered twice reads once and
    /// two equal digits side by side read as two bars.
    /// </summary>
    private static float DrawPath(Painter painter, Reading reading, float left, float y)
    {
        painter.Text("BEST PATH THROUGH THE GRAPH (its answer at each position; a bar under each character's run)", left, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        y += CaptionSize + 8f + AnswerSize;
        int[] path = reading.Path;
        for (int p = 0; p < path.Length; p++)
        {
            bool none = path[p] == reading.Scores.Answers - 1;
            painter.Text(Mark(path[p], reading.Scores.Answers), CentreX(left, p), y, AnswerSize, none ? Palette.Muted : Palette.Accent, bold: !none, align: SKTextAlign.Center);
        }
        float half = StripGeometry.Step * Scale / 2f, barTop = y + 6f;
        foreach ((_, int first, int last, _) in reading.Characters)
            painter.Fill(new SKRect(CentreX(left, first) - half + 3f, barTop, CentreX(left, last) + half - 3f, barTop + RunBar), Palette.Accent);
        return barTop + RunBar + BlockGap;
    }

    /// <summary>The key to both heat maps and to the path drawn across the posteriors.</summary>
    private static float DrawLegend(Painter painter, float left, float y)
    {
        var bar = new SKRect(left + 16f, y, left + 16f + LegendWidth, y + LegendHeight);
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(bar.Left, 0), new SKPoint(bar.Right, 0), [Palette.Background, Palette.Accent], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
            painter.Canvas.DrawRect(bar, paint);
        painter.FrameRect(bar);
        float baseline = bar.MidY + CaptionSize * 0.36f;
        painter.Text("0", bar.Left - 4f, baseline, CaptionSize, Palette.Muted, align: SKTextAlign.Right);
        float after = bar.Right + 4f + painter.Text("1", bar.Right + 4f, baseline, CaptionSize, Palette.Muted);
        after += painter.Text("  probability, in both maps", after, baseline, CaptionSize, Palette.Muted) + 24f;
        painter.Line(after, bar.MidY, after + 28f, bar.MidY, Palette.Tolerance, PathWidth);
        painter.Fill(new SKRect(after + 14f - PathDot, bar.MidY - PathDot, after + 14f + PathDot, bar.MidY + PathDot), Palette.Tolerance);
        painter.Text("the best (Viterbi) path: the reading", after + 36f, baseline, CaptionSize, Palette.Muted);
        return bar.Bottom + Margin;
    }

    /// <summary>The strip, white ink on black, each character read marked by its field's window and its answer above it.</summary>
    private static float DrawStrip(Painter painter, Reading reading, int stripWidth, float left, float y)
    {
        painter.Text("INPUT STRIP (over each character read, the window of the middle of its run; under it, its centre)", left, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        y += CaptionSize + 12f + MarkSize + 4f + BracketStagger;
        var pixels = new float[reading.Strip.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = reading.Strip[i];
        var target = new SKRect(left, y, left + stripWidth * Scale, y + StripGeometry.Height * Scale);
        painter.Map(pixels, StripGeometry.Height, stripWidth, target, new ValueRange(0, 255));
        for (int i = 0; i < reading.Characters.Count; i++)
        {
            // Neighbouring windows overlap: every other bracket is drawn a little higher.
            (char symbol, _, _, float x) = reading.Characters[i];
            float centre = left + x * Scale, half = StripGeometry.Field * Scale / 2f, bracket = target.Top - 3f - (i % 2) * BracketStagger;
            painter.Line(centre - half + 2f, bracket, centre + half - 2f, bracket, Palette.Accent, 1.5f);
            painter.Line(centre - half + 2f, bracket, centre - half + 2f, bracket + 6f, Palette.Accent, 1.5f);
            painter.Line(centre + half - 2f, bracket, centre + half - 2f, bracket + 6f, Palette.Accent, 1.5f);
            painter.Line(centre, target.Bottom, centre, target.Bottom + 8f, Palette.Accent, 2f);
            painter.Text($"{symbol}", centre, bracket - 4f, MarkSize, Palette.Accent, bold: true, align: SKTextAlign.Center);
        }
        return target.Bottom + 8f;
    }
}
