using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>The colours every picture shares, so the sheet, the sweep and the report look like one family.</summary>
internal static class Palette
{
    /// <summary>Page background.</summary>
    public static readonly SKColor Background = new(0xFA, 0xFA, 0xF7);
    /// <summary>Main text.</summary>
    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    /// <summary>Secondary text: shapes, notes, tick labels.</summary>
    public static readonly SKColor Muted = new(0x70, 0x70, 0x70);
    /// <summary>Frames around tiles, axes.</summary>
    public static readonly SKColor Frame = new(0xB0, 0xB0, 0xB0);
    /// <summary>Light grid lines.</summary>
    public static readonly SKColor Grid = new(0xE4, 0xE4, 0xE0);
    /// <summary>The predicted class and data lines.</summary>
    public static readonly SKColor Accent = new(0x15, 0x65, 0xC0);
    /// <summary>Bars of the classes not predicted.</summary>
    public static readonly SKColor Bar = new(0xB8, 0xC4, 0xD0);
    /// <summary>A correct answer.</summary>
    public static readonly SKColor Correct = new(0x2E, 0x7D, 0x32);
    /// <summary>A wrong answer.</summary>
    public static readonly SKColor Wrong = new(0xC6, 0x28, 0x28);
    /// <summary>The paper's stated tolerance band.</summary>
    public static readonly SKColor Tolerance = new(0xFF, 0xB3, 0x00);
}
