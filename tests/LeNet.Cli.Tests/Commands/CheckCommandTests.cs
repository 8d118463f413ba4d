using System.Diagnostics;
using LeNet.Kernels;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// <c>lenet check</c>: in-process on the path this machine picks, and as a child process with each
/// path forced by LENET_KERNEL_PATH (the variable is read once per process, so forcing needs a new one).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CheckCommandTests
{
    [Fact]
    public void Check_OnThisMachinesPath_AgreesForEveryModel()
    {
        CliResult result = CliRunner.Run("check");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Kernel path: {KernelPath.Name}", result.Out);
        // Forward, backward, curvature and fused SGD step for every model.
        Assert.Equal(4 * ModelCatalog.All.Count, result.OutLines.Count(line => line.EndsWith(" ok", StringComparison.Ordinal)));
        Assert.DoesNotContain("DIFFERS", result.Out);
    }

    [Theory]
    [InlineData("512", "Vector512")]
    [InlineData("256", "Vector256")]
    [InlineData("scalar", "scalar")]
    public void Check_WithAForcedPath_RunsThatPathAndAgrees(string setting, string path)
    {
        (int exitCode, string output) = RunLenet(setting, "check", "--model", "lenet5-paper");
        Assert.True(exitCode == 0, output);
        Assert.Contains($"Kernel path: {path} (forced by {KernelPath.EnvironmentVariable}={setting})", output);
        Assert.Contains("agrees with the generic one", output);
    }

    [Fact]
    public void Check_WithAnUnknownPath_SaysWhatIsAcceptedAndFails()
    {
        (int exitCode, string output) = RunLenet("avx", "check");
        Assert.Equal(1, exitCode);
        Assert.Contains("LENET_KERNEL_PATH='avx' is not one of 512, 256, scalar", output);
    }

    /// <summary>Runs the built <c>lenet</c> beside the tests with LENET_KERNEL_PATH set; returns its exit code and both streams.</summary>
    private static (int ExitCode, string Output) RunLenet(string kernelPath, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "lenet.exe" : "lenet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment[KernelPath.EnvironmentVariable] = kernelPath;
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException($"lenet {string.Join(' ', args)} did not finish in 2 minutes.");
        }
        return (process.ExitCode, output + error.Result);
    }
}
