using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Models;
using SkiaSharp;

namespace LeNet.Cli.Tests;

/// <summary>A network, its parameters and one forward pass, for the picture and web tests.</summary>
internal sealed record ForwardPass(NetworkDescription Description, float[] Parameters, float[] Input, float[] Activations, float[] Probabilities, int Predicted);

/// <summary>Shared helpers: seeded networks, synthetic digits, an output folder for pictures.</summary>
internal static class TestSupport
{
    public const int DigitSide = 28;

    /// <summary>Where tests leave pictures for a human to look at.</summary>
    public static string OutputFolder
    {
        get
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "test-pictures");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>The catalogue's lenet5 on the generic engine with seeded parameters, uniform ±2.4/sqrt(fan-in) per layer (the paper's rule).</summary>
    public static (INetwork Network, float[] Parameters) Lenet5(int seed = 1)
    {
        INetwork network = ModelCatalog.Find("lenet5").CreateGeneric();
        return (network, RandomParameters(network.Description, seed));
    }

    public static float[] RandomParameters(NetworkDescription description, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[description.ParameterCount];
        foreach (LayerInfo layer in description.Layers)
        {
            int fanIn = layer.Kind == LayerKind.Convolution
                ? layer.Declaration.Kernel * layer.Declaration.Kernel * Math.Max(1, LayerInfo.ConnectedPairs(layer) / layer.Output.Channels)
                : layer.Input.Size;
            float limit = 2.4f / MathF.Sqrt(fanIn);
            for (int i = 0; i < layer.ParameterCount; i++)
                parameters[layer.ParameterOffset + i] = (float)(random.NextDouble() * 2 - 1) * limit;
        }
        return parameters;
    }

    /// <summary>Runs <paramref name="digit"/> (28x28 bytes, ink = 255) through the network.</summary>
    public static ForwardPass Run(INetwork network, float[] parameters, byte[] digit)
    {
        NetworkDescription description = network.Description;
        var input = new float[description.Input.Size];
        new InputEncoder(description.Input, DigitSide, DigitSide).Encode(digit, input);
        var activations = new float[description.ActivationCount];
        network.Forward(parameters, input, activations);
        float[] probabilities = activations.AsSpan(description.OutputOffset, description.Output.Size).ToArray();
        int predicted = Array.IndexOf(probabilities, probabilities.Max());
        return new ForwardPass(description, parameters, input, activations, probabilities, predicted);
    }

    /// <summary>A 28x28 MNIST-like digit (white on black) drawn with the sheet's bold font, optionally shifted.</summary>
    public static byte[] SyntheticDigit(int digit, int shiftX = 0, int shiftY = 0)
    {
        const float textSize = 24f;
        var info = new SKImageInfo(DigitSide, DigitSide, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var font = new SKFont(Typefaces.Bold, textSize);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText(digit.ToString(), DigitSide / 2f + shiftX, DigitSide / 2f + textSize * 0.36f + shiftY, SKTextAlign.Center, font, paint);
        }
        return bitmap.GetPixelSpan().ToArray();
    }

    /// <summary>Decodes PNG bytes, failing the test when they are not a PNG.</summary>
    public static SKBitmap DecodePng(byte[] png)
    {
        SKBitmap? bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return bitmap;
    }

    /// <summary>Number of distinct colours, a cheap "is it blank" measure.</summary>
    public static int DistinctColours(SKBitmap bitmap) => bitmap.Pixels.Distinct().Count();
}
