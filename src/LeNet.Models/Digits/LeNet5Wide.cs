namespace LeNet.Models;

/// <summary>
/// LeNet-5's shapes with wider maps (32 and 64 instead of 6 and 16) and a 256-unit layer, ReLU, max
/// pooling and softmax: about fifteen times the default model's work per sample, trained on elastic
/// distortions (Simard, Steinkraus and Platt, 2003), where the wider maps have more to learn from.
/// </summary>
[Network(Name = "lenet5-wide")]
[Input(1, 32, 32)]
[Convolution(32, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(64, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(256, Activation = Activation.ReLU, Label = "F5")]
[FullyConnected(10, Activation = Activation.Identity, Label = "F6")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Wide;
