namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5Strings"/> for handwritten amounts: the 32x32 field with thirteen answers, the amount
/// grammar's characters (<see cref="LeNet.Strings.Languages"/>: digits 0-9, ',' = 10, '.' = 11) and 12,
/// "no character here". Trained on windows cut from synthetic amount strips (<see cref="LeNet.Data.AmountStrips"/>).
/// </summary>
[Network(Name = "lenet5-amounts")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(16, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(120, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
[FullyConnected(13, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Amounts;
