namespace LeNet.Export;

/// <summary><see cref="OnnxExport"/> for a <see cref="Model{TNet}"/>.</summary>
public static class ModelOnnxExtensions
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX model to <paramref name="path"/>, atomically, its class names
    /// in the metadata (<see cref="OnnxExport.ClassNamesKey"/>). The ONNX model takes the 28x28 picture as
    /// bytes and encodes it itself (<see cref="OnnxExport"/>); the picture is prepared before it as for the
    /// model's own engine.
    /// </summary>
    /// <exception cref="ArgumentException">The network has no ONNX form here (a replicated network, or not one input map of at least 28x28).</exception>
    /// <exception cref="IOException">The file could not be written; any previous file there is unchanged.</exception>
    public static void ExportOnnx<TNet>(this Model<TNet> model, string path) where TNet : INetwork, new()
    {
        ArgumentNullException.ThrowIfNull(model);
        OnnxExport.Save(path, model.Description, model.Parameters.Span, model.ClassNames);
    }
}
