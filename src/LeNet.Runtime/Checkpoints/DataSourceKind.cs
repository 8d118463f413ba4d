namespace LeNet.Checkpoints;

/// <summary>Where a checkpoint's data set comes from.</summary>
public enum DataSourceKind
{
    /// <summary>MNIST, fetched once and cached; no path.</summary>
    Mnist,
    /// <summary>A folder of the four IDX files (plain or .gz), at <see cref="DataInfo.Path"/>.</summary>
    Idx,
    /// <summary>An image folder, one subfolder of pictures per class, at <see cref="DataInfo.Path"/>.</summary>
    ImageFolder,
}
