using LeNet.Cli.Web;
using LeNet.Data;

namespace LeNet.Cli.Commands;

/// <summary>Random digits from a labelled set (MNIST's test set) for the demo page's "Random MNIST digit" button.</summary>
/// <param name="images">The set to draw from; must not be empty.</param>
/// <param name="random">The source of randomness (default: <see cref="Random.Shared"/>, which is thread-safe).</param>
internal sealed class MnistRandomDigits(LabelledImages images, Random? random = null) : IRandomDigits
{
    private readonly Random _random = random ?? Random.Shared;
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public RandomDigit Next()
    {
        int index;
        // A seeded Random is not thread-safe and requests arrive concurrently.
        lock (_lock) index = _random.Next(images.Count);
        return new RandomDigit(images.Image(index).ToArray(), images.Columns, images.Rows, images.Labels[index]);
    }
}
