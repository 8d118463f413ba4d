using System.Buffers.Binary;
using LeNet.Checkpoints;
using LeNet.Checkpoints.Tests;
using LeNet.Data;
using LeNet.Testing;

namespace LeNet.Runtime.Tests.Data;

/// <summary>
/// Files that lie: headers announcing more than the file holds, pipes, and seeded random mutations
/// of valid IDX files and checkpoints. Each read ends in the reader's own exception with a message,
/// or a valid result; never another exception, a hang, or memory the file does not back up.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    /// <summary>Mutations per fuzzed file (<see cref="FuzzSettings.Count"/>).</summary>
    private static readonly int Mutations = FuzzSettings.Count(400);
    /// <summary>Most bytes one read of a small file may allocate (the valid files here are under 64 KB).</summary>
    private const long AllocationBound = 8L << 20;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_8_byte_label_file_claiming_2_billion_labels_is_one_clear_error_without_the_allocation()
    {
        string path = IdxFiles.Write(_folder.File("t10k-labels-idx1-ubyte"), [0x00, 0x00, 0x08, 0x01, 0x7f, 0xff, 0xff, 0xff]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, "the lying header was believed");
        Assert.Equal(path + ": truncated labels: the header announces 2147483647 bytes, found 0.", error.Message);
    }

    [Fact]
    public void A_small_gzip_file_with_a_lying_header_costs_only_its_data()
    {
        byte[] content = [.. IdxFiles.Header(IdxFiles.ImagesMagic, 1_000_000, 28, 28), .. new byte[10_000]];
        string path = IdxFiles.Write(_folder.File("images.gz"), content, gzip: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path, 28, 28));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, "the lying header was believed");
        Assert.Contains("truncated pixel data: the header announces 784000000 bytes, found 10000", error.Message);
    }

    [Fact]
    public void A_pipe_named_like_an_idx_file_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return;
        string pipe = _folder.File("train-labels-idx1-ubyte");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(pipe));
        Assert.Contains("not a regular file", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mutated_idx_files_give_a_clean_error_or_a_valid_read(bool gzip)
    {
        var random = new Random(FuzzSettings.Seed(gzip ? 11 : 7));
        byte[] labels = IdxFiles.Labels(Enumerable.Range(0, 40).Select(i => (byte)(i % 10)).ToArray());
        byte[] images = IdxFiles.Images(20, 28, 28);
        for (int i = 0; i < Mutations; i++)
        {
            FuzzSettings.Case(i, () =>
            {
                string labelPath = IdxFiles.Write(_folder.File($"labels-{i}"), Mutate(labels, random, sizeFields: 1), gzip);
                Survives(labelPath, () => Assert.All(IdxReader.ReadLabels(labelPath), l => Assert.InRange(l, 0, 9)));
                string imagePath = IdxFiles.Write(_folder.File($"images-{i}"), Mutate(images, random, sizeFields: 3), gzip);
                Survives(imagePath, () =>
                {
                    IdxImages read = IdxReader.ReadImages(imagePath);
                    Assert.Equal((long)read.Count * read.Rows * read.Columns, read.Pixels.Length);
                });
                File.Delete(labelPath);
                File.Delete(imagePath);
            });
        }
    }

    [Fact]
    public void Mutated_checkpoints_give_a_clean_error_or_a_valid_read()
    {
        var random = new Random(FuzzSettings.Seed(3));
        byte[] valid = CheckpointWriter.Serialize(CheckpointFiles.Network.Name, CheckpointFiles.Network.Signature, CheckpointFiles.Parameters,
            new Dictionary<string, string> { [CheckpointKeys.Epoch] = "7", [CheckpointKeys.TestAccuracy] = "0.99" });
        int read = 0;
        for (int i = 0; i < Mutations; i++)
        {
            FuzzSettings.Case(i, () =>
            {
                byte[] mutated = Mutate(valid, random, sizeFields: 0);
                // Half of them get a fresh checksum, so the mutation reaches the parser behind it.
                if (i % 2 == 1 && mutated.Length >= 32)
                    System.Security.Cryptography.SHA256.HashData(mutated.AsSpan(0, mutated.Length - 32), mutated.AsSpan(mutated.Length - 32));
                string path = _folder.File($"mutated-{i}.ckpt");
                File.WriteAllBytes(path, mutated);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    CheckpointData data = Checkpoint.Read(path);
                    Assert.All(data.Parameters, p => Assert.True(float.IsFinite(p)));
                    read++;
                }
                catch (CheckpointException error)
                {
                    Assert.StartsWith($"Checkpoint '{path}': ", error.Message);
                }
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, $"mutation {i} allocated beyond the file");
                File.Delete(path);
            });
        }
        Assert.True(read < Mutations, "no mutation was rejected: the fuzzer does not mutate");
    }

    /// <summary>Runs <paramref name="read"/>: a valid result or a <see cref="DataFormatException"/> naming the file, within the allocation bound.</summary>
    private static void Survives(string path, Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            read();
        }
        catch (DataFormatException error)
        {
            Assert.StartsWith(path + ": ", error.Message);
            Assert.Equal(path, error.FilePath);
        }
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound, $"reading {path} allocated beyond the file");
    }

    /// <summary>
    /// One random damage: flipped bytes, a cut, appended or removed bytes, or (for IDX files, which have
    /// <paramref name="sizeFields"/> big-endian sizes after the magic) a size field set to an extreme or random value.
    /// </summary>
    internal static byte[] Mutate(byte[] valid, Random random, int sizeFields)
    {
        byte[] bytes = (byte[])valid.Clone();
        switch (random.Next(sizeFields > 0 ? 6 : 5))
        {
            case 0:
                for (int k = random.Next(1, 8); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 100)).Select(_ => (byte)random.Next(256))];
            case 3:
                int at = random.Next(bytes.Length), count = random.Next(1, Math.Min(64, bytes.Length - at) + 1);
                return [.. bytes[..at], .. bytes[(at + count)..]];
            case 4:
                bytes[random.Next(Math.Min(bytes.Length, 64))] ^= (byte)(1 << random.Next(8));
                return bytes;
            default:
                int field = random.Next(sizeFields);
                int value = random.Next(4) switch { 0 => int.MaxValue, 1 => int.MinValue, 2 => 0, _ => random.Next() };
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * field), value);
                return bytes;
        }
    }
}
