using System.CommandLine;
using System.CommandLine.Parsing;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// Where <c>eval</c>, <c>predict</c>, <c>read</c> and <c>serve</c> take their trained network from: a
/// checkpoint file, their first argument, or with <c>--model NAME</c> a pretrained model shipped in the
/// tool (<see cref="PretrainedModels"/>, listed by <c>lenet models</c>). With <c>--model</c> the command has
/// no checkpoint argument: its first argument is the first of the others (<c>predict</c>'s images).
/// </summary>
internal sealed class ModelSource
{
    private readonly Argument<string[]>? _rest;

    /// <summary>The checkpoint argument (<see cref="CheckpointArgument"/>), saying <paramref name="what"/> it is, and <c>--model</c>; <paramref name="rest"/> is the argument that follows, when there is one.</summary>
    public ModelSource(string what = "A checkpoint written by 'lenet train'", Argument<string[]>? rest = null)
    {
        Checkpoint = CheckpointArgument.Create(what);
        Checkpoint.Description += " Not with --model.";
        Checkpoint.Arity = ArgumentArity.ZeroOrOne;
        Pretrained = new Option<string?>("--model", "-m") { Description = $"A pretrained model instead of a checkpoint: {string.Join(", ", PretrainedModels.All.Select(m => m.Name))} (see 'lenet models')." };
        _rest = rest;
    }

    /// <summary>The checkpoint file argument.</summary>
    public Argument<string> Checkpoint { get; }

    /// <summary>--model NAME: a pretrained model.</summary>
    public Option<string?> Pretrained { get; }

    /// <summary>The trained network the command line names; a usage error when it names none, or both a checkpoint and --model.</summary>
    public LoadedModel Load(ParseResult result)
    {
        string? path = result.GetValue(Checkpoint), name = result.GetValue(Pretrained);
        if (name is null)
            return path is null
                ? throw new UserError("give a checkpoint file, or --model NAME for a pretrained model (see 'lenet models').", ExitCodes.Usage)
                : LoadedModel.From(path);
        if (path is not null && _rest is null)
            throw new UserError($"give a checkpoint file or --model {name}, not both.", ExitCodes.Usage);
        return LoadedModel.Pretrained(name);
    }

    /// <summary>The values of the argument after the checkpoint: with --model, the checkpoint's place holds the first of them.</summary>
    public string[] Rest(ParseResult result) => Rest(result.GetValue(Checkpoint), result.GetValue(Pretrained), result.GetValue(_rest!));

    /// <summary><see cref="Rest(ParseResult)"/> for a command's validators.</summary>
    public string[] Rest(CommandResult result) => Rest(result.GetValue(Checkpoint), result.GetValue(Pretrained), result.GetValue(_rest!));

    private static string[] Rest(string? checkpoint, string? pretrained, string[]? rest) =>
        pretrained is not null && checkpoint is not null ? [checkpoint, .. rest ?? []] : rest ?? [];
}
