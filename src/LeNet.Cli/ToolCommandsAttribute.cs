using System.CommandLine;
using System.Reflection;

namespace LeNet.Cli;

/// <summary>
/// Commands an optional assembly adds to the <c>lenet</c> tool: an assembly-level attribute derived
/// from this one. The tool looks for the optional assemblies it knows (<see cref="OptionalAssemblies"/>)
/// beside itself and adds their commands when a program references them, so a program that does not
/// carries none of their dependencies (the web server behind <c>serve</c>: ASP.NET Core).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal abstract class ToolCommandsAttribute : Attribute
{
    /// <summary>The optional assemblies, by name, and the package each comes in, for the message when a command is missing.</summary>
    internal static IReadOnlyList<(string Assembly, string Package, string[] Commands)> OptionalAssemblies { get; } =
        [("LeNet.Cli.Web", "LeNet.Generated.Tool.Web", ["serve"])];

    /// <summary>The commands, each built anew.</summary>
    public abstract IEnumerable<Command> Create();

    /// <summary>The commands of every optional assembly the program has.</summary>
    internal static IEnumerable<Command> Present() =>
        OptionalAssemblies.Select(optional => Load(optional.Assembly)).OfType<Assembly>()
            .SelectMany(assembly => assembly.GetCustomAttributes<ToolCommandsAttribute>())
            .SelectMany(attribute => attribute.Create());

    /// <summary>The package that brings command <paramref name="name"/>, when an optional assembly has it.</summary>
    internal static string? PackageOf(string name) =>
        OptionalAssemblies.FirstOrDefault(optional => optional.Commands.Contains(name, StringComparer.Ordinal)).Package;

    private static Assembly? Load(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
