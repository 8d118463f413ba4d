namespace LeNet.Generator.Helpers;

/// <summary>Small LINQ-like helpers over <see cref="EquatableArray{T}"/> without boxing the struct.</summary>
internal static class Enumerables
{
    public static int Sum<T>(this EquatableArray<T> items, System.Func<T, int> selector) where T : System.IEquatable<T>
    {
        int total = 0;
        foreach (T item in items.AsSpan()) total += selector(item);
        return total;
    }
}
