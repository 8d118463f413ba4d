using System.CommandLine;
using LeNet.Cli;
using LeNet.Cli.Commands;

[assembly: LeNet.Cli.Web.ServeCommands]

namespace LeNet.Cli.Web;

/// <summary>Adds <c>serve</c> (<see cref="ServeCommand"/>) to the <c>lenet</c> tool of every program that references this assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class ServeCommandsAttribute : ToolCommandsAttribute
{
    /// <inheritdoc/>
    public override IEnumerable<Command> Create() => [ServeCommand.Create()];
}
