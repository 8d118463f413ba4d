using System.CommandLine;
using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Engine;
using LeNet.Kernels;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet check [--model M]</c>: the generated kernels against the generic engine on this machine,
/// on the code path the hardware selects or the one <c>LENET_KERNEL_PATH</c> forces. Exit code 0
/// when every pass agrees, 1 when one does not.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Check one model (default: every shipped model)." };
        var command = new Command("check",
            $"Compare the generated engine with the generic one (forward, backward, curvature, fused SGD step) on this machine's kernel path; {KernelPath.EnvironmentVariable}=512|256|scalar forces a path.") { model };
        command.SetAction(result =>
        {
            if (KernelPath.Setting is { } setting && KernelPath.Forced is null)
                throw new UserError($"{KernelPath.EnvironmentVariable}='{setting}' is not one of {string.Join(", ", KernelPath.Choices)}.");
            IEnumerable<ModelEntry> models = result.GetValue(model) is { } name ? [CommonOptions.FindModel(name)] : ToolModels.All;
            Console.WriteLine($"Kernel path: {KernelPath.Name} ({Origin()}).");
            var table = new TextTable("model", "pass", "worst layer", "difference", "tolerance", "");
            bool agree = true;
            foreach (ModelEntry entry in models)
                foreach (EngineCheckResult row in EngineCheck.Run(entry.Create(), entry.CreateGeneric()))
                {
                    agree &= row.Agrees;
                    table.Add(entry.Name, row.Pass, row.Layer, Scientific(row.Difference), Scientific(row.Tolerance), row.Agrees ? "ok" : "DIFFERS");
                }
            Console.WriteLine(table);
            if (!agree)
                throw new UserError($"The generated kernels ({KernelPath.Name} path) disagree with the generic engine; see the rows marked DIFFERS.");
            Console.WriteLine("The generated engine agrees with the generic one.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Origin() => KernelPath.Forced is { } forced
        ? $"forced by {KernelPath.EnvironmentVariable}={forced}"
        : $"chosen by the hardware: Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "yes" : "no")}, Vector256 {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "yes" : "no")}";

    private static string Scientific(double value) => value.ToString("0.0E+0", CultureInfo.InvariantCulture);
}
