using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LeNet.Generator.Emit;

/// <summary>
/// Every type the generated code names. The kernels use short names (<see cref="Aliases"/>): each
/// file declares the using aliases it needs inside its namespace declaration, where only a member
/// of the network class (or of a base class), a type or namespace of the class's own namespace or,
/// for a class in the global namespace, a global type or global using alias could capture the name.
/// The parser reports such a clash (LENET022, <see cref="GeneratedNames.ShortNames"/>), and a layer
/// label may not take one of the names (LENET013). Other types are named in full with
/// <c>global::</c>.
/// The keyword aliases nint and nuint are contextual: a user type of that name would capture them, so
/// the generated code names the types behind them.
/// </summary>
internal static class TypeRefs
{
    public const string NativeIntTypeRef = "IntPtr";
    public const string NativeUIntTypeRef = "UIntPtr";
    public const string ReadOnlySpanTypeRef = "global::System.ReadOnlySpan";
    public const string SpanTypeRef = "global::System.Span";
    public const string MathFTypeRef = "MathF";
    public const string MathTypeRef = "Math";
    public const string UnsafeTypeRef = "Unsafe";
    public const string MethodImplTypeRef = "global::System.Runtime.CompilerServices.MethodImpl";
    public const string MethodImplOptionsTypeRef = "MethodImplOptions";
    public const string SkipLocalsInitTypeRef = "global::System.Runtime.CompilerServices.SkipLocalsInit";
    public const string MemoryMarshalTypeRef = "MemoryMarshal";
    public const string Vector128TypeRef = "Vector128";
    public const string Vector256TypeRef = "Vector256";
    public const string Vector512TypeRef = "Vector512";
    public const string GeneratedCodeTypeRef = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string RuntimeNamespaceRef = "global::LeNet";
    public const string GuardTypeRef = "Guard";
    public const string KernelPathTypeRef = "KernelPath";
    public const string VectorMathTypeRef = "VectorMath";
    public const string LanesTypeRef = "Lanes";
    public const string DigitCodesTypeRef = "DigitCodes";

    /// <summary>The short names and the types they stand for, in the order the files declare them.</summary>
    public static readonly IReadOnlyList<(string Alias, string Target)> Aliases =
    [
        (NativeIntTypeRef, "global::System.IntPtr"),
        (NativeUIntTypeRef, "global::System.UIntPtr"),
        (MathTypeRef, "global::System.Math"),
        (MathFTypeRef, "global::System.MathF"),
        (UnsafeTypeRef, "global::System.Runtime.CompilerServices.Unsafe"),
        (MethodImplOptionsTypeRef, "global::System.Runtime.CompilerServices.MethodImplOptions"),
        (Simd.Type(4), "global::System.Runtime.Intrinsics.Vector128<float>"),
        (Simd.Type(8), "global::System.Runtime.Intrinsics.Vector256<float>"),
        (Simd.Type(16), "global::System.Runtime.Intrinsics.Vector512<float>"),
        (Vector128TypeRef, "global::System.Runtime.Intrinsics.Vector128"),
        (Vector256TypeRef, "global::System.Runtime.Intrinsics.Vector256"),
        (Vector512TypeRef, "global::System.Runtime.Intrinsics.Vector512"),
        (MemoryMarshalTypeRef, "global::System.Runtime.InteropServices.MemoryMarshal"),
        (DigitCodesTypeRef, "global::LeNet.DigitCodes"),
        (GuardTypeRef, "global::LeNet.Kernels.Guard"),
        (KernelPathTypeRef, "global::LeNet.Kernels.KernelPath"),
        (VectorMathTypeRef, "global::LeNet.Kernels.VectorMath"),
        (LanesTypeRef, "global::LeNet.Kernels.Lanes"),
    ];

    /// <summary>The using directives for the short names <paramref name="body"/> uses (a name not preceded by '.' nor part of a longer identifier).</summary>
    public static IEnumerable<string> UsingsFor(string body) => Aliases
        .Where(alias => Regex.IsMatch(body, $@"(?<![\w.@]){alias.Alias}(?!\w)"))
        .Select(alias => $"using {alias.Alias} = {alias.Target};");
}
