namespace LeNet.Models;

/// <summary>
/// The field of the page reader's verifier (<see cref="LeNet.Pages.FieldVerifier"/>): a LeNet-5 that says, for a
/// 32x32 window of a candidate line prepared as a string reader's strip (its ink at MNIST size), whether the ink
/// centred in it is the handwritten field (<see cref="LeNet.Pages.VerifierAnswers.Field"/>) or anything else the
/// detector takes for handwriting: print, MICR digits, a stamp, a signature (<see cref="LeNet.Pages.VerifierAnswers.Other"/>).
/// Replicated along the strip (<see cref="LeNet5VerifierStrip"/>).
/// </summary>
[Network(Name = "lenet5-verifier")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(16, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(120, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
[FullyConnected(2, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Verifier;

/// <summary>
/// <see cref="LeNet5Verifier"/> replicated along a 32x160 strip (<see cref="LeNet.Pages.FieldVerifier.Width"/>): 33
/// positions 4 columns apart, with the field's parameters.
/// </summary>
[Replicate(typeof(LeNet5Verifier), Width = 160)]
public partial class LeNet5VerifierStrip;
