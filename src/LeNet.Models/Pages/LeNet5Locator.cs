namespace LeNet.Models;

/// <summary>
/// The field of the page reader's detector (<see cref="LeNet.Pages.PageReader"/>): a small LeNet-5 that
/// says, for a 32x32 window of a page scaled so that handwritten digits are at MNIST size, whether a
/// handwritten character is centred in it (<see cref="LeNet.Pages.LocatorAnswers.Handwriting"/>), other
/// ink is (print, rules, stamps, clutter: <see cref="LeNet.Pages.LocatorAnswers.OtherInk"/>) or nothing
/// is (<see cref="LeNet.Pages.LocatorAnswers.Background"/>). Replicated over a page
/// (<see cref="LeNet5LocatorTile"/>), it is the paper's space-displacement network in two dimensions
/// (section VII.D: "address blocks on envelopes").
/// </summary>
[Network(Name = "lenet5-locator")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(12, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(32, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(3, Activation = Activation.Identity, Label = "F6")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Locator;

/// <summary>
/// <see cref="LeNet5Locator"/> replicated over a 128x256 tile of a page: 25 rows of 57 positions, 4 pixels
/// apart each way, the field's parameters. <see cref="LeNet.Pages.PlaneScorer"/> runs it tile by tile.
/// </summary>
[Replicate(typeof(LeNet5Locator), Width = 256, Height = 128)]
public partial class LeNet5LocatorTile;
