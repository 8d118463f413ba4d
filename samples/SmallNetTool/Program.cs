using LeNet;

// Every lenet command for TinyNet: dotnet run -- info, dotnet run -- train --epochs 2,
// dotnet run -- eval runs/tinynet/tinynet.ckpt, dotnet run -- serve runs/tinynet/tinynet.ckpt, ...
return LeNetTool.Run(args, typeof(TinyNet));

/// <summary>28x28 -> conv 6@5x5 ReLU -> 2x2 max -> 32 ReLU -> 10 -> softmax.</summary>
[Network(Name = "tinynet")]
[Input(1, 28, 28)]
[Convolution(6, 5, Activation = Activation.ReLU)]
[Subsampling(2, Pooling = Pooling.Max)]
[FullyConnected(32, Activation = Activation.ReLU)]
[FullyConnected(10, Activation = Activation.Identity)]
[Softmax]
public partial class TinyNet;
