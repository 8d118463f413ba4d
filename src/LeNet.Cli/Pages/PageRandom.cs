namespace LeNet.Cli.Pages;

/// <summary>The draws the page synthesizers make, over one seeded <see cref="Random"/> per page.</summary>
internal static class PageRandom
{
    /// <summary>A number uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float Uniform(this Random random, float min, float max) => min + (max - min) * (float)random.NextDouble();

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>One of <paramref name="items"/>, each as likely.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A normally distributed number (Box-Muller) of mean 0 and deviation 1.</summary>
    public static float Gaussian(this Random random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }

    /// <summary><paramref name="count"/> random decimal digits as text, the first not 0 when <paramref name="leadingZero"/> is false.</summary>
    public static string Digits(this Random random, int count, bool leadingZero = true)
    {
        var text = new char[count];
        for (int i = 0; i < count; i++) text[i] = (char)('0' + (i == 0 && !leadingZero ? random.Next(1, 10) : random.Next(10)));
        return new string(text);
    }
}
