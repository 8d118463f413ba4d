using LeNet.Checkpoints;
using LeNet.Checkpoints.Tests;
using LeNet.Data;
using LeNet.Runtime.Tests.Data;

namespace LeNet.Files.Tests;

/// <summary>
/// Symbolic links are followed and their final target is what is checked: a link to a good file reads
/// as the file (its length, not the link's), a link to a pipe, a folder or nothing is refused as the
/// target would be, and nothing waits on a pipe.
/// </summary>
public sealed class LinkedFileTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Link(string name, string target)
    {
        string link = _files.PathOf(name);
        File.CreateSymbolicLink(link, target);
        return link;
    }

    [Fact]
    public void A_checkpoint_behind_links_reads_as_the_checkpoint()
    {
        if (OperatingSystem.IsWindows()) return;
        string checkpoint = _files.SaveSample();
        string link = Link("link.ckpt", checkpoint), linkToLink = Link("again.ckpt", "link.ckpt");

        Assert.Equal(CheckpointFiles.Parameters, Checkpoint.Load(link, CheckpointFiles.Network));
        Assert.Equal(CheckpointFiles.Parameters, Checkpoint.Load(linkToLink, CheckpointFiles.Network));
        Assert.Equal(new FileInfo(checkpoint).Length, RegularFile.Length(linkToLink, long.MaxValue));
    }

    [Fact]
    public void The_size_limit_applies_to_the_target()
    {
        if (OperatingSystem.IsWindows()) return;
        string target = _files.PathOf("eleven.bin");
        File.WriteAllBytes(target, new byte[11]);
        string link = Link("link.bin", target);

        Assert.Equal(11, RegularFile.ReadAllBytes(link, 11).Length);
        var error = Assert.Throws<InvalidDataException>(() => RegularFile.ReadAllBytes(link, 10));
        Assert.Equal($"'{link}' is a link to '{target}', which holds 11 bytes, more than the 10 accepted.", error.Message);
    }

    [Fact]
    public void A_link_to_a_pipe_is_refused_by_every_reader_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return;
        string pipe = Fifo.Create(_files.PathOf("pipe"));
        string link = Link("link.ckpt", pipe);
        string expected = $"is a link to '{pipe}', which is empty or not a regular file (a pipe or a device)";

        Assert.Equal($"Checkpoint '{link}': the file {expected}.", Fifo.Refused<CheckpointException>(pipe, () => Checkpoint.Read(link)));
        Assert.Equal($"'{link}' {expected}.", Fifo.Refused<InvalidDataException>(pipe, () => RegularFile.ReadAllBytes(link, 100)));
        Assert.Equal($"'{link}' {expected}.", Fifo.Refused<InvalidDataException>(pipe, () => RegularFile.OpenRead(link, 100).Dispose()));
        Assert.Equal($"{link}: the file {expected}.", Fifo.Refused<DataFormatException>(pipe, () => IdxReader.ReadLabels(link)));
    }

    [Fact]
    public void An_mnist_folder_of_links_loads_and_one_link_to_a_pipe_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        string real = Directory.CreateDirectory(_files.PathOf("real")).FullName, links = Directory.CreateDirectory(_files.PathOf("links")).FullName;
        IdxFiles.WriteMnistFolder(real, 20, 10);
        foreach (string name in Mnist.FileNames) File.CreateSymbolicLink(Path.Combine(links, name), Path.Combine(real, name));

        Assert.Equal(10, Mnist.Load(links).Test.Count);

        string pipe = Fifo.Create(_files.PathOf("pipe"));
        File.Delete(Path.Combine(links, Mnist.TestLabelsFile));
        File.CreateSymbolicLink(Path.Combine(links, Mnist.TestLabelsFile), pipe);
        Assert.Contains("not a regular file", Fifo.Refused<DataFormatException>(pipe, () => Mnist.Load(links)));
    }

    [Fact]
    public void Links_to_a_folder_to_nothing_and_in_a_loop_are_refused_with_what_they_point_at()
    {
        if (OperatingSystem.IsWindows()) return;
        string folder = Directory.CreateDirectory(_files.PathOf("folder")).FullName;
        string toFolder = Link("folder.ckpt", folder), dangling = Link("dangling.ckpt", _files.PathOf("missing.ckpt"));
        string loop = Link("loop.ckpt", "loop.ckpt");

        Assert.Equal($"'{toFolder}' is a link to '{folder}', which is a folder, not a file.", Assert.Throws<InvalidDataException>(() => RegularFile.Length(toFolder, 100)).Message);
        Assert.Equal($"'{dangling}' is a link to '{_files.PathOf("missing.ckpt")}', which does not exist.", Assert.Throws<FileNotFoundException>(() => RegularFile.Length(dangling, 100)).Message);
        Assert.StartsWith($"'{loop}' is a symbolic link that cannot be followed", Assert.Throws<InvalidDataException>(() => RegularFile.Length(loop, 100)).Message);
        Assert.StartsWith($"Checkpoint '{dangling}': ", Assert.Throws<CheckpointException>(() => Checkpoint.Read(dangling)).Message);
    }
}
