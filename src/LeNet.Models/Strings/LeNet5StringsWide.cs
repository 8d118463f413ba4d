namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5Strings"/> with twice its maps: the string reader's 32x32 field with 12 and 24 feature maps
/// and 128 units in C5, the same eleven answers (digits and "no digit here"). The smaller field misreads many
/// of the digits the default LeNet-5 misreads alone; this one has the capacity to read more of them, at about
/// twice the cost per strip. Trained on the same windows (<see cref="Recipes.Strings"/>), then through the
/// reader's graph (<c>lenet train --global</c>).
/// </summary>
[Network(Name = "lenet5-strings-wide")]
[Input(1, 32, 32)]
[Convolution(12, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(24, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(128, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
[FullyConnected(11, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5StringsWide;
