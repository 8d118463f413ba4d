using System.Collections.Generic;
using LeNet.Generator.Emit;
using LeNet.Generator.Model;

namespace LeNet.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Writes one network's generated files from its model: text only, no symbols. One file per
    /// concern, named {Namespace}.{Class}.{Concern}.g.cs.
    /// </summary>
    internal static class Emitter
    {
        /// <summary>The generator's version, stamped into [GeneratedCode].</summary>
        private static readonly string Version = typeof(NetworkGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

        public static IEnumerable<(string HintName, string Source)> Emit(NetworkSpec spec)
        {
            yield return ($"{spec.FullName}.Network.g.cs", NetworkFileEmitter.Emit(spec, Version));
            yield return ($"{spec.FullName}.Forward.g.cs", ForwardFileEmitter.Emit(spec));
            yield return ($"{spec.FullName}.Backward.g.cs", BackwardFileEmitter.Emit(spec, Pass.Gradient));
            yield return ($"{spec.FullName}.Curvature.g.cs", BackwardFileEmitter.Emit(spec, Pass.Curvature));
            yield return ($"{spec.FullName}.Block.g.cs", BlockFileEmitter.Emit(spec));
        }
    }
}
