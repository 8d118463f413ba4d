namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5Amounts"/> with twice its maps, as <see cref="LeNet5StringsWide"/> is <see cref="LeNet5Strings"/>
/// with twice its: the amounts reader's 32x32 field with 12 and 24 feature maps and 128 units in C5, the same thirteen
/// answers (digits 0-9, ',' = 10, '.' = 11, 12 "no character here"). Trained on the amount windows, each distorted
/// afresh every pass (<see cref="Recipes.AmountsWide"/>), then through the reader's graph (<c>lenet train --global</c>).
/// </summary>
[Network(Name = "lenet5-amounts-wide")]
[Input(1, 32, 32)]
[Convolution(12, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(24, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(128, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
[FullyConnected(13, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5AmountsWide;
