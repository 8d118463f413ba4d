using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>The attributes every layer kernel carries, written in one place for every file.</summary>
internal static class KernelAttributes
{
    /// <summary>
    /// Kernels go straight to optimised code: tiered compilation would run them unoptimised for the
    /// first calls. Where the compilation allows unsafe code they also skip zeroing their locals:
    /// the stack scratch (shifted rows, padded kernels) is written in full before it is read.
    /// </summary>
    public static void Write(IndentedTextWriter w, NetworkSpec spec)
    {
        w.Line($"[{MethodImplTypeRef}({MethodImplOptionsTypeRef}.AggressiveOptimization)]");
        if (spec.SkipLocalsInit)
            w.Line($"[{SkipLocalsInitTypeRef}]");
    }
}
