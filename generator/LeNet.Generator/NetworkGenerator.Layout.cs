using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Diagnostics;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Shape inference: chains each layer's output shape into the next layer's input, checks every
    /// declaration against the shape it receives, and assigns parameter and activation offsets.
    /// The runtime's NetworkDescription computes the same layout independently; the runtime tests
    /// hold the two together.
    /// </summary>
    internal static class Layout
    {
        /// <summary>The digit-bitmap RBF codes: 10 classes of 7x12 = 84 components.</summary>
        private const int DigitClasses = 10, DigitCodeLength = 84;

        /// <summary>
        /// Names the generated class already uses, and the unqualified type names its code refers to;
        /// labels become nested class names beside them, and Forward{label} etc. method names.
        /// </summary>
        private static readonly HashSet<string> Reserved = new()
        {
            "Description", "Forward", "ForwardBatch", "Backward", "BackwardBatch", "BackwardCurvature",
            "InputChannels", "InputHeight", "InputWidth", "InputSize", "OutputSize", "ParameterCount",
            "ActivationCount", "ScratchSize", "Layout", "NetworkName",
            // The per-sample drivers, and the label that would make Forward{label} one of them.
            "ForwardSample", "BackwardSample", "CurvatureSample", "Sample",
            // Types the generated code names without qualification: a nested class would hide them.
            "Guard", "VectorMath", "Unsafe", "MemoryMarshal", "MathF", "Vector128", "Vector256", "Vector512",
        };

        public static EquatableArray<LayerSpec>? Resolve(string className, Shape input, List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics)
        {
            var specs = new List<LayerSpec>(layers.Count);
            var labels = new HashSet<string>();
            Shape shape = input;
            int parameters = 0, activations = 0;
            for (int index = 0; index < layers.Count; index++)
            {
                LayerDeclaration layer = layers[index];
                string label = layer.Label ?? DefaultLabel(layer.Kind!.Value, index);
                CheckLabel(className, label, layer, labels, diagnostics);
                if (layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax && index != layers.Count - 1)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputNotLast, layer.Location, label, layer.Kind == LayerKind.Softmax ? "softmax" : "radial basis"));

                EquatableArray<EquatableArray<int>> table = default;
                Shape? output = OutputShape(label, layer, shape, ref table, diagnostics);
                if (output is null)
                    return null; // later shapes would be meaningless; the reported error is the one to fix
                int count = ParameterCount(layer, shape, output.Value, table);
                specs.Add(new LayerSpec(index, layer.Kind!.Value, label,
                    layer.Kind == LayerKind.Softmax ? shape.Size : layer.Size, layer.Kernel,
                    layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax ? Activation.Identity : layer.Activation,
                    layer.Pooling, layer.Trainable, layer.Centres, table.IsEmpty ? EquatableArray<EquatableArray<int>>.Empty : table,
                    shape, output.Value, parameters, count, activations));
                // Checked, as are ParameterCount and Shape.Size: a declaration too large for int offsets
                // must fail (LENET099) rather than wrap into negative offsets in the generated code.
                parameters = checked(parameters + count);
                activations = checked(activations + output.Value.Size);
                shape = output.Value;
            }
            return specs.ToEquatableArray();
        }

        private static string DefaultLabel(LayerKind kind, int index) => kind switch
        {
            LayerKind.Convolution => $"C{index + 1}",
            LayerKind.Subsampling => $"S{index + 1}",
            LayerKind.FullyConnected => $"F{index + 1}",
            LayerKind.RadialBasis => $"Rbf{index + 1}",
            _ => $"Softmax{index + 1}",
        };

        private static void CheckLabel(string className, string label, LayerDeclaration layer, HashSet<string> labels, List<DiagnosticInfo> diagnostics)
        {
            string? problem =
                !SyntaxFacts.IsValidIdentifier(label) || SyntaxFacts.GetKeywordKind(label) != SyntaxKind.None ? "is not a C# identifier"
                : label == className || Reserved.Contains(label) ? "clashes with a member the generator adds"
                : !labels.Add(label) ? "is used by another layer"
                : null;
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabel, layer.Location, label, problem));
        }

        private static Shape? OutputShape(string label, LayerDeclaration layer, Shape input, ref EquatableArray<EquatableArray<int>> table, List<DiagnosticInfo> diagnostics)
        {
            bool Positive(string what, int value)
            {
                if (value > 0) return true;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositive, layer.Location, $"Layer {label}: {what}", value));
                return false;
            }
            void Option(string message) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, layer.Location, label, message));

            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    if (!Positive("the number of maps", layer.Size) | !Positive("the kernel size", layer.Kernel))
                        return null;
                    if (layer.Kernel > input.Height || layer.Kernel > input.Width)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelTooLarge, layer.Location, label, layer.Kernel, input.Height, input.Width, System.Math.Min(input.Height, input.Width)));
                        return null;
                    }
                    if (layer.Connections is { } entries && !ParseTable(label, layer, entries, input.Channels, ref table, diagnostics))
                        return null;
                    return new Shape(layer.Size, input.Height - layer.Kernel + 1, input.Width - layer.Kernel + 1);

                case LayerKind.Subsampling:
                    if (!Positive("the window size", layer.Size))
                        return null;
                    if (input.Height % layer.Size != 0 || input.Width % layer.Size != 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WindowDoesNotDivide, layer.Location, label, layer.Size, input.Height, input.Width));
                        return null;
                    }
                    if (layer.Trainable && layer.Pooling == Pooling.Max)
                        Option("a trainable coefficient and bias need average pooling; remove Trainable or use Pooling.Average");
                    return new Shape(input.Channels, input.Height / layer.Size, input.Width / layer.Size);

                case LayerKind.FullyConnected:
                    return Positive("the number of units", layer.Size) ? new Shape(layer.Size, 1, 1) : null;

                case LayerKind.RadialBasis:
                    if (!Positive("the number of units", layer.Size))
                        return null;
                    if (layer.Centres == RbfCentres.DigitBitmaps && (layer.Size > DigitClasses || input.Size != DigitCodeLength))
                        Option($"digit-bitmap centres need at most {DigitClasses} units fed by {DigitCodeLength} inputs (7x12 bitmaps), not {layer.Size} units fed by {input.Size}; put an 84-unit layer before it or use trainable random centres");
                    if (layer.Centres == RbfCentres.Random && !layer.Trainable)
                        Option("random centres must be trainable; set Trainable = true or use RbfCentres.DigitBitmaps");
                    return new Shape(layer.Size, 1, 1);

                default:
                    return new Shape(input.Size, 1, 1);
            }
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

        private static int ParameterCount(LayerDeclaration layer, Shape input, Shape output, EquatableArray<EquatableArray<int>> table) => checked(layer.Kind switch
        {
            LayerKind.Convolution => (table.IsEmpty ? output.Channels * input.Channels : table.Sum(set => set.Count)) * layer.Kernel * layer.Kernel + output.Channels,
            LayerKind.Subsampling => layer.Trainable ? 2 * output.Channels : 0,
            LayerKind.FullyConnected => output.Size * input.Size + output.Size,
            LayerKind.RadialBasis => layer.Trainable ? output.Size * input.Size : 0,
            _ => 0,
        });
    }
}
