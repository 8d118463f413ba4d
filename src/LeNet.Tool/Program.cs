// The `lenet` .NET tool: every command over the shipped models, under the tool's own name.
return LeNet.Cli.Program.Main(args);
