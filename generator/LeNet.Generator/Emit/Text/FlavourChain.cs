using System;
using LeNet.Generator.Helpers;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes a kernel body once per <see cref="Flavour"/> inside an if / else-if / else chain on
/// KernelPath's flags. They are constants to the JIT, which compiles only the branch taken.
/// </summary>
internal static class FlavourChain
{
    public static void Write(IndentedTextWriter w, bool vectorised, Action<int> body)
    {
        if (!vectorised)
        {
            // Scalar kernels write their own chains around any vectorised part.
            body(Flavour.Scalar.Widest);
            return;
        }
        for (int i = 0; i < Flavour.All.Length; i++)
        {
            Flavour flavour = Flavour.All[i];
            string header = i == 0 ? $"if ({flavour.Condition})" : flavour.Condition.Length > 0 ? $"else if ({flavour.Condition})" : "else";
            using (w.Block(header))
            {
                w.Line(flavour.Describe());
                body(flavour.Widest);
            }
        }
    }

    /// <summary>
    /// The first statement of every public entry point. Reading KernelPath initialises it before the
    /// entry point's first call compiles a kernel; the JIT folds static readonly fields only of
    /// classes already initialised, and a kernel compiled earlier would keep all three paths. A local,
    /// not a discard: a network class named _ would capture the discard.
    /// </summary>
    public static void SettleKernelPath(IndentedTextWriter w) => w.Line($"bool settled = {KernelPathTypeRef}.Vector512; // settles the kernel path before the JIT compiles a kernel");
}
