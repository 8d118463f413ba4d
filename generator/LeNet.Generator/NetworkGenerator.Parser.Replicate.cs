using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LeNet.Generator.Diagnostics;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeNet.Generator;

public sealed partial class NetworkGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Reads a [Replicate] class: checks the class, reads the field network's attributes (in this
        /// compilation or a referenced assembly), checks that it can be replicated along the width
        /// (<see cref="ReplicationRules"/>), and resolves the strip's layers with <see cref="Layout"/>
        /// as any network's. Never throws: an unexpected exception becomes LENET099.
        /// </summary>
        public static ParseResult ParseReplica(GeneratorAttributeSyntaxContext context, CancellationToken token)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            return Guarded(symbol, diagnostics => ParseReplicaClass(symbol, context.SemanticModel.Compilation, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0], diagnostics, token));
        }

        private static NetworkSpec? ParseReplicaClass(INamedTypeSymbol symbol, Compilation compilation, TypeDeclarationSyntax node, AttributeData replicate,
            List<DiagnosticInfo> diagnostics, CancellationToken token)
        {
            Location identifier = node.Identifier.GetLocation();
            CheckClass(symbol, identifier, node.Modifiers.Any(SyntaxKind.PartialKeyword), diagnostics);
            CheckShortNames(symbol, compilation, identifier, diagnostics, token);
            foreach (AttributeData own in symbol.GetAttributes().Where(a => IsNetworkAttribute(a) || IsLayerAttribute(a)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReplicaWithLayers, LocationOf(own, token) ?? identifier, symbol.Name,
                    IsNetworkAttribute(own) ? "[Network]" : $"layer [{ShortName(own.AttributeClass!.Name)}]"));

            var syntax = replicate.ApplicationSyntaxReference?.GetSyntax(token) as AttributeSyntax;
            Location attribute = syntax?.GetLocation() ?? identifier;
            Location fieldLocation = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? attribute;
            Location NamedLocation(string name) => syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation() ?? attribute;
            Location widthLocation = NamedLocation("Width"), heightLocation = NamedLocation("Height");

            // An argument the compiler cannot bind is the compiler's error to report.
            if (replicate.ConstructorArguments.Length != 1 || replicate.ConstructorArguments[0].Kind == TypedConstantKind.Error
                || replicate.ConstructorArguments[0].Value is ITypeSymbol { TypeKind: TypeKind.Error })
                return null;
            var field = replicate.ConstructorArguments[0].Value as INamedTypeSymbol;
            AttributeData? network = field?.GetAttributes().FirstOrDefault(IsNetworkAttribute);
            if (field is null || network is null)
            {
                string type = replicate.ConstructorArguments[0].Value is ITypeSymbol other ? other.ToDisplayString() : "null";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotANetwork, fieldLocation, type));
                return null;
            }

            // The field's own errors are reported on the field (when it is in this compilation); here they only stop the strip.
            var fieldDiagnostics = new List<DiagnosticInfo>();
            bool fieldPartial = field.DeclaringSyntaxReferences.Length == 0
                || field.DeclaringSyntaxReferences.Any(r => r.GetSyntax(token) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
            CheckClass(field, fieldLocation, fieldPartial, fieldDiagnostics);
            if (field.GetAttributes().Any(IsReplicateAttribute))
                fieldDiagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReplicaWithLayers, fieldLocation, field.Name, "[Network]"));
            Network? read = fieldDiagnostics.Count == 0 ? ReadNetwork(field, network, fieldLocation, fieldDiagnostics, token) : null;
            string fieldName = NamedString(network, "Name") is { Length: > 0 } given ? given : field.Name;
            if (read is null || fieldDiagnostics.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotReplicable, fieldLocation, fieldName, "its declaration has errors; fix them first"));
                return null;
            }

            int step = 1;
            foreach (LayerSpec layer in read.Layers)
            {
                step *= ReplicationRules.StepFactor(layer.Kind, layer.Size);
                if ((ReplicationRules.LayerProblem(layer.Kind, layer.Label, layer.Input.Height, layer.Input.Width)
                     ?? ReplicationRules.WindowProblem(layer.Label, layer.Padding, layer.Stride, layer.Floor)) is { } problem)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotReplicable, fieldLocation, fieldName, problem));
            }
            Shape last = read.Layers[read.Layers.Count - 1].Output;
            if (ReplicationRules.OutputProblem(last.Height, last.Width) is { } output)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotReplicable, fieldLocation, fieldName, output));
            if (diagnostics.Count > 0)
                return null;

            int width = replicate.NamedArguments.FirstOrDefault(a => a.Key == "Width").Value.Value is int declared ? declared : 0;
            int height = replicate.NamedArguments.FirstOrDefault(a => a.Key == "Height").Value.Value is int high && high != 0 ? high : read.Input.Height;
            if (ReplicationRules.SizeProblem("width", read.Input.Width, width, step) is { } fit)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StripWidth, widthLocation, symbol.Name, fit));
            if (ReplicationRules.SizeProblem("height", read.Input.Height, height, step) is { } rows)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PageHeight, heightLocation, symbol.Name, rows));
            if (diagnostics.Count > 0)
                return null;
            if ((long)read.Input.Channels * height * width > Layout.MaxCount)
            {
                Layout.TooLarge(height == read.Input.Height ? widthLocation : heightLocation, "The replicated network's input", $"it holds {Layout.MoreThanMaxCount}", diagnostics);
                return null;
            }

            var input = new Shape(read.Input.Channels, height, width);
            var layers = read.Layers.Select(layer => StripLayer(layer, attribute)).ToList();
            EquatableArray<LayerSpec>? resolved = Layout.Resolve(symbol.Name, identifier, input, layers, diagnostics);
            if (resolved is null || diagnostics.Count > 0)
                return null;
            var replica = new ReplicaSpec(field.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), fieldName, read.Input.Width, step,
                ReplicationRules.Positions(read.Input.Width, width, step), read.Input.Height, ReplicationRules.Positions(read.Input.Height, height, step));
            return new NetworkSpec(NamespaceOf(symbol), symbol.Name, ReplicationRules.StripName(fieldName, width, height, read.Input.Height), input, resolved.Value, replica);
        }

        /// <summary>An attribute's name as written in source: without its Attribute suffix.</summary>
        private static string ShortName(string name) =>
            name.EndsWith("Attribute", System.StringComparison.Ordinal) && name.Length > "Attribute".Length ? name.Substring(0, name.Length - "Attribute".Length) : name;

                /// <summary>A resolved field layer as the strip declares it (<see cref="ReplicationRules.StripLayer"/>), at the [Replicate] attribute.</summary>
        private static LayerDeclaration StripLayer(LayerSpec layer, Location location)
        {
            (LayerKind kind, int kernel, bool perPosition) = ReplicationRules.StripLayer(layer.Kind, layer.Kernel, layer.Input.Height);
            return new LayerDeclaration(kind, layer.Label, layer.Size, kernel, 0, location)
            {
                Activation = layer.Activation,
                Pooling = layer.Pooling,
                Trainable = layer.Trainable,
                Centres = layer.Centres,
                Connections = layer.HasTable ? layer.Connections.Select(set => string.Join(",", set.Select(Format.Int))).ToArray() : null,
                PerPosition = perPosition,
                Padding = layer.Padding,
                Stride = layer.Stride,
                Floor = layer.Floor,
                Rate = layer.Rate,
            };
        }
    }
}
