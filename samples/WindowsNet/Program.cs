using LeNet;

// Every lenet command for WindowsNet, a network that uses padding, a stride, floor pooling and
// dropout: dotnet run -- info, dotnet run -- train --epochs 1 --limit 10000, ...
return LeNetTool.Run(args, typeof(WindowsNet));

/// <summary>
/// 28x28 -> conv 8@3x3 padded by 1 (28x28) -> 2x2 max (14x14) -> conv 16@4x4 (11x11) -> 2x2 max,
/// floored (5x5, the last row and column left out) -> conv 32@3x3 padded by 1, stride 2 (3x3) ->
/// dropout 0.25 -> 64 ReLU -> dropout 0.5 -> 10 -> softmax.
/// </summary>
[Network(Name = "windowsnet")]
[Input(1, 28, 28)]
[Convolution(8, 3, Padding = 1, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[Convolution(16, 4, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max, Floor = true)]
[Convolution(32, 3, Padding = 1, Stride = 2, Activation = Activation.ReLU)]
[Dropout(0.25)]
[FullyConnected(64, Activation = Activation.ReLU)]
[Dropout(0.5)]
[FullyConnected(10, Activation = Activation.Identity)]
[Softmax]
public partial class WindowsNet;
