namespace LeNet.Generator;

/// <summary>Names of the pipeline steps, so tests can assert each one is cached on an unrelated edit.</summary>
internal static class TrackingNames
{
    /// <summary>Attribute + symbols -> model and diagnostics.</summary>
    public const string Parse = nameof(Parse);
    /// <summary>[Replicate] attribute + symbols (the class and its field) -> model and diagnostics.</summary>
    public const string ParseReplica = nameof(ParseReplica);
    /// <summary>The diagnostics branch.</summary>
    public const string Diagnostics = nameof(Diagnostics);
    /// <summary>Compilation -> whether it allows unsafe code (the kernels then skip zeroing their locals).</summary>
    public const string AllowUnsafe = nameof(AllowUnsafe);
    /// <summary>The code branch (model without diagnostics).</summary>
    public const string Output = nameof(Output);
}
