namespace LeNet.Runtime.Tests.Generated;

// Declarations compiled by the real generator, chosen to reach every layer kind, option and
// code path: odd sizes that leave vector tails, a connection table, max and trainable pooling,
// every activation, softmax and both RBF centre sources.

/// <summary>Two input maps of odd size, a 4x4 kernel, max pooling, a sparse table, sigmoid, ReLU, softmax.</summary>
[Network(Name = "odd-shapes")]
[Input(2, 13, 11)]
[Convolution(3, 4, Activation = Activation.Tanh)]
[Subsampling(2, Pooling = Pooling.Max)]
[Convolution(5, 3, Activation = Activation.Sigmoid, Connections = ["0", "1,2", "0,2", "0,1,2", "1"])]
[FullyConnected(7, Activation = Activation.ReLU)]
[FullyConnected(4, Activation = Activation.Identity)]
[Softmax]
public partial class OddShapes;

/// <summary>The paper's trainable subsampling feeding an RBF layer with trainable random centres.</summary>
[Network(Name = "trainable-rbf")]
[Input(1, 16, 16)]
[Convolution(4, 5)]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh)]
[Convolution(6, 3, Activation = Activation.Identity)]
[Subsampling(4)]
[FullyConnected(5, Activation = Activation.Sigmoid)]
[RadialBasis(3, Centres = RbfCentres.Random, Trainable = true)]
public partial class TrainableRbf;

/// <summary>Another input size and kernel size: 28x28 input, 7x7 kernels, max pooling, softmax.</summary>
[Network(Name = "seven-kernel")]
[Input(1, 28, 28)]
[Convolution(8, 7, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[FullyConnected(10, Activation = Activation.Identity)]
[Softmax]
public partial class SevenKernel;

/// <summary>The paper's LeNet-5 (a referenced assembly's network) along 44 columns: a table, trainable subsampling, an RBF at every position.</summary>
[Replicate(typeof(LeNet.Models.LeNet5), Width = 44)]
public partial class LeNet5Strip;

/// <summary><see cref="TrainableRbf"/> (declared in this project) along 40 columns: trainable RBF centres shared by every position.</summary>
[Replicate(typeof(TrainableRbf), Width = 40)]
public partial class TrainableRbfStrip;

/// <summary><see cref="SevenKernel"/> along 34 columns, step 2: a fully connected layer over 11x11 maps becomes an 11x11 convolution.</summary>
[Replicate(typeof(SevenKernel), Width = 34)]
public partial class SevenKernelStrip;
