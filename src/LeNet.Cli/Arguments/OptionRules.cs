using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// How option values are read and checked, in one place: every number is parsed the same way
/// (invariant culture) with a plain message when it is not one, and range and name checks run while
/// the command line is parsed, so any bad value is a command-line error (exit code 2) before any work starts.
/// </summary>
internal static class OptionRules
{
    /// <summary>Gives every numeric option of <paramref name="command"/> and its subcommands the plain parser.</summary>
    public static void ApplyTo(Command command)
    {
        foreach (Option option in command.Options)
        {
            switch (option)
            {
                case Option<int> whole: whole.CustomParser = r => ParseWhole(r) ?? 0; break;
                case Option<int?> whole: whole.CustomParser = ParseWhole; break;
                case Option<float> real: real.CustomParser = r => ParseReal(r) ?? 0f; break;
                case Option<float?> real: real.CustomParser = ParseReal; break;
            }
        }
        foreach (Command subcommand in command.Subcommands) ApplyTo(subcommand);
    }

    /// <summary>Refuses values below <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, int minimum) => Within(option, minimum, int.MaxValue);

    /// <summary>Refuses values outside <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
    public static Option<T> Within<T>(this Option<T> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            T? parsed;
            try { parsed = result.GetValueOrDefault<T>(); }
            catch (InvalidOperationException) { return; } // not a number: the parser has said so already
            if (parsed is int value && (value < minimum || value > maximum))
                result.AddError(maximum == int.MaxValue
                    ? $"{option.Name} must be at least {minimum}, not {value}."
                    : $"{option.Name} must be in {minimum}..{maximum}, not {value}.");
        });
        return option;
    }

    /// <summary>Refuses a model name the catalogue does not have, listing the ones it has.</summary>
    public static Option<string> KnownModel(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            string name = result.Tokens[^1].Value;
            if (!ToolModels.All.Any(m => m.Name == name))
                result.AddError($"{option.Name}: there is no model '{name}'; the models are {string.Join(", ", ToolModels.All.Select(m => m.Name))}.");
        });
        return option;
    }

    /// <summary>Refuses a value other than <paramref name="values"/> (case-insensitive), listing them in one line.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            string text = result.Tokens[^1].Value;
            if (!values.Contains(text, StringComparer.OrdinalIgnoreCase))
                result.AddError($"{option.Name}: '{text}' is not one of {string.Join(", ", values)}.");
        });
        return option;
    }

    /// <summary>Refuses a value that is not a length "N" or a range "A-B" within <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
    public static Option<string> LengthRange(this Option<string> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            string text = result.Tokens[^1].Value;
            if (TryParseLength(text, out int low, out int high) && minimum <= low && low <= high && high <= maximum) return;
            result.AddError($"{option.Name}: '{text}' is not a number of digits N or a range A-B within {minimum}..{maximum}.");
        });
        return option;
    }

    /// <summary>Reads "N" as (N, N) and "A-B" as (A, B), whole numbers in the invariant culture.</summary>
    public static bool TryParseLength(string text, out int low, out int high)
    {
        string[] parts = text.Split('-');
        low = high = 0;
        if (parts.Length is < 1 or > 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out low)) return false;
        if (parts.Length == 1)
        {
            high = low;
            return true;
        }
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out high);
    }

    /// <summary>The range a value accepted by <see cref="LengthRange"/> stands for.</summary>
    public static (int Min, int Max) Length(string text) =>
        TryParseLength(text, out int low, out int high) ? (low, high) : throw new ArgumentException($"'{text}' is not a length.", nameof(text));

    private static int? ParseWhole(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{NameOf(result)}: '{text}' is not a whole number.");
        return null;
    }

    private static float? ParseReal(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value)) return value;
        result.AddError($"{NameOf(result)}: '{text}' is not a number.");
        return null;
    }

    private static string NameOf(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
