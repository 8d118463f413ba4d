using System.Collections.Immutable;
using LeNet.Generator.Diagnostics;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeNet.Generator;

/// <summary>
/// Turns a <c>[Network]</c> partial class and its layer attributes into specialised code: shape
/// constants and the parameter layout, a forward pass, a backward pass and the paper's second-order
/// (curvature) pass, all with compile-time shapes; and a <c>[Replicate]</c> partial class into the
/// same code for its field network replicated along a strip. This file only wires the pipelines;
/// parsing is in NetworkGenerator.Parser*.cs and writing in NetworkGenerator.Emitter.cs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>Metadata name of the marker attribute.</summary>
    internal const string NetworkAttributeName = "LeNet.NetworkAttribute";

    /// <summary>Metadata name of the replication attribute.</summary>
    internal const string ReplicateAttributeName = "LeNet.ReplicateAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // ForAttributeWithMetadataName runs the cheap predicate only on nodes carrying an attribute
        // in edited files, and the transform only for classes with [Network] (or [Replicate]). The
        // transform reads symbols, but returns a ParseResult made of values only, so Roslyn can
        // compare it with the previous run's and skip everything downstream when an edit does not
        // touch the network.
        IncrementalValuesProvider<ParseResult> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (attributeContext, token) => Parser.Parse(attributeContext, token))
            .WithTrackingName(TrackingNames.Parse);

        // A replicated network reads its field's attributes, from source or from a referenced assembly.
        IncrementalValuesProvider<ParseResult> replicas = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ReplicateAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (attributeContext, token) => Parser.ParseReplica(attributeContext, token))
            .WithTrackingName(TrackingNames.ParseReplica);

        // Whether the user's compilation allows unsafe code: only then may the kernels carry
        // [SkipLocalsInit] (CS0227 otherwise), which spares zeroing their stackalloc'd scratch.
        IncrementalValueProvider<bool> allowUnsafe = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options is CSharpCompilationOptions { AllowUnsafe: true })
            .WithTrackingName(TrackingNames.AllowUnsafe);

        Register(context, networks, allowUnsafe);
        Register(context, replicas, allowUnsafe);
    }

    /// <summary>
    /// Two branches off the same model: a diagnostics-only edit never re-emits code, and a code
    /// change never re-reports diagnostics.
    /// </summary>
    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ParseResult> parsed, IncrementalValueProvider<bool> allowUnsafe)
    {
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => !d.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Combine(allowUnsafe)
            .Select(static (pair, _) => pair.Left.Spec! with { SkipLocalsInit = pair.Right })
            .WithTrackingName(TrackingNames.Output);

        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list) output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        context.RegisterSourceOutput(specs, static (output, spec) =>
        {
            try
            {
                foreach ((string hintName, string source) in Emitter.Emit(spec))
                    output.AddSource(hintName, source);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.ClassName, exception.Message.TrimEnd('.')));
            }
        });
    }

    /// <summary>What the parse step hands on: the model (null when the declaration is invalid) and its diagnostics.</summary>
    internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
