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
            Shape shape = input;
            long parameters = 0, activations = 0, padded = 0;
            for (int index = 0; index < layers.Count; index++)
            {
                LayerDeclaration layer = layers[index];
                string label = layer.Label ?? DefaultLabel(layer.Kind!.Value, index);
                names.Check(label, layer, classLocation, diagnostics);
                if (layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax && index != layers.Count - 1)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputNotLast, layer.Location, label, layer.Kind == LayerKind.Softmax ? "softmax" : "radial basis"));
                if (!CheckOptions(label, layer, diagnostics))
                    return null;

                EquatableArray<EquatableArray<int>> table = default;
                Shape? output;
                long count;
                try
                {
                    output = OutputShape(label, layer, shape, ref table, diagnostics);
                    if (output is null)
                        return null; // later shapes would be meaningless; the reported error is the one to fix
                    count = ParameterCount(layer, shape, output.Value, table);
                    _ = output.Value.Size;
                }
                catch (System.OverflowException)
                {
                    TooLarge(layer.Location, $"Layer {label}", $"its output or parameters hold {MoreThanMaxCount}", diagnostics);
                    return null;
                }
                if (Unrolled(layer, shape) > MaxUnrolled)
                {
                    TooLarge(layer.Location, $"Layer {label}", layer.Kind == LayerKind.Convolution
                        ? $"its kernel is unrolled, and {Format.Int(layer.Kernel)}x{Format.Int(layer.Kernel)} taps over rows of {Format.Int(System.Math.Min(shape.Width, ConvolutionEmitter.MaxRow))} columns (a wider row runs in tiles of {Format.Int(ConvolutionEmitter.MaxRow)}) make more than {Format.Count(MaxUnrolled)} terms"
                        : $"its window is unrolled, and {Format.Int(layer.Size)}x{Format.Int(layer.Size)} cells make more than {Format.Count(MaxUnrolled)} terms", diagnostics);
                    return null;
                }
                if (!table.IsEmpty && (long)output.Value.Channels * shape.Channels > MaxTable)
                {
                    TooLarge(layer.Location, $"Layer {label}", $"its connection table is written out in full, and {Format.Int(output.Value.Channels)} output maps x {Format.Int(shape.Channels)} input maps make more than {Format.Count(MaxTable)} entries", diagnostics);
                    return null;
                }
                var spec = new LayerSpec(index, layer.Kind!.Value, label,
                    layer.Kind == LayerKind.Softmax ? (int)LayoutRules.VectorLength(layer.PerPosition, shape.Channels, shape.Size) : layer.Size, layer.Kernel,
                    layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax ? Activation.Identity : layer.Activation,
                    layer.Pooling, layer.Trainable, layer.Centres, table.IsEmpty ? EquatableArray<EquatableArray<int>>.Empty : table,
                    shape, output.Value, (int)System.Math.Min(parameters, int.MaxValue), (int)count, (int)System.Math.Min(activations, int.MaxValue), layer.PerPosition);
                parameters += count;
                activations += output.Value.Size;
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
                shape = output.Value;
            }
            return specs.ToEquatableArray();
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
            LayerKind.FullyConnected or LayerKind.RadialBasis or LayerKind.Softmax => 0,
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
            _ => throw LayerKinds.Unknown(kind),
        };

        /// <summary>Reports option values outside their enums (an integer cast to Activation, say), which have no code to generate.</summary>
        private static bool CheckOptions(string label, LayerDeclaration layer, List<DiagnosticInfo> diagnostics)
        {
            bool valid = true;
            void Check<T>(string property, T value) where T : struct, System.Enum
            {
                if (System.Enum.IsDefined(typeof(T), value)) return;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, layer.Location, label,
                    $"{property} = ({typeof(T).Name}){System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} is not a defined value; use one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}"));
                valid = false;
            }
            Check("Activation", layer.Activation);
            Check("Pooling", layer.Pooling);
            Check("Centres", layer.Centres);
            return valid;
        }

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

        private static Shape? OutputShape(string label, LayerDeclaration layer, Shape input, ref EquatableArray<EquatableArray<int>> table, List<DiagnosticInfo> diagnostics)
        {
            bool Positive(string what, int value)
            {
                if (value > 0) return true;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositive, layer.Location, $"Layer {label}: {what}", value));
                return false;
            }

            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    if (!Positive("the number of maps", layer.Size) | !Positive("the kernel size", layer.Kernel))
                        return null;
                    if (!LayoutRules.KernelFits(layer.Kernel, input.Height, input.Width))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelTooLarge, layer.Location, label, layer.Kernel, input.Height, input.Width, System.Math.Min(input.Height, input.Width)));
                        return null;
                    }
                    if (layer.Connections is { } entries && !ParseTable(label, layer, entries, input.Channels, ref table, diagnostics))
                        return null;
                    break;

                case LayerKind.Subsampling:
                    if (!Positive("the window size", layer.Size))
                        return null;
                    if (!LayoutRules.WindowDivides(layer.Size, input.Height, input.Width))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WindowDoesNotDivide, layer.Location, label, layer.Size, input.Height, input.Width));
                        return null;
                    }
                    break;

                case LayerKind.FullyConnected or LayerKind.RadialBasis:
                    if (!Positive("the number of units", layer.Size))
                        return null;
                    break;

                case LayerKind.Softmax:
                    break;

                default:
                    throw LayerKinds.Unknown(layer.Kind!.Value);
            }
            long vector = LayoutRules.VectorLength(layer.PerPosition, input.Channels, input.Size);
            if (LayoutRules.OptionProblem(layer.Kind!.Value, layer.Size, vector, layer.Trainable, layer.Pooling, layer.Centres) is { } problem)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, layer.Location, label, problem));
            (int channels, int height, int width) = LayoutRules.OutputShape(layer.Kind!.Value, layer.Size, layer.Kernel, input.Channels, input.Height, input.Width, layer.PerPosition);
            return new Shape(channels, height, width);
        }

        /// <summary>Parses "0,1,2"-style entries into input-map sets, reporting each bad entry.</summary>
        private static bool ParseTable(string label, LayerDeclaration layer, string[] entries, int inputMaps, ref EquatableArray<EquatableArray<int>> table, List<DiagnosticInfo> diagnostics)
        {
            if (entries.Length != layer.Size)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableWrongSize, layer.Location, label, entries.Length, layer.Size));
                return false;
            }
            var sets = new List<EquatableArray<int>>(entries.Length);
            bool valid = true;
            for (int map = 0; map < entries.Length; map++)
            {
                string entry = entries[map];
                string? problem = null;
                var set = new List<int>();
                // An empty entry splits into one empty part; catch it first so the message says "empty".
                if (entry.Trim().Length == 0)
                    problem = "is empty; every output map must read at least one input map";
                else foreach (string part in entry.Split(','))
                {
                    if (!int.TryParse(part.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int input))
                        problem = $"has '{part.Trim()}', which is not a map index";
                    else if (input >= inputMaps)
                        problem = $"names input map {input}, but the input has maps 0..{inputMaps - 1}";
                    else if (set.Contains(input))
                        problem = $"names input map {input} twice";
                    else
                        set.Add(input);
                    if (problem is not null) break;
                }
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableBadEntry, layer.Location, label, map, entry, problem));
                    valid = false;
                }
                sets.Add(set.ToEquatableArray());
            }
            table = sets.ToEquatableArray();
            return valid;
        }

        private static long ParameterCount(LayerDeclaration layer, Shape input, Shape output, EquatableArray<EquatableArray<int>> table) =>
            LayoutRules.ParameterCount(layer.Kind!.Value, table.IsEmpty ? (long)output.Channels * input.Channels : table.Sum(set => set.Count),
                layer.Kernel, output.Channels, input.Channels, input.Size, output.Size, layer.Trainable, layer.PerPosition);
    }
}
