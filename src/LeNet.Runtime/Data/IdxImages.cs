namespace LeNet.Data;

/// <summary>The content of an idx3-ubyte file: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> bytes, back to back.</summary>
internal sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
