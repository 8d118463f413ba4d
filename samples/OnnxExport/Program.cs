using LeNet.Data;
using LeNet.Export;
using LeNet.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

// The pretrained LeNet-5 shipped in the package, written as an ONNX model.
float[] parameters = PretrainedModels.Find("lenet5").Read().ParametersFor(LeNet5Modern.Description);
OnnxExport.Save("lenet5.onnx", LeNet5Modern.Description, parameters);

// The model takes MNIST's pictures as they are stored: bytes [batch, 1, 28, 28], 0 background, 255 ink.
// It pads and scales them to the network's 32x32 input itself; its metadata says so.
using var session = new InferenceSession("lenet5.onnx");
Console.WriteLine(session.ModelMetadata.CustomMetadataMap[OnnxExport.InputEncodingKey]);

LabelledImages test = Mnist.Load(MnistDownloader.EnsureMnist()).Test;
int side = test.Rows * test.Columns, correct = 0;
var pixels = new byte[test.Count * side];
for (int i = 0; i < test.Count; i++) test.Image(i).CopyTo(pixels.AsSpan(i * side, side));
var input = new DenseTensor<byte>(pixels, [test.Count, 1, test.Rows, test.Columns]);
using (var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, input)]))
{
    Tensor<float> probabilities = results.Single().AsTensor<float>();
    for (int i = 0; i < test.Count; i++)
    {
        int best = 0;
        for (int c = 1; c < 10; c++) if (probabilities[i, c] > probabilities[i, best]) best = c;
        if (best == test.Labels[i]) correct++;
    }
}
double accuracy = (double)correct / test.Count;
Console.WriteLine($"ONNX Runtime on lenet5.onnx: {correct:N0} of {test.Count:N0} MNIST test digits right ({accuracy:P2}).");
return accuracy > 0.99 ? 0 : 1;
