using LeNet.Cli.Visualization;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Visualization;

public sealed class ActivationSheetTests(ITestOutputHelper output)
{
    [Fact]
    public void Fonts_are_found_so_labels_show()
    {
        Assert.True(Typefaces.CanDrawText, $"No font with glyphs was found: run `{Typefaces.InstallHint}` or set {Typefaces.FolderVariable}.");
        using var font = new SKFont(Typefaces.Regular, 20f);
        Assert.True(font.MeasureText("C1 convolution") > 50f);
    }

    [Fact]
    public void Lenet5_sheet_has_the_sheet_width_and_is_not_blank()
    {
        var (network, parameters) = TestSupport.Lenet5(seed: 7);
        ForwardPass pass = TestSupport.Run(network, parameters, TestSupport.SyntheticDigit(3));

        byte[] png = ActivationSheet.Render(pass.Description, pass.Input, pass.Activations, pass.Probabilities, pass.Predicted,
            "Digit 3 through lenet5 (random weights)", pass.Parameters);

        string path = Path.Combine(TestSupport.OutputFolder, "activation-sheet.png");
        File.WriteAllBytes(path, png);
        output.WriteLine($"sheet: {path}");
        using SKBitmap bitmap = TestSupport.DecodePng(png);
        Assert.Equal(ActivationSheet.Width, bitmap.Width);
        Assert.InRange(bitmap.Height, 600, 2000);
        Assert.True(TestSupport.DistinctColours(bitmap) > 200, "the sheet looks blank");
    }

    [Fact]
    public void Mismatched_buffers_are_refused_with_the_sizes()
    {
        var (network, parameters) = TestSupport.Lenet5();
        ForwardPass pass = TestSupport.Run(network, parameters, TestSupport.SyntheticDigit(1));
        var error = Assert.Throws<ArgumentException>(() =>
            ActivationSheet.Render(pass.Description, pass.Input, pass.Activations.AsSpan(1), pass.Probabilities, pass.Predicted, "x"));
        Assert.Contains($"{pass.Description.ActivationCount} activations", error.Message);
        Assert.Throws<ArgumentException>(() =>
            ActivationSheet.Render(pass.Description, pass.Input, pass.Activations, pass.Probabilities, 10, "x"));
    }
}
