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

/// <summary>
/// A full convolution whose 32 maps fill whole vectors (two of AVX-512's, four of AVX2's) after one
/// of 4 maps: its weight gradient sums one map per lane, 3x3 taps over 7x9 maps, in tiles on AVX2.
/// </summary>
[Network(Name = "map-lanes")]
[Input(3, 11, 13)]
[Convolution(4, 3, Activation = Activation.Tanh)]
[Convolution(32, 3, Activation = Activation.ReLU)]
[FullyConnected(5, Activation = Activation.Identity)]
[Softmax]
public partial class MapLanes;

/// <summary>
/// A connection table over maps that the one-sample forward pass takes four at a time on AVX-512
/// (two on AVX2): more sets of a block's maps than get code of their own, so some run the whole
/// block with the zeros of the missing pairs.
/// </summary>
[Network(Name = "table-blocks")]
[Input(2, 10, 10)]
[Convolution(4, 3, Activation = Activation.ReLU)]
[Convolution(8, 3, Activation = Activation.ScaledTanh, Connections = ["0", "1", "2", "3", "0,1", "1,2,3", "0,3", "0,1,2,3"])]
[FullyConnected(5, Activation = Activation.Identity)]
[Softmax]
public partial class TableBlocks;

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

/// <summary>
/// The paper's LeNet-5 (a referenced assembly's network) along 200 columns: a table, trainable
/// subsampling, an RBF at every position; rows of 196 and 94 run in tiles of 64 with a rest.
/// </summary>
[Replicate(typeof(LeNet.Models.LeNet5), Width = 200)]
public partial class LeNet5Strip;

/// <summary><see cref="TrainableRbf"/> (declared in this project) along 40 columns: trainable RBF centres shared by every position.</summary>
[Replicate(typeof(TrainableRbf), Width = 40)]
public partial class TrainableRbfStrip;

/// <summary>
/// <see cref="SevenKernel"/> along 170 columns, step 2: a fully connected layer over 11x11 maps
/// becomes an 11x11 convolution; rows of 164 and 82 run in tiles of 64.
/// </summary>
[Replicate(typeof(SevenKernel), Width = 170)]
public partial class SevenKernelStrip;

/// <summary>
/// The paper's LeNet-5 over a 40x44 page: 3 rows of 4 positions with a table, trainable subsampling
/// and an RBF at every window.
/// </summary>
[Replicate(typeof(LeNet.Models.LeNet5), Width = 44, Height = 40)]
public partial class LeNet5Page;

/// <summary><see cref="TrainableRbf"/> over a 32x24 page, step 8: 3 rows of 2 positions sharing trainable centres.</summary>
[Replicate(typeof(TrainableRbf), Width = 24, Height = 32)]
public partial class TrainableRbfPage;

/// <summary><see cref="SevenKernel"/> over a 40x34 page, step 2: 7 rows of 4 positions, an 11x11 convolution sliding both ways.</summary>
[Replicate(typeof(SevenKernel), Width = 34, Height = 40)]
public partial class SevenKernelPage;

/// <summary>
/// Padding, strides, floor pooling and dropout together: a padded first layer (no input delta), max
/// and trainable pooling over odd sizes, a padded strided convolution with a table, two dropouts.
/// </summary>
[Network(Name = "windows-dropout")]
[Input(2, 15, 13)]
[Convolution(4, 3, Padding = 1, Activation = Activation.Tanh)]
[Subsampling(2, Floor = true, Pooling = Pooling.Max)]
[Convolution(5, 3, Padding = 1, Stride = 2, Activation = Activation.Sigmoid, Connections = ["0", "1,2", "0,2,3", "0,1,2,3", "3"])]
[Dropout(0.25)]
[Subsampling(2, Floor = true, Trainable = true, Activation = Activation.ScaledTanh)]
[FullyConnected(6, Activation = Activation.ReLU)]
[Dropout(0.5)]
[Softmax]
public partial class WindowsDropout;

/// <summary>Dropout as the first layer, a strided convolution without padding, average floor pooling, an RBF output.</summary>
[Network(Name = "strided-first-dropout")]
[Input(1, 12, 12)]
[Dropout(0.2)]
[Convolution(3, 4, Stride = 2, Activation = Activation.ScaledTanh)]
[Subsampling(2, Floor = true)]
[FullyConnected(5, Activation = Activation.Identity)]
[RadialBasis(3, Centres = RbfCentres.Random, Trainable = true)]
public partial class StridedFirstDropout;
