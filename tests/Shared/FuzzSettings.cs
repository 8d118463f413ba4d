using System.Globalization;

namespace LeNet.Testing;

/// <summary>
/// The fuzz tests' seeds and sizes, one rule for every test project: each test's own fixed seed and
/// count by default, so a failure reproduces; <see cref="SeedVariable"/> and <see cref="CountVariable"/>
/// fuzz with other seeds and more cases (<c>LENET_FUZZ_SEED=7 LENET_FUZZ_COUNT=5000 dotnet test</c>).
/// </summary>
internal static class FuzzSettings
{
    /// <summary>Set to an integer to fuzz with other seeds; a failure message names the value that reproduces it.</summary>
    public const string SeedVariable = "LENET_FUZZ_SEED";
    /// <summary>Set to a positive integer to fuzz that many cases per test instead of its own count.</summary>
    public const string CountVariable = "LENET_FUZZ_COUNT";

    /// <summary>
    /// The seed a test draws from: <paramref name="own"/>, or with <see cref="SeedVariable"/> set a
    /// seed made of both, so tests sharing the variable still draw different sequences.
    /// </summary>
    public static int Seed(int own) => Read(SeedVariable) is int chosen ? unchecked(chosen * 1_000_003 + own) : own;

    /// <summary>How many cases a test fuzzes: <paramref name="own"/>, or <see cref="CountVariable"/> when set.</summary>
    public static int Count(int own) => Read(CountVariable) is int count && count > 0 ? count : own;

    /// <summary>What to set to reproduce a failure: "LENET_FUZZ_SEED=7" when the variable was set, else that the test's own seed failed.</summary>
    public static string Reproduce => Read(SeedVariable) is int chosen ? $"{SeedVariable}={chosen} reproduces" : "the test's own seed reproduces";

    /// <summary>Runs fuzz case <paramref name="index"/>; a failure says which case and how to reproduce it.</summary>
    public static void Case(int index, Action body)
    {
        try
        {
            body();
        }
        catch (Exception error)
        {
            throw new Xunit.Sdk.XunitException($"Fuzz case {index} failed ({Reproduce}): {error}");
        }
    }

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
