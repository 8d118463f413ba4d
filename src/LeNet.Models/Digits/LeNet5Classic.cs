namespace LeNet.Models;

/// <summary>
/// The "classic" LeNet-5 that PyTorch and TorchSharp benchmarks use: tanh, 2x2 average pooling,
/// full C3, 120-84-10 fully connected layers and a softmax; 61,706 parameters, 416,520
/// multiply-adds per forward pass. The speed comparisons are made on this one.
/// </summary>
[Network(Name = "lenet5-classic")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
[FullyConnected(120, Activation = Activation.Tanh, Label = "C5")]
[FullyConnected(84, Activation = Activation.Tanh, Label = "F6")]
[FullyConnected(10, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Classic;
