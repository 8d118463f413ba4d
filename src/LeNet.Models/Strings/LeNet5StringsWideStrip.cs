namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5StringsWide"/> replicated along a 32x128 strip, as <see cref="LeNet5StringsStrip"/> replicates
/// the smaller field: 25 positions 4 columns apart, with the field's parameters, 11 probabilities at each.
/// </summary>
[Replicate(typeof(LeNet5StringsWide), Width = 128)]
public partial class LeNet5StringsWideStrip;
