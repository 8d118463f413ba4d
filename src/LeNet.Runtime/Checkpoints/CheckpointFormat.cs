namespace LeNet.Checkpoints;

/// <summary>
/// The checkpoint file layout, version 2, every integer and float little-endian:
/// <list type="number">
/// <item>magic: the 8 ASCII bytes "LENETCKP";</item>
/// <item>format version: int32 (2; version 1 has the same layout);</item>
/// <item>network name, then network signature: each an int32 byte length and UTF-8 bytes;</item>
/// <item>parameter count: int32;</item>
/// <item>metadata: an int32 entry count, then per entry a key and a value, each length-prefixed UTF-8;</item>
/// <item>the parameters: count float32 values;</item>
/// <item>a SHA-256 hash (32 bytes) of everything before it.</item>
/// </list>
/// Version 2 records the data set in the metadata (<see cref="CheckpointKeys.DataSource"/> and the other
/// data keys, read as <see cref="CheckpointData.Data"/>) and writes preprocessing as "digit" or "fit-whole";
/// version 1 files are read with MNIST assumed (<see cref="DataInfo.Mnist"/>).
/// </summary>
internal static class CheckpointFormat
{
    public static ReadOnlySpan<byte> Magic => "LENETCKP"u8;
    public const int Version = 2;
    public const int HashLength = 32;
    /// <summary>Longest string the header may hold; longer length fields mean a damaged file.</summary>
    public const int MaxStringBytes = 1 << 16;
    /// <summary>Largest checkpoint file read (1 GiB, 268 million parameters); anything longer is refused before it is read.</summary>
    public const long MaxFileBytes = 1L << 30;
    /// <summary>Most metadata entries a checkpoint may hold.</summary>
    public const int MaxMetadataEntries = 1 << 10;
}
