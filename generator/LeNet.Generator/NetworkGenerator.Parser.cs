using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LeNet.Generator.Diagnostics;
using LeNet.Generator.Emit;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Reads a [Network] class: checks the class itself, reads its layer attributes in declaration
    /// order into <see cref="LayerDeclaration"/>s, then hands them to <see cref="Layout"/> for shape
    /// inference and validation. Never throws: an unexpected exception becomes LENET099.
    /// </summary>
    internal static partial class Parser
    {
        private const string AttributeNamespace = "LeNet";

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken token)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            // A class that is also [Replicate] is the replication pipeline's to report (LENET021).
            if (symbol.GetAttributes().Any(IsReplicateAttribute))
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
            return Guarded(symbol, diagnostics => ParseClass(symbol, context.SemanticModel.Compilation, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0], diagnostics, token));
        }

        /// <summary>Runs <paramref name="parse"/>; an unexpected exception becomes LENET099 at the class, so the generator never throws.</summary>
        private static ParseResult Guarded(INamedTypeSymbol symbol, System.Func<List<DiagnosticInfo>, NetworkSpec?> parse)
        {
            var diagnostics = new List<DiagnosticInfo>();
            try
            {
                NetworkSpec? spec = parse(diagnostics);
                return new ParseResult(diagnostics.Count == 0 ? spec : null, diagnostics.ToEquatableArray());
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // The message format adds its own full stop.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, symbol.Locations.FirstOrDefault(), symbol.Name, exception.Message.TrimEnd('.')));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }
        }

        private static NetworkSpec? ParseClass(INamedTypeSymbol symbol, Compilation compilation, TypeDeclarationSyntax node, AttributeData network,
            List<DiagnosticInfo> diagnostics, CancellationToken token)
        {
            Location identifier = node.Identifier.GetLocation();
            CheckClass(symbol, identifier, node.Modifiers.Any(SyntaxKind.PartialKeyword), diagnostics);
            CheckShortNames(symbol, compilation, identifier, diagnostics, token);
            Network? read = ReadNetwork(symbol, network, identifier, diagnostics, token);
            if (read is null || diagnostics.Count > 0)
                return null;
            return new NetworkSpec(NamespaceOf(symbol), symbol.Name, read.Name, read.Input, read.Layers);
        }

        /// <summary>Reports what makes <paramref name="symbol"/> unfit to be a generated network class (LENET001, LENET002, LENET015).</summary>
        private static void CheckClass(INamedTypeSymbol symbol, Location identifier, bool partial, List<DiagnosticInfo> diagnostics)
        {
            if (!partial)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, identifier, symbol.Name));
            if (symbol.IsStatic)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, identifier, symbol.Name, "static"));
            if (symbol.IsGenericType)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, identifier, symbol.Name, "generic"));
            if (symbol.ContainingType is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, identifier, symbol.Name, $"nested in '{symbol.ContainingType.Name}'"));
            if (symbol.IsRecord)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, identifier, symbol.Name, "a record"));
            if (symbol.IsFileLocal)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, identifier, symbol.Name, "file-local (the generated members live in other files)"));
            if (GeneratedNames.ClassMembers.Contains(symbol.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameClash, identifier, symbol.Name, "a member the generator adds"));
            if (GeneratedNames.ForbiddenTypeNames.Contains(symbol.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameClash, identifier, symbol.Name, "a contextual keyword C# does not allow as a type name"));
        }

        /// <summary>
        /// Reports LENET022 for each short name of the generated code (<see cref="TypeRefs.Aliases"/>)
        /// that something in scope would capture: a member of the class or of a base class, a type or
        /// namespace of the class's namespace and, in the global namespace, a global using alias.
        /// </summary>
        internal static void CheckShortNames(INamedTypeSymbol symbol, Compilation compilation, Location identifier, List<DiagnosticInfo> diagnostics, CancellationToken token)
        {
            foreach ((string alias, string target) in TypeRefs.Aliases)
            {
                string? holder = ShortNameHolder(symbol, compilation, alias, token);
                if (holder is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShortNameTaken, identifier, alias, holder, symbol.Name, target.Replace("global::", "")));
            }
        }

        /// <summary>What in <paramref name="symbol"/>'s scope would capture <paramref name="name"/> in its generated files; null when nothing.</summary>
        private static string? ShortNameHolder(INamedTypeSymbol symbol, Compilation compilation, string name, CancellationToken token)
        {
            for (INamedTypeSymbol? type = symbol; type is not null; type = type.BaseType)
                if (type.GetMembers(name).Any(m => type.Equals(symbol, SymbolEqualityComparer.Default) || m.DeclaredAccessibility != Accessibility.Private))
                    return type.Equals(symbol, SymbolEqualityComparer.Default) ? "a member of the class" : $"a member of its base class '{type.Name}'";
            INamespaceSymbol scope = symbol.ContainingNamespace;
            if (scope.GetMembers(name).FirstOrDefault() is { } found)
            {
                string where = scope.IsGlobalNamespace ? "the global namespace" : $"namespace '{scope.ToDisplayString()}'";
                return found.Equals(symbol, SymbolEqualityComparer.Default) ? "the network class" : $"a {(found is INamespaceSymbol ? "namespace" : "type")} in {where}";
            }
            if (scope.IsGlobalNamespace)
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                    if (tree.GetRoot(token) is CompilationUnitSyntax unit
                        && unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && u.Alias?.Name.Identifier.ValueText == name))
                        return "a global using alias";
            return null;
        }

        /// <summary>A network's name, input and resolved layers, as its attributes declare them.</summary>
        private sealed record Network(string Name, Shape Input, EquatableArray<LayerSpec> Layers);

        /// <summary>
        /// Reads the [Network] class <paramref name="symbol"/>'s name and layer attributes (from source or
        /// from a referenced assembly) and resolves its layout; null when it is not valid. Diagnostics go
        /// to each attribute, or to <paramref name="fallback"/> where an attribute has no source.
        /// </summary>
        private static Network? ReadNetwork(INamedTypeSymbol symbol, AttributeData network, Location fallback,
            List<DiagnosticInfo> diagnostics, CancellationToken token)
        {
            string name = NamedString(network, "Name") is { Length: > 0 } given ? given : symbol.Name;
            Location networkLocation = LocationOf(network, token) ?? fallback;

            List<(AttributeData Data, Location Location)> layerAttributes = symbol.GetAttributes()
                .Where(IsLayerAttribute)
                .Select(data => (data, LocationOf(data, token) ?? fallback))
                .ToList();
            token.ThrowIfCancellationRequested();

            // Layer order is declaration order, which Roslyn only guarantees within one declaration.
            if (layerAttributes.Select(a => a.Data.ApplicationSyntaxReference?.SyntaxTree.FilePath + ":" + a.Data.ApplicationSyntaxReference?.GetSyntax(token).FirstAncestorOrSelf<ClassDeclarationSyntax>()?.SpanStart).Distinct().Count() > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SplitDeclaration, networkLocation, name));
                return null;
            }

            var unknown = layerAttributes.Where(a => !KnownAttributes.Contains(a.Data.AttributeClass!.ToDisplayString())).ToList();
            foreach ((AttributeData data, Location location) in unknown)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayer, location, data.AttributeClass!.Name));
            if (unknown.Count > 0)
                return null;

            var declarations = layerAttributes.Select(a => Read(a.Data, a.Location)).ToList();
            Shape? input = ReadInput(name, declarations, networkLocation, diagnostics);
            var layers = declarations.Where(d => d.Kind is not null).ToList();
            if (input is null)
                return null;
            if (layers.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, networkLocation, name));
                return null;
            }

            EquatableArray<LayerSpec>? resolved = Layout.Resolve(symbol.Name, fallback, input.Value, layers, diagnostics);
            return resolved is null ? null : new Network(name, input.Value, resolved.Value);
        }

        /// <summary>The containing namespace as dotted names without verbatim prefixes, empty for the global namespace.</summary>
        private static string NamespaceOf(INamedTypeSymbol symbol)
        {
            var names = new List<string>();
            for (INamespaceSymbol n = symbol.ContainingNamespace; !n.IsGlobalNamespace; n = n.ContainingNamespace)
                names.Insert(0, n.Name);
            return string.Join(".", names);
        }

        /// <summary>Finds the single, first [Input] and checks it.</summary>
        private static Shape? ReadInput(string name, List<LayerDeclaration> declarations, Location networkLocation, List<DiagnosticInfo> diagnostics)
        {
            var inputs = declarations.Select((d, i) => (Declaration: d, Position: i)).Where(p => p.Declaration.Kind is null).ToList();
            if (inputs.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoInput, networkLocation, name));
                return null;
            }
            if (inputs.Count > 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputNotFirst, inputs[1].Declaration.Location, "this network declares it more than once"));
            else if (inputs[0].Position != 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputNotFirst, inputs[0].Declaration.Location, "move it above the first layer"));

            LayerDeclaration input = inputs[0].Declaration;
            bool valid = true;
            foreach ((string what, int value) in new[] { ("Input channels", input.Size), ("Input height", input.Kernel), ("Input width", input.Extra) })
                if (value <= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositive, input.Location, what, value));
                    valid = false;
                }
            if (valid && (long)input.Size * input.Kernel * input.Extra > Layout.MaxCount)
            {
                Layout.TooLarge(input.Location, "The input", $"it holds {Layout.MoreThanMaxCount}", diagnostics);
                valid = false;
            }
            return valid ? new Shape(input.Size, input.Kernel, input.Extra) : null;
        }

        /// <summary>The layer attributes the generator reads, by full name.</summary>
        private static readonly HashSet<string> KnownAttributes = new()
        {
            "LeNet.InputAttribute", "LeNet.ConvolutionAttribute", "LeNet.SubsamplingAttribute",
            "LeNet.FullyConnectedAttribute", "LeNet.RadialBasisAttribute", "LeNet.SoftmaxAttribute",
        };

        /// <summary>Whether <paramref name="data"/> is LeNet's [Network].</summary>
        private static bool IsNetworkAttribute(AttributeData data) => data.AttributeClass?.ToDisplayString() == NetworkAttributeName;

        /// <summary>Whether <paramref name="data"/> is LeNet's [Replicate].</summary>
        private static bool IsReplicateAttribute(AttributeData data) => data.AttributeClass?.ToDisplayString() == ReplicateAttributeName;

        /// <summary>Whether <paramref name="data"/> is a LeNet.LayerAttribute, the generator's own or a user's subclass.</summary>
        private static bool IsLayerAttribute(AttributeData data)
        {
            for (INamedTypeSymbol? type = data.AttributeClass?.BaseType; type is not null; type = type.BaseType)
                if (type.Name == "LayerAttribute" && type.ContainingNamespace?.ToDisplayString() == AttributeNamespace)
                    return true;
            return false;
        }

        private static Location? LocationOf(AttributeData data, CancellationToken token) =>
            data.ApplicationSyntaxReference?.GetSyntax(token).GetLocation();

        /// <summary>Reads one attribute into a declaration; Kind is null for [Input].</summary>
        private static LayerDeclaration Read(AttributeData data, Location location)
        {
            int Arg(int index) => data.ConstructorArguments.Length > index && data.ConstructorArguments[index].Value is int value ? value : 0;
            int NamedEnum(string property, int fallback) =>
                data.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value is int value ? value : fallback;
            bool NamedBool(string property) =>
                data.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value is true;

            string? label = NamedString(data, "Label");
            return data.AttributeClass!.Name switch
            {
                "InputAttribute" => new LayerDeclaration(null, label, Arg(0), Arg(1), Arg(2), location),
                "ConvolutionAttribute" => new LayerDeclaration(LayerKind.Convolution, label, Arg(0), Arg(1), 0, location)
                {
                    Activation = (Activation)NamedEnum("Activation", (int)Activation.ScaledTanh),
                    Connections = NamedStrings(data, "Connections"),
                },
                "SubsamplingAttribute" => new LayerDeclaration(LayerKind.Subsampling, label, Arg(0), 0, 0, location)
                {
                    Activation = (Activation)NamedEnum("Activation", (int)Activation.Identity),
                    Pooling = (Pooling)NamedEnum("Pooling", (int)Pooling.Average),
                    Trainable = NamedBool("Trainable"),
                },
                "FullyConnectedAttribute" => new LayerDeclaration(LayerKind.FullyConnected, label, Arg(0), 0, 0, location)
                {
                    Activation = (Activation)NamedEnum("Activation", (int)Activation.ScaledTanh),
                },
                "RadialBasisAttribute" => new LayerDeclaration(LayerKind.RadialBasis, label, Arg(0), 0, 0, location)
                {
                    Centres = (RbfCentres)NamedEnum("Centres", (int)RbfCentres.DigitBitmaps),
                    Trainable = NamedBool("Trainable"),
                },
                "SoftmaxAttribute" => new LayerDeclaration(LayerKind.Softmax, label, -1, 0, 0, location),
                _ => throw new System.InvalidOperationException($"Unknown layer attribute {data.AttributeClass.Name}."),
            };
        }

        private static string? NamedString(AttributeData data, string property) =>
            data.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value as string;

        private static string[]? NamedStrings(AttributeData data, string property)
        {
            TypedConstant value = data.NamedArguments.FirstOrDefault(a => a.Key == property).Value;
            return value.Kind == TypedConstantKind.Array && !value.IsNull
                ? value.Values.Select(v => v.Value as string ?? "").ToArray()
                : null;
        }
    }

    /// <summary>
    /// One layer attribute as read, before shapes are known. Lives only inside the parse step (it
    /// holds a Location), never in the cached model.
    /// </summary>
    /// <param name="Kind">Layer kind; null for [Input].</param>
    /// <param name="Label">The declared label, or null.</param>
    /// <param name="Size">Maps/units/window (input: channels).</param>
    /// <param name="Kernel">Kernel side (input: height).</param>
    /// <param name="Extra">Input: width; unused otherwise.</param>
    /// <param name="Location">The attribute, for diagnostics.</param>
    internal sealed record LayerDeclaration(LayerKind? Kind, string? Label, int Size, int Kernel, int Extra, Location Location)
    {
        public Activation Activation { get; init; }
        public Pooling Pooling { get; init; }
        public bool Trainable { get; init; }
        public RbfCentres Centres { get; init; }
        public string[]? Connections { get; init; }
        /// <summary>An output layer of a replicated network: it reads each position's maps (ReplicationRules).</summary>
        public bool PerPosition { get; init; }
    }
}
