using System;
using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes a layer's kernel method, for every file. Its body runs the code path KernelPath names; each
/// vector path is a static local function of its own (<see cref="PathNames"/>), which the JIT compiles
/// only if that path runs. Written inline, the three paths are one method to the JIT, and a large
/// kernel (a convolution over a whole page tile) passes its limits on a method's size: it is then
/// compiled without optimisation (MinOpts), ten times slower.
/// </summary>
internal static class KernelMethod
{
    /// <summary>The local functions of the paths, by lanes: a layer may not take these labels, which the paths' bodies would name.</summary>
    public static readonly IReadOnlyDictionary<int, string> PathNames = new Dictionary<int, string>
    {
        [16] = "Vector512Path",
        [8] = "Vector256Path",
        [1] = "ScalarPath",
    };

    /// <summary>A one-sample kernel: the body once per <see cref="Flavour"/> (its widest lanes given), or once as it is when it is not <paramref name="vectorised"/> (scalar kernels write their own chains around any vectorised part).</summary>
    public static void Write(IndentedTextWriter w, NetworkSpec spec, string name, string parameters, bool vectorised, Action<int> body)
    {
        if (!vectorised)
        {
            Attributes(w, spec);
            using (w.Block($"private static void {name}({parameters})"))
                body(Flavour.Scalar.Widest);
            return;
        }
        Write(w, spec, name, parameters, Flavour.All.Select(f => (f.Condition, f.Describe(), f.Widest, (Action)(() => body(f.Widest)))).ToList());
    }

    /// <summary>A block kernel: the body once per vector path of <see cref="Lanes.Paths"/>, the last the else branch.</summary>
    public static void Write(IndentedTextWriter w, NetworkSpec spec, string name, string parameters, Action<Lanes> body) =>
        Write(w, spec, name, parameters, Lanes.Paths.Select((lanes, i) => (i == Lanes.Paths.Length - 1 ? "" : lanes.Condition,
            $"// {lanes.Count} samples per block, one per lane of {lanes.Type}.", lanes.Count, (Action)(() => body(lanes)))).ToList());

    private static void Write(IndentedTextWriter w, NetworkSpec spec, string name, string parameters,
        IReadOnlyList<(string Condition, string Comment, int Lanes, Action Body)> paths)
    {
        string arguments = string.Join(", ", parameters.Split(new[] { ", " }, StringSplitOptions.None).Select(Argument));
        Attributes(w, spec);
        using (w.Block($"private static void {name}({parameters})"))
            for (int i = 0; i < paths.Count; i++)
            {
                (string condition, string comment, int lanes, Action body) = paths[i];
                string header = i == 0 ? $"if ({condition})" : condition.Length > 0 ? $"else if ({condition})" : "else";
                using (w.Block(header))
                {
                    string local = PathNames[lanes];
                    w.Line($"{local}({arguments});");
                    w.Line();
                    w.Line(comment);
                    w.Line($"[{MethodImplTypeRef}({MethodImplOptionsTypeRef}.AggressiveOptimization)]");
                    using (w.Block($"static void {local}({parameters})"))
                        body();
                }
            }
    }

    /// <summary>
    /// Kernels go straight to optimised code: tiered compilation would run them unoptimised for the
    /// first calls. Where the compilation allows unsafe code they also skip zeroing their locals
    /// (the attribute covers their local functions): the stack scratch (shifted rows, padded
    /// kernels) is written in full before it is read.
    /// </summary>
    private static void Attributes(IndentedTextWriter w, NetworkSpec spec)
    {
        w.Line($"[{MethodImplTypeRef}({MethodImplOptionsTypeRef}.AggressiveOptimization)]");
        if (spec.SkipLocalsInit)
            w.Line($"[{SkipLocalsInitTypeRef}]");
    }

    /// <summary>The argument passing a parameter on: "ref float input" gives "ref input".</summary>
    private static string Argument(string parameter)
    {
        string[] words = parameter.Split(' ');
        return words[0] is "ref" or "in" or "out" ? $"{words[0]} {words[words.Length - 1]}" : words[words.Length - 1];
    }
}
