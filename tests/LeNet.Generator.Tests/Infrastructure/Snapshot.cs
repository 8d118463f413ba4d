using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;

namespace LeNet.Generator.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper laid out like Verify.SourceGenerators, so swapping to it later is one
/// line per call. Generated files are kept as
/// <c>Snapshots/{TestClass}/{Subject}/{TestClass}.{TestMethod}#{HintName minus .cs}.verified.cs</c> beside
/// the test file (whose name is taken as the test class's), each starting with
/// <c>//HintName: {hint name}</c>; diagnostics as <c>Snapshots/{TestClass}/{Subject}/{TestClass}.{TestMethod}.verified.txt</c>.
/// The subject is the test method's name up to its first underscore (<c>Subject_Condition_Result</c>), so
/// a folder holds the few snapshots of one network or one diagnostic.
/// The diagnostics file name is Verify-compatible, its content our own simpler format: one line per
/// diagnostic, sorted, <c>LENET002 Error Program.cs(7,2-7,30): message</c> with 1-based positions.
/// </summary>
/// <remarks>
/// On a mismatch the actual text goes to <c>*.received.*</c> beside the snapshot (git-ignored) and
/// the test fails with a compact line diff. To accept, rerun with <c>LENET_ACCEPT_SNAPSHOTS=1</c>:
/// that overwrites the verified files, deletes received and stale ones, and passes. Nothing is
/// accepted when <c>CI=true</c>, where a missing snapshot is a failure too.
/// </remarks>
internal static partial class Snapshot
{
    /// <summary>Set to 1 to accept the received text as the new snapshot.</summary>
    public const string AcceptVariable = "LENET_ACCEPT_SNAPSHOTS";

    private const string Folder = "Snapshots";
    private const string VerifiedCode = ".verified.cs", ReceivedCode = ".received.cs";
    private const string VerifiedText = ".verified.txt", ReceivedText = ".received.txt";
    private const int MaxDiffLines = 40;

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
    private static bool Accepting => !OnCi && Environment.GetEnvironmentVariable(AcceptVariable) == "1";
    private static string HowToAccept => OnCi
        ? "Snapshots are never accepted when CI=true; accept locally and commit them."
        : $"To accept, rerun with {AcceptVariable}=1.";

    // [GeneratedCode("LeNet.Generator", "1.2.3.4")]: the version changes with every release, the snapshot must not.
    [GeneratedRegex("""("LeNet\.Generator",\s*")[0-9]+(\.[0-9]+){1,3}(")""")]
    private static partial Regex GeneratorVersion();

    /// <summary>
    /// Compares every generated file of <paramref name="run"/> whose hint name starts with
    /// <paramref name="of"/> (every file when empty) with its snapshot.
    /// </summary>
    public static void Verify(GeneratorDriverRunResult run, string of = "", [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        string prefix = Prefix(file, test);
        var received = run.Results.SelectMany(r => r.GeneratedSources)
            .Where(s => s.HintName.StartsWith(of, StringComparison.Ordinal))
            .ToDictionary(s => $"{prefix}#{Path.GetFileNameWithoutExtension(s.HintName)}{VerifiedCode}",
                s => $"//HintName: {s.HintName}\n{Normalise(s.SourceText.ToString())}", StringComparer.Ordinal);
        string directory = Path.GetDirectoryName(prefix)!;
        var present = Directory.Exists(directory)
            ? Directory.GetFiles(directory, Path.GetFileName(prefix) + "#*" + VerifiedCode).ToHashSet(StringComparer.Ordinal)
            : [];

        var failures = new List<string>();
        if (!present.SetEquals(received.Keys))
        {
            var missing = received.Keys.Except(present).Select(Path.GetFileName).ToList();
            var stale = present.Except(received.Keys).Select(Path.GetFileName).ToList();
            if (Accepting)
                foreach (string path in present.Except(received.Keys)) File.Delete(path);
            else
                failures.Add("Generated files and snapshots differ.\n" +
                    $"  generated without a snapshot: {List(missing)}\n  snapshots nobody generated: {List(stale)}");
        }
        foreach ((string verified, string text) in received.OrderBy(r => r.Key, StringComparer.Ordinal))
            if (Compare(verified, verified[..^VerifiedCode.Length] + ReceivedCode, text) is { } failure && present.Contains(verified))
                failures.Add(failure); // a missing snapshot is already listed above; its received file is written all the same
        if (failures.Count > 0)
            Assert.Fail(string.Join("\n\n", failures) + "\n\n" + HowToAccept);
    }

    /// <summary>Compares <paramref name="diagnostics"/>, one sorted line each, with the test's diagnostics snapshot.</summary>
    public static void VerifyDiagnostics(IEnumerable<Diagnostic> diagnostics, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        string prefix = Prefix(file, test);
        string text = string.Concat(diagnostics.Select(Describe).Order(StringComparer.Ordinal).Select(line => line + "\n"));
        if (Compare(prefix + VerifiedText, prefix + ReceivedText, text) is { } failure)
            Assert.Fail(failure + "\n\n" + HowToAccept);
    }

    /// <summary>One diagnostic as a snapshot line: id, severity, file(start-end, 1-based), message.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = diagnostic.Location == Location.None
            ? "(no location)"
            : $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        return $"{diagnostic.Id} {diagnostic.Severity} {where}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Line endings to \n, the generator version to VERSION, exactly one trailing newline.</summary>
    public static string Normalise(string text) =>
        GeneratorVersion().Replace(text.Replace("\r\n", "\n"), "$1VERSION$3").TrimEnd('\n') + "\n";

    /// <summary>Null when <paramref name="text"/> matches the snapshot (or was accepted), else the failure message.</summary>
    private static string? Compare(string verifiedPath, string receivedPath, string text)
    {
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (string.Equals(verified, text, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return null;
        }
        if (Accepting)
        {
            WriteAtomically(verifiedPath, text);
            File.Delete(receivedPath);
            return null;
        }
        WriteAtomically(receivedPath, text);
        string name = Path.GetFileName(verifiedPath);
        return verified is null
            ? $"No snapshot {name}; the received text is in {Path.GetFileName(receivedPath)}."
            : $"{name} differs from the received text ({Path.GetFileName(receivedPath)}):\n{Diff(verified, text)}";
    }

    /// <summary>The changed lines only, numbered in the verified (-) and received (+) texts, at most <see cref="MaxDiffLines"/>.</summary>
    private static string Diff(string verified, string received)
    {
        var lines = new List<string>();
        int oldLine = 0, newLine = 0, changed = 0;
        foreach (DiffPiece piece in InlineDiffBuilder.Diff(verified, received, ignoreWhiteSpace: false).Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Deleted:
                    oldLine++;
                    changed++;
                    if (lines.Count < MaxDiffLines) lines.Add($"- {oldLine,5}: {piece.Text}");
                    break;
                case ChangeType.Inserted:
                    newLine++;
                    changed++;
                    if (lines.Count < MaxDiffLines) lines.Add($"+ {newLine,5}: {piece.Text}");
                    break;
                default:
                    oldLine++;
                    newLine++;
                    break;
            }
        }
        if (changed > lines.Count) lines.Add($"... and {changed - lines.Count} more changed line(s)");
        return string.Join("\n", lines);
    }

    private static string Prefix(string file, string test)
    {
        string testClass = Path.GetFileNameWithoutExtension(file);
        return Path.Combine(Path.GetDirectoryName(file)!, Folder, testClass, Subject(test), $"{testClass}.{test}");
    }

    /// <summary>The folder of a test's snapshots: its method name up to the first underscore.</summary>
    public static string Subject(string test) => test.Split('_')[0];

    private static string List(List<string?> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);

    /// <summary>Writes through a temporary file and a rename, so a crash never leaves half a snapshot.</summary>
    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
