using LeNet;
using LeNet.Checkpoints;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

// Train on MNIST (fetched once and cached; `dotnet run -- 5000` trains on the first 5,000 images only).
MnistSplit mnist = Mnist.Load(MnistDownloader.EnsureMnist());
LabelledImages train = args.Length > 0 ? mnist.Train.Take(int.Parse(args[0])) : mnist.Train;
var trainer = new Trainer(new SmallNet(), Recipes.Modern with { Epochs = 2 });
TrainingResult result = trainer.Train(train, mnist.Test);
Checkpoint.Save("smallnet.ckpt", SmallNet.Description, trainer.BestParameters);

// Load it back and predict the first test image.
float[] parameters = Checkpoint.Load("smallnet.ckpt", SmallNet.Description);
ForwardTrace prediction = Evaluator.Trace(new SmallNet(), parameters, mnist.Test.Image(0), mnist.Test.Rows, mnist.Test.Columns);
double accuracy = result.Best?.TestAccuracy ?? 0;
Console.WriteLine($"{SmallNet.ParameterCount:N0} parameters, trained on {train.Count:N0} images: test accuracy {accuracy:P2}.");
Console.WriteLine($"Test image 0 is a {mnist.Test.Labels[0]}; the reloaded network says {prediction.Label} ({prediction.Probabilities[prediction.Label]:P1}).");
return accuracy > 0.9 ? 0 : 1;

/// <summary>28x28 -> conv 8@3x3 ReLU -> 2x2 max -> conv 16@4x4 ReLU -> 2x2 max -> 64 ReLU -> 10 -> softmax.</summary>
[Network(Name = "smallnet")]
[Input(1, 28, 28)]
[Convolution(8, 3, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[Convolution(16, 4, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[FullyConnected(64, Activation = Activation.ReLU)]
[FullyConnected(10, Activation = Activation.Identity)]
[Softmax]
public partial class SmallNet;
