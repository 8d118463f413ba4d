using System.CommandLine;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Export;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet export CHECKPOINT [MODEL.onnx]</c>: the trained network as an ONNX model (<see cref="OnnxExport"/>).</summary>
internal static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = CheckpointArgument.Create();
        var output = new Argument<string?>("output")
        {
            Description = "The ONNX file to write, atomically (default: the checkpoint's name with .onnx, beside the checkpoint).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("export",
            "Write a checkpoint as an ONNX model (opset 13, dynamic batch axis). Its input is the 28x28 picture as bytes (uint8, 0 background, 255 full ink, "
            + "prepared as the training data was); the model scales and pads it to the network's input field itself. Its output is the last layer's outputs.")
        {
            checkpoint, output,
        };
        command.SetAction(result =>
        {
            LoadedModel model = LoadedModel.From(result.GetValue(checkpoint)!);
            string path = result.GetValue(output) ?? Path.ChangeExtension(model.Checkpoint.Path, ".onnx");
            NetworkDescription network = model.Entry.Description;
            try
            {
                OnnxExport.Save(path, network, model.Parameters, model.ClassNames);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new UserError($"{path}: could not be written ({error.Message}).");
            }
            Console.WriteLine($"{path}: {network.Name} (signature {network.Signature}), ONNX opset {OnnxExport.Opset}, "
                + $"input '{OnnxExport.InputName}' uint8 [batch, 1, {Mnist.Rows}, {Mnist.Columns}] (0 background, 255 full ink), "
                + $"output '{OnnxExport.OutputName}' [batch, {network.Output.Size}] ({Describe(network.OutputKind)})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(LayerKind output) => output switch
    {
        LayerKind.Softmax => "probabilities",
        LayerKind.RadialBasis => "squared distances to the class centres, smallest wins",
        _ => "the last layer's outputs",
    };
}
