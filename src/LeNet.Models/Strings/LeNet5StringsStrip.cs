namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5Strings"/> replicated along a 32x128 strip (the paper's space-displacement
/// network, section VII): 25 positions 4 columns apart, each the field applied to 32 columns, with
/// the field's parameters. Its output is 11 probabilities at each position.
/// </summary>
[Replicate(typeof(LeNet5Strings), Width = 128)]
public partial class LeNet5StringsStrip;
