using System.Reflection;
using LeNet.Cli;
using LeNet.Models;

namespace LeNet;

/// <summary>
/// The <c>lenet</c> tool as a library call: a program of its own gets every command of the tool for its
/// own networks, under its own name (its entry assembly's name) in help and messages.
/// </summary>
/// <example>
/// <code>
/// [Network(Name = "smallnet")]
/// [Input(1, 28, 28)]
/// ...
/// public partial class SmallNet;
///
/// return LeNetTool.Run(args, typeof(SmallNet));   // dotnet run -- train, dotnet run -- eval runs/smallnet/smallnet.ckpt, ...
/// </code>
/// </example>
public static class LeNetTool
{
    /// <summary>Runs the command line over the shipped models and returns its exit code.</summary>
    public static int Run(string[] args) => Program.Run(args, ProgramName);

    /// <summary>
    /// Runs the command line with <paramref name="networks"/> (generated <c>[Network]</c> classes) known
    /// by their names before the shipped models; the first is the default model. Each is trained with
    /// <see cref="Recipes.Modern"/> unless told otherwise; pass <see cref="ModelEntry"/>s to give a recipe.
    /// </summary>
    /// <exception cref="ArgumentException">A type is not a generated network, or two networks share a name.</exception>
    public static int Run(string[] args, params Type[] networks) =>
        Run(args, networks.Select(type => ModelEntry.For(type)).ToArray());

    /// <summary>Runs the command line with <paramref name="models"/> known before the shipped models; the first is the default.</summary>
    /// <exception cref="ArgumentException">Two models share a name.</exception>
    public static int Run(string[] args, params ModelEntry[] models)
    {
        ToolModels.Use(models);
        return Program.Run(args, ProgramName);
    }

    /// <summary>The calling program's name: its entry assembly's, as <c>dotnet run</c> and its executable know it.</summary>
    private static string ProgramName => Assembly.GetEntryAssembly()?.GetName().Name ?? Program.ToolName;
}
