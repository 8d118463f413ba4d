namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5AmountsWide"/> replicated along a 32x160 strip (<see cref="LeNet.Data.AmountStrips.Width"/>):
/// 33 positions 4 columns apart, each the field applied to 32 columns, with the field's parameters. Its
/// output is 13 probabilities at each position.
/// </summary>
[Replicate(typeof(LeNet5AmountsWide), Width = 160)]
public partial class LeNet5AmountsWideStrip;
