namespace LeNet.Models;

/// <summary>
/// <see cref="LeNet5Strings"/> replicated over a 128x128 page tile in both directions (the paper's
/// space-displacement network over a page, section VII.D): 25 rows of 25 positions, 4 rows and
/// columns apart, each the field applied to 32x32 pixels, with the field's parameters. Its output
/// is 11 probabilities at each window, class-major, then row, then column.
/// </summary>
[Replicate(typeof(LeNet5Strings), Width = 128, Height = 128)]
public partial class LeNet5StringsPage;
