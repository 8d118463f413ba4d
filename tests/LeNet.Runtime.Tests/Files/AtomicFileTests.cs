using LeNet.Checkpoints;
using LeNet.Checkpoints.Tests;

namespace LeNet.Files.Tests;

/// <summary>Temporary files of atomic writes: named by a pattern of our own, and removed once their writer is gone.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Temporary(string target) => _files.PathOf($".{target}.{Guid.NewGuid():N}{AtomicFile.TemporaryExtension}");

    /// <summary>A temporary file as a write killed an hour ago left it.</summary>
    private string Stale(string target)
    {
        string path = Temporary(target);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }

    [Fact]
    public void A_write_in_progress_uses_a_temporary_name_of_our_pattern_beside_the_target()
    {
        string path = _files.PathOf("best.ckpt");
        string[] during = [];
        AtomicFile.WriteAllBytes(path, [1, 2, 3], stream =>
        {
            during = Directory.GetFiles(_files.Folder).Select(Path.GetFileName).ToArray()!;
            return stream;
        });

        string temporary = Assert.Single(during);
        Assert.Matches(@"^\.best\.ckpt\.[0-9a-f]{32}\.lenet-tmp$", temporary);
        Assert.Equal(["best.ckpt"], Directory.GetFiles(_files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_next_save_removes_stale_temporaries_of_any_target_and_only_ours()
    {
        string path = _files.PathOf("best.ckpt");
        string checkpoint = Stale("best.ckpt"), history = Stale("history.csv");
        string fresh = Temporary("best.ckpt");
        File.WriteAllBytes(fresh, [1]); // written since this process started: maybe a save under way
        string[] notOurs = [_files.PathOf(".best.ckpt.notes.tmp"), _files.PathOf("best.ckpt.lenet-tmp"), _files.PathOf($".best.ckpt.{Guid.NewGuid():N}.tmp")];
        foreach (string file in notOurs)
        {
            File.WriteAllBytes(file, [1]);
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters);

        Assert.False(File.Exists(checkpoint));
        Assert.False(File.Exists(history));
        Assert.True(File.Exists(fresh));
        Assert.All(notOurs, file => Assert.True(File.Exists(file), file));
        Assert.Equal(CheckpointFiles.Parameters, Checkpoint.Load(path, CheckpointFiles.Network));
    }

    [Fact]
    public void A_temporary_file_its_writer_holds_open_is_never_removed()
    {
        string held = Stale("best.ckpt");
        using (new FileStream(held, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            Assert.Empty(AtomicFile.Leftovers(_files.Folder));
            AtomicFile.RemoveLeftovers(_files.Folder);
            Assert.True(File.Exists(held));
        }
        Assert.Equal([held], AtomicFile.Leftovers(_files.Folder));
    }

    [Fact]
    public void RemoveLeftovers_cleans_a_folder_without_writing_anything()
    {
        string stale = Stale("history.csv");
        AtomicFile.RemoveLeftovers(_files.Folder);
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(_files.Folder));
        AtomicFile.RemoveLeftovers(_files.PathOf("no-such-folder"));
    }
}
