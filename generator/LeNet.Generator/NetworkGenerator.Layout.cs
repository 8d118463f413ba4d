using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Diagnostics;
using LeNet.Generator.Emit;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Shape inference: chains each layer's output shape into the next layer's input, checks every
    /// declaration against the shape it receives, and assigns parameter and activation offsets.
    /// The rules themselves (shapes, parameter counts, options) are <see cref="LayoutRules"/>, the
    /// file the runtime's NetworkDescription is built with too.
    /// </summary>
    internal static class Layout
    {
        /// <summary>
        /// Resolves every layer's shapes and offsets, reporting each bad declaration at its attribute
        /// (or, when the class name is what clashes, at <paramref name="classLocation"/>); null when
        /// the shapes cannot be worked out.
        /// </summary>
        public static EquatableArray<LayerSpec>? Resolve(string className, Location classLocation, Shape input, List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics)
        {
            var specs = new List<LayerSpec>(layers.Count);
            var names = new Names(className);
            var declared = new List<DeclaredLayer>(layers.Count);
            for (int index = 0; index < layers.Count; index++)
            {
                LayerDeclaration layer = layers[index];
                declared.Add(new DeclaredLayer(layer.Kind!.Value, layer.Label ?? DefaultLabel(layer.Kind!.Value, index), layer.Size, layer.Kernel,
                    layer.Activation, layer.Pooling, layer.Trainable, layer.Centres, layer.Connections, layer.PerPosition,
                    layer.Padding, layer.Stride, layer.Floor, layer.Rate));
            }
            long padded = 0;
            foreach (LayoutStep step in LayoutRules.Walk(input, declared))
            {
                LayerDeclaration layer = layers[step.Index];
                string label = declared[step.Index].Label;
                names.Check(label, layer, classLocation, diagnostics);
                foreach (LayoutProblem problem in step.Problems)
                    Report(problem, layer.Location, diagnostics);
                if (step.Output is not { } output || step.Problems.Exists(p => p.Kind == LayoutProblemKind.Overflow))
                    return null; // later shapes would be meaningless; the reported error is the one to fix
                Shape shape = step.Input;
                var table = step.Table is { } sets ? sets.Select(set => set.ToEquatableArray()).ToEquatableArray() : EquatableArray<EquatableArray<int>>.Empty;
                if (Unrolled(layer, shape) > MaxUnrolled)
                {
                    TooLarge(layer.Location, $"Layer {label}", layer.Kind == LayerKind.Convolution
                        ? $"its kernel is unrolled, and {Format.Int(layer.Kernel)}x{Format.Int(layer.Kernel)} taps over rows of {Format.Int(System.Math.Min(shape.Width, ConvolutionEmitter.MaxRow))} columns (a wider row runs in tiles of {Format.Int(ConvolutionEmitter.MaxRow)}) make more than {Format.Count(MaxUnrolled)} terms"
                        : $"its window is unrolled, and {Format.Int(layer.Size)}x{Format.Int(layer.Size)} cells make more than {Format.Count(MaxUnrolled)} terms", diagnostics);
                    return null;
                }
                if (!table.IsEmpty && (long)output.Channels * shape.Channels > MaxTable)
                {
                    TooLarge(layer.Location, $"Layer {label}", $"its connection table is written out in full, and {Format.Int(output.Channels)} output maps x {Format.Int(shape.Channels)} input maps make more than {Format.Count(MaxTable)} entries", diagnostics);
                    return null;
                }
                var spec = new LayerSpec(step.Index, layer.Kind!.Value, label,
                    layer.Kind == LayerKind.Softmax ? (int)LayoutRules.VectorLength(layer.PerPosition, shape.Channels, shape.Size) : layer.Kind == LayerKind.Dropout ? 0 : layer.Size, layer.Kernel,
                    layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax ? Activation.Identity : layer.Activation,
                    layer.Pooling, layer.Trainable, layer.Centres, table,
                    shape, output, (int)System.Math.Min(step.ParameterOffset, int.MaxValue), (int)System.Math.Min(step.ParameterCount, int.MaxValue),
                    (int)System.Math.Min(step.ActivationOffset, int.MaxValue), layer.PerPosition,
                    layer.Padding, layer.Stride, layer.Floor, (float)layer.Rate);
                long parameters = step.ParameterOffset + step.ParameterCount, activations = step.ActivationOffset + output.Size;
                if (spec.Kind == LayerKind.Convolution)
                    padded = System.Math.Max(padded, (long)spec.Output.Channels * (spec.Output.Height + 2L * (spec.Kernel - 1)) * (spec.Output.Width + 2L * (spec.Kernel - 1)));
                // Every count the generated code holds is an int, times the samples of a block where it
                // runs one per lane: parameters, and a sample's input, activations and the scratch of a
                // backward call (the largest padded delta, or a dense layer's transposed input, which is
                // no larger than the input or an activation).
                if (parameters > MaxCount || input.Size + activations + padded > MaxCount)
                {
                    TooLarge(layer.Location, $"Layer {label}", (parameters > MaxCount ? "the network's parameters" : "a sample's input, activations and backward scratch")
                        + $" would hold {MoreThanMaxCount}", diagnostics);
                    return null;
                }
                specs.Add(spec);
            }
            return specs.ToEquatableArray();
        }

        /// <summary>Reports a problem the shared walk found as its located diagnostic.</summary>
        private static void Report(LayoutProblem problem, Location location, List<DiagnosticInfo> diagnostics)
        {
            if (problem.Kind == LayoutProblemKind.Overflow)
            {
                TooLarge(location, $"Layer {problem.Arguments[0]}", $"its output or parameters hold {MoreThanMaxCount}", diagnostics);
                return;
            }
            DiagnosticDescriptor descriptor = problem.Kind switch
            {
                LayoutProblemKind.NonPositive => DiagnosticDescriptors.NonPositive,
                LayoutProblemKind.KernelTooLarge => DiagnosticDescriptors.KernelTooLarge,
                LayoutProblemKind.WindowDoesNotDivide => DiagnosticDescriptors.WindowDoesNotDivide,
                LayoutProblemKind.TableWrongSize => DiagnosticDescriptors.TableWrongSize,
                LayoutProblemKind.TableBadEntry => DiagnosticDescriptors.TableBadEntry,
                LayoutProblemKind.OutputNotLast => DiagnosticDescriptors.OutputNotLast,
                LayoutProblemKind.InvalidOption => DiagnosticDescriptors.InvalidOption,
                _ => throw new System.ArgumentOutOfRangeException(nameof(problem), problem.Kind, "a layout problem without a diagnostic"),
            };
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, problem.Arguments));
        }

        /// <summary>The most samples a block runs at once: the float lanes of a Vector512.</summary>
        public const int MaxBlock = 16;

        /// <summary>
        /// The largest count (parameters, input, activations, scratch floats) a network may need: a
        /// block of <see cref="MaxBlock"/> samples of it must still be indexed with an int.
        /// </summary>
        public const int MaxCount = int.MaxValue / MaxBlock;

        /// <summary>The count rule as diagnostics state it: "more than {MaxCount} floats (...)".</summary>
        public static string MoreThanMaxCount => $"more than {Format.Count(MaxCount)} floats (int.MaxValue / {Format.Int(MaxBlock)}, so that a block of {Format.Int(MaxBlock)} samples is indexed with an int)";

        /// <summary>
        /// The most entries of a convolution's connection table, which the generated code writes out
        /// in full (output maps x input maps); LeNet-5's Table I has 96.
        /// </summary>
        public const int MaxTable = 16384;

        /// <summary>
        /// The most terms one kernel may unroll: a convolution's k x k taps times its input row width
        /// (each row, or tile of <see cref="ConvolutionEmitter.MaxRow"/> columns of a wider row, is
        /// held in registers), a pooling window's k x k cells. Bounds the generated code (LeNet-5's
        /// largest is 5x5 taps over rows of 32, 800 terms).
        /// </summary>
        public const int MaxUnrolled = 16384;

        internal static long Unrolled(LayerDeclaration layer, Shape input) => layer.Kind switch
        {
            LayerKind.Convolution => (long)layer.Kernel * layer.Kernel * System.Math.Min(input.Width, ConvolutionEmitter.MaxRow),
            LayerKind.Subsampling => (long)layer.Size * layer.Size,
            LayerKind.FullyConnected or LayerKind.RadialBasis or LayerKind.Softmax or LayerKind.Dropout => 0,
            _ => throw LayerKinds.Unknown(layer.Kind!.Value),
        };

        /// <summary>Reports LENET016: <paramref name="what"/> is too large for the generated code, because <paramref name="why"/>.</summary>
        public static void TooLarge(Location location, string what, string why, List<DiagnosticInfo> diagnostics) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, location, what, why));

        internal static string DefaultLabel(LayerKind kind, int index) => kind switch
        {
            LayerKind.Convolution => $"C{index + 1}",
            LayerKind.Subsampling => $"S{index + 1}",
            LayerKind.FullyConnected => $"F{index + 1}",
            LayerKind.RadialBasis => $"Rbf{index + 1}",
            LayerKind.Softmax => $"Softmax{index + 1}",
            LayerKind.Dropout => $"D{index + 1}",
            _ => throw LayerKinds.Unknown(kind),
        };

        /// <summary>
        /// The names the generated class holds so far, with what owns each; checks each label (and
        /// the names made from it) against them.
        /// </summary>
        private sealed class Names
        {
            private readonly Dictionary<string, string?> _owners = new();
            private readonly string _className;

            public Names(string className)
            {
                _className = className;
                foreach (string member in GeneratedNames.ClassMembers) _owners[member] = null;
                _owners[className] = null;
            }

            public void Check(string label, LayerDeclaration layer, Location classLocation, List<DiagnosticInfo> diagnostics)
            {
                string? problem = LabelProblem(label);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabel, layer.Location, label, problem));
                    return;
                }
                if (_owners.TryGetValue(label, out string? owner) && owner == label)
                    problem = "is used by another layer";
                else if (GeneratedNames.ObjectMembers.Contains(label))
                    problem = $"would hide object.{label}";
                else if (GeneratedNames.ShortNames.Contains(label))
                    problem = "is a short name the generated code uses for a type";
                else if (GeneratedNames.KernelLocals.Contains(label))
                    problem = "is the name of a code path's local function in every kernel";
                else if (GeneratedNames.UserNames.Contains(label))
                    problem = $"would hide LeNet.{label}, which the layer attributes name";
                else if (_owners.TryGetValue(label, out owner) || GeneratedNames.LayerClassMembers.Contains(label))
                    problem = owner is null ? "clashes with a member the generator adds" : $"clashes with a member the generator adds for layer {owner}";
                else
                    foreach (string name in GeneratedNames.OfLayer(label))
                        if (name == _className && layer.Label is null)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameClash, classLocation, _className, $"a member the generator adds for layer {label}"));
                            return;
                        }
                        else if (name != label && _owners.TryGetValue(name, out owner))
                        {
                            problem = $"makes the generator add {name}, which " + (owner is null ? (name == _className ? "is the class name" : "is already one of its members") : $"clashes with layer {owner}");
                            break;
                        }
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabel, layer.Location, label, problem));
                    return;
                }
                foreach (string name in GeneratedNames.OfLayer(label)) _owners[name] = label;
            }

            /// <summary>Why <paramref name="label"/> cannot name a nested class, or null.</summary>
            private static string? LabelProblem(string label)
            {
                if (!SyntaxFacts.IsValidIdentifier(label) || SyntaxFacts.GetKeywordKind(label) != SyntaxKind.None)
                    return "is not a C# identifier";
                foreach (char c in label)
                    if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                        return $"contains the invisible format character U+{(int)c:X4}, which C# ignores in names";
                // Names of lower-case letters are C#'s (contextual) keywords and the generated code's
                // locals and parameters; an upper-case first letter keeps labels clear of all of them.
                if (!char.IsUpper(label[0]) && char.GetUnicodeCategory(label[0]) != System.Globalization.UnicodeCategory.TitlecaseLetter)
                    return "does not start with an upper-case letter";
                return null;
            }
        }
    }
}
