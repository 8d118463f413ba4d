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
            string prefix = HintPrefix(spec.FullName);
            yield return ($"{prefix}.Network.g.cs", SourceHeader.Finish(NetworkFileEmitter.Emit(spec, Version)));
            yield return ($"{prefix}.Forward.g.cs", SourceHeader.Finish(ForwardFileEmitter.Emit(spec)));
            yield return ($"{prefix}.Backward.g.cs", SourceHeader.Finish(BackwardFileEmitter.Emit(spec, Pass.Gradient)));
            yield return ($"{prefix}.Curvature.g.cs", SourceHeader.Finish(BackwardFileEmitter.Emit(spec, Pass.Curvature)));
            yield return ($"{prefix}.Block.g.cs", SourceHeader.Finish(BlockFileEmitter.Emit(spec)));
        }

        /// <summary>
        /// The class's full name as a hint name: ASCII letters, digits, '.' and '_' stay; any other
        /// character an identifier may hold (non-ASCII letters, combining marks...) becomes -XXXX-,
        /// which no identifier contains, so distinct classes keep distinct hint names.
        /// </summary>
        private static string HintPrefix(string fullName)
        {
            var text = new System.Text.StringBuilder(fullName.Length);
            foreach (char c in fullName)
            {
                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_') text.Append(c);
                else text.Append('-').Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('-');
            }
            return text.ToString();
        }
    }
}
