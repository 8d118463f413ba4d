// The `lenet` .NET tool: every command over the shipped models.
return LeNet.LeNetTool.Run(args);
