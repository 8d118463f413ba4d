namespace LeNet.Generator.Emit;

/// <summary>
/// Every type the generated code names, fully qualified. Generated files have no using directives:
/// a user type, a namespace or a layer's nested class of the same simple name can never capture one
/// of these references.
/// The keyword aliases nint and nuint are contextual: a user type of that name would capture them, so
/// the generated code names the types behind them.
/// </summary>
internal static class TypeRefs
{
    public const string NativeIntTypeRef = "global::System.IntPtr";
    public const string NativeUIntTypeRef = "global::System.UIntPtr";
    public const string ReadOnlySpanTypeRef = "global::System.ReadOnlySpan";
    public const string SpanTypeRef = "global::System.Span";
    public const string MathFTypeRef = "global::System.MathF";
    public const string MathTypeRef = "global::System.Math";
    public const string UnsafeTypeRef = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MethodImplTypeRef = "global::System.Runtime.CompilerServices.MethodImpl";
    public const string MethodImplOptionsTypeRef = "global::System.Runtime.CompilerServices.MethodImplOptions";
    public const string MemoryMarshalTypeRef = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string Vector128TypeRef = "global::System.Runtime.Intrinsics.Vector128";
    public const string Vector256TypeRef = "global::System.Runtime.Intrinsics.Vector256";
    public const string Vector512TypeRef = "global::System.Runtime.Intrinsics.Vector512";
    public const string GeneratedCodeTypeRef = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string RuntimeNamespaceRef = "global::LeNet";
    public const string GuardTypeRef = "global::LeNet.Kernels.Guard";
    public const string KernelPathTypeRef = "global::LeNet.Kernels.KernelPath";
    public const string VectorMathTypeRef = "global::LeNet.Kernels.VectorMath";
    public const string DigitCodesTypeRef = "global::LeNet.DigitCodes";
}
