using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_labels_and_images_as_written()
    {
        string labels = IdxFiles.Write(_folder.File("l"), IdxFiles.Labels(3, 1, 4, 1, 5));
        string images = IdxFiles.Write(_folder.File("i"), IdxFiles.Images(5, 4, 3));

        Assert.Equal(new byte[] { 3, 1, 4, 1, 5 }, IdxReader.ReadLabels(labels));
        IdxImages read = IdxReader.ReadImages(images);
        Assert.Equal((5, 4, 3), (read.Count, read.Rows, read.Columns));
        Assert.Equal(IdxFiles.Pixels(5, 4, 3), read.Pixels);
    }

    [Fact]
    public void Gzip_file_reads_the_same_as_plain_whatever_its_name()
    {
        byte[] content = IdxFiles.Images(7, 28, 28);
        string plain = IdxFiles.Write(_folder.File("plain"), content);
        string gzip = IdxFiles.Write(_folder.File("compressed-without-extension"), content, gzip: true);

        Assert.NotEqual(File.ReadAllBytes(plain), File.ReadAllBytes(gzip));
        Assert.Equal(IdxReader.ReadImages(plain).Pixels, IdxReader.ReadImages(gzip).Pixels);
        Assert.Equal(IdxFiles.Pixels(7, 28, 28), IdxReader.ReadImages(gzip, 28, 28).Pixels);
    }

    [Fact]
    public void Labelled_images_pair_images_with_labels()
    {
        string images = IdxFiles.Write(_folder.File("i"), IdxFiles.Images(3, 28, 28));
        string labels = IdxFiles.Write(_folder.File("l"), IdxFiles.Labels(7, 8, 9));

        LabelledImages set = IdxReader.ReadLabelledImages(images, labels);

        Assert.Equal(3, set.Count);
        Assert.Equal(new byte[] { 7, 8, 9 }, set.Labels);
        Assert.Equal(IdxFiles.Pixels(3, 28, 28).AsSpan(784, 784).ToArray(), set.Image(1).ToArray());
    }

    [Fact]
    public void Rejects_a_file_that_is_not_idx()
    {
        string path = IdxFiles.Write(_folder.File("picture.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message);
        Assert.Contains("0x89504E47 found", error.Message);
        Assert.Contains("0x00000803 expected", error.Message);
        Assert.Contains("may not be an IDX file", error.Message);
    }

    [Fact]
    public void Rejects_a_non_byte_element_type()
    {
        string path = IdxFiles.Write(_folder.File("floats"), [.. IdxFiles.Header(0x0D03, 1, 1, 1), 0, 0, 0, 0]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("element type 0x0D (float)", error.Message);
        Assert.Contains("unsigned byte", error.Message);
    }

    [Fact]
    public void Rejects_a_label_file_given_as_images()
    {
        string path = IdxFiles.Write(_folder.File("labels"), IdxFiles.Labels(1, 2));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("1 dimension(s) but images (idx3-ubyte) files have 3", error.Message);
        Assert.Contains("swapped", error.Message);
    }

    [Fact]
    public void Rejects_an_image_file_given_as_labels()
    {
        string path = IdxFiles.Write(_folder.File("images"), IdxFiles.Images(1, 2, 2));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("3 dimension(s) but labels (idx1-ubyte) files have 1", error.Message);
    }

    [Fact]
    public void Rejects_a_truncated_header()
    {
        string tiny = IdxFiles.Write(_folder.File("tiny"), [0, 0]);
        string shortHeader = IdxFiles.Write(_folder.File("short"), IdxFiles.Header(IdxFiles.ImagesMagic, 5, 28, 28)[..10]);

        Assert.Contains("expected at least 4 bytes, found 2", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(tiny)).Message);
        Assert.Contains("expected 16 bytes, found 10", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(shortHeader)).Message);
    }

    [Fact]
    public void Rejects_truncated_pixels_plain_and_gzip()
    {
        byte[] content = IdxFiles.Images(3, 28, 28)[..^100];
        string plain = IdxFiles.Write(_folder.File("plain"), content);
        string gzip = IdxFiles.Write(_folder.File("gzip"), content, gzip: true);

        foreach (string path in new[] { plain, gzip })
        {
            var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
            Assert.Contains("truncated pixel data: the header announces 2352 bytes, found 2252", error.Message);
            Assert.StartsWith(path, error.Message);
        }
    }

    [Fact]
    public void Rejects_truncated_labels()
    {
        string path = IdxFiles.Write(_folder.File("labels"), [.. IdxFiles.Header(IdxFiles.LabelsMagic, 10), 1, 2, 3]);

        Assert.Contains("truncated labels: the header announces 10 bytes, found 3",
            Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path)).Message);
    }

    [Fact]
    public void Rejects_a_cut_gzip_stream()
    {
        string whole = IdxFiles.Write(_folder.File("whole"), IdxFiles.Images(20, 28, 28), gzip: true);
        byte[] compressed = File.ReadAllBytes(whole);
        string cut = IdxFiles.Write(_folder.File("cut"), compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(cut));

        Assert.StartsWith(cut, error.Message);
        Assert.Contains("truncated pixel data: the header announces 15680 bytes, found", error.Message);
    }

    [Fact]
    public void Rejects_corrupt_gzip_data()
    {
        string path = IdxFiles.Write(_folder.File("corrupt.gz"), [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("gzip data is corrupt", error.Message);
    }

    [Fact]
    public void Rejects_data_beyond_what_the_header_announces()
    {
        string path = IdxFiles.Write(_folder.File("long"), [.. IdxFiles.Labels(1, 2), 3, 4, 5]);

        Assert.Contains("3 bytes follow the 2 bytes of labels",
            Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path)).Message);
    }

    [Fact]
    public void Rejects_images_of_the_wrong_size()
    {
        string path = IdxFiles.Write(_folder.File("images"), IdxFiles.Images(2, 32, 32));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path, 28, 28));

        Assert.Contains("images are 32x32 but 28x28 are required", error.Message);
    }

    [Fact]
    public void Rejects_image_and_label_counts_that_disagree()
    {
        string images = IdxFiles.Write(_folder.File("images"), IdxFiles.Images(3, 28, 28));
        string labels = IdxFiles.Write(_folder.File("labels"), IdxFiles.Labels(1, 2));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabelledImages(images, labels));

        Assert.Contains($"holds 3 images but the label file {labels} holds 2 labels", error.Message);
    }

    [Fact]
    public void Rejects_a_label_out_of_range()
    {
        string path = IdxFiles.Write(_folder.File("labels"), IdxFiles.Labels(0, 9, 10, 3));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, classes: 10));

        Assert.Contains("label 10 at index 2 is out of range 0..9", error.Message);
    }

    [Fact]
    public void Rejects_a_negative_size()
    {
        string path = IdxFiles.Write(_folder.File("negative"), IdxFiles.Header(IdxFiles.ImagesMagic, -1, 28, 28));

        Assert.Contains("dimension 0 has size -1", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path)).Message);
    }
}
