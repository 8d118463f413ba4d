using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The fonts the pictures are labelled with. The Linux Skia build used here has no fontconfig, so
/// <see cref="SKTypeface.Default"/> there is an empty face that draws nothing; DejaVu Sans is loaded
/// from its file instead (Debian: <c>apt-get install -y fonts-dejavu-core</c>), or a folder named by
/// the <c>LENET_FONT_DIR</c> environment variable, and the platform's font manager elsewhere.
/// </summary>
internal static class Typefaces
{
    /// <summary>Environment variable naming a folder that holds DejaVuSans.ttf and DejaVuSans-Bold.ttf.</summary>
    public const string FolderVariable = "LENET_FONT_DIR";

    /// <summary>What to install when no font is found.</summary>
    public const string InstallHint = "apt-get install -y fonts-dejavu-core";

    private const string RegularFile = "DejaVuSans.ttf", BoldFile = "DejaVuSans-Bold.ttf";

    private static readonly string[] Folders =
    [
        "/usr/share/fonts/truetype/dejavu", // Debian, Ubuntu
        "/usr/share/fonts/dejavu",          // Fedora
        "/usr/share/fonts/TTF",             // Arch
        "/usr/local/share/fonts",
    ];

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load(RegularFile, SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load(BoldFile, SKFontStyle.Bold));

    /// <summary>The regular sans-serif face.</summary>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>The bold sans-serif face.</summary>
    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>True when <see cref="Regular"/> has glyphs, i.e. labels will actually show.</summary>
    public static bool CanDrawText => Regular.GlyphCount > 0;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SKTypeface?> Files = new(StringComparer.Ordinal);

    /// <summary>The face in font file <paramref name="file"/> (e.g. DejaVuSerif-Italic.ttf) of the font folders, or null when no folder has it.</summary>
    public static SKTypeface? FromFile(string file) => Files.GetOrAdd(file, name => Find(name));

    private static SKTypeface Load(string file, SKFontStyle style)
    {
        if (Find(file) is { } face) return face;
        // Windows and macOS builds of Skia have a real font manager.
        if (SKFontManager.Default.MatchFamily("DejaVu Sans", style) is { GlyphCount: > 0 } dejaVu) return dejaVu;
        if (SKFontManager.Default.MatchFamily(null, style) is { GlyphCount: > 0 } any) return any;
        return SKTypeface.Default;
    }

    private static SKTypeface? Find(string file)
    {
        IEnumerable<string> folders = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } custom
            ? Folders.Prepend(custom)
            : Folders;
        foreach (string folder in folders)
        {
            string path = Path.Combine(folder, file);
            if (File.Exists(path) && SKTypeface.FromFile(path) is { GlyphCount: > 0 } face)
                return face;
        }
        return null;
    }
}
