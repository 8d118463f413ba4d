using System.Text.Json;

namespace LeNet.Cli.Web;

/// <summary>
/// Reads the body of <c>POST /api/predict</c>, <c>{"width": W, "height": H, "pixels": [W*H numbers in 0..1]}</c>,
/// checking everything, so a bad request gets a message saying what is wrong rather than an exception.
/// </summary>
internal static class PredictRequest
{
    /// <summary>Largest accepted width or height.</summary>
    public const int LargestSide = 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    /// <summary>Parses <paramref name="json"/> into an ink image, or says why it cannot.</summary>
    /// <returns>The image and null, or null and an error message.</returns>
    public static (GreyImage? Image, string? Error) Parse(ReadOnlyMemory<byte> json)
    {
        (GreyImage? image, _, string? error) = Parse(json, countName: null, largestCount: 0);
        return (image, error);
    }

    /// <summary>
    /// Parses <paramref name="json"/> into an ink image and the optional whole number <paramref name="countName"/>
    /// (e.g. <c>"digits": 5</c>; null when absent or null, else within 1..<paramref name="largestCount"/>), or says why it cannot.
    /// </summary>
    /// <returns>The image, the count and null, or nulls and an error message.</returns>
    public static (GreyImage? Image, int? Count, string? Error) Parse(ReadOnlyMemory<byte> json, string? countName, int largestCount)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
            return (null, null, "The body is not valid UTF-8 text.");
        JsonDocument document;
        try { document = JsonDocument.Parse(json, Options); }
        catch (JsonException e) { return (null, null, $"The body is not valid JSON: {e.Message}"); }
        try
        {
            (GreyImage? image, string? error) = Read(document);
            if (error is not null || countName is null) return (image, null, error);
            (int? count, string? countError) = OptionalCount(document.RootElement, countName, largestCount);
            return countError is null ? (image, count, null) : (null, null, countError);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, null, $"The body could not be read: {e.Message}");
        }
        finally
        {
            document.Dispose();
        }
    }

    private static (int? Value, string? Error) OptionalCount(JsonElement root, string name, int largest)
    {
        if (!root.TryGetProperty(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
            return (null, null);
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value))
            return (null, $"\"{name}\" must be a whole number, not {element.GetRawText()}.");
        if (value < 1 || value > largest)
            return (null, $"\"{name}\" = {value} is outside 1..{largest}.");
        return (value, null);
    }

    private static (GreyImage? Image, string? Error) Read(JsonDocument document)
    {
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return (null, $"The body must be a JSON object {{width, height, pixels}}, not {Describe(root)}.");
        var (width, widthError) = Side(root, "width");
        if (widthError is not null) return (null, widthError);
        var (height, heightError) = Side(root, "height");
        if (heightError is not null) return (null, heightError);
        if (!root.TryGetProperty("pixels", out JsonElement pixels) || pixels.ValueKind != JsonValueKind.Array)
            return (null, "\"pixels\" must be an array of numbers.");
        int count = pixels.GetArrayLength();
        if (count != width * height)
            return (null, $"\"pixels\" holds {count} values, but {width}x{height} needs {width * height}.");

        var values = new float[count];
        int i = 0;
        foreach (JsonElement pixel in pixels.EnumerateArray())
        {
            if (pixel.ValueKind != JsonValueKind.Number)
                return (null, $"pixels[{i}] is {Describe(pixel)}, not a number.");
            if (!pixel.TryGetDouble(out double v) || !double.IsFinite(v) || v < 0 || v > 1)
                return (null, $"pixels[{i}] = {pixel.GetRawText()} is outside 0..1.");
            values[i++] = (float)v;
        }
        return (new GreyImage(width, height, values), null);
    }

    private static (int Value, string? Error) Side(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement element))
            return (0, $"\"{name}\" is missing.");
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value))
            return (0, $"\"{name}\" must be a whole number, not {element.GetRawText()}.");
        if (value is < 1 or > LargestSide)
            return (0, $"\"{name}\" = {value} is outside 1..{LargestSide}.");
        return (value, null);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
