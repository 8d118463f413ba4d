using LeNet.Generator.Emit;
using LeNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeNet.Generator.Tests;

/// <summary>
/// The parser keeps labels and class names clear of <see cref="GeneratedNames"/>; that only helps if
/// the list holds every member the emitters declare. This reads the generated code back and checks it.
/// </summary>
public sealed class GeneratedNamesTests
{
    [Theory]
    [MemberData(nameof(TestDeclarations.Names), MemberType = typeof(TestDeclarations))]
    public void EveryGeneratedMember_IsAReservedName(string name)
    {
        GeneratorRun run = GeneratorHarness.RunShared(TestDeclarations.All[name]);
        var network = run.Sources.SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Parent is not ClassDeclarationSyntax)
            .ToList();
        var layers = network.SelectMany(c => c.Members.OfType<ClassDeclarationSyntax>()).ToList();
        var allowed = GeneratedNames.ClassMembers.Concat(layers.SelectMany(l => GeneratedNames.OfLayer(l.Identifier.ValueText))).ToHashSet(StringComparer.Ordinal);

        var unlisted = network.SelectMany(c => c.Members).SelectMany(MemberNames).Where(n => !allowed.Contains(n)).Distinct().ToList();
        var unlistedInLayers = layers.SelectMany(l => l.Members).SelectMany(MemberNames).Where(n => !GeneratedNames.LayerClassMembers.Contains(n)).Distinct().ToList();

        Assert.True(unlisted.Count == 0, "Generated members missing from GeneratedNames.ClassMembers or OfLayer: " + string.Join(", ", unlisted));
        Assert.True(unlistedInLayers.Count == 0, "Layer class members missing from GeneratedNames.LayerClassMembers: " + string.Join(", ", unlistedInLayers));
        Assert.NotEmpty(layers);
    }

    /// <summary>The names a member declaration adds to its class; explicit interface implementations add none.</summary>
    private static IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => [method.Identifier.ValueText],
        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => [property.Identifier.ValueText],
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
        BaseTypeDeclarationSyntax type => [type.Identifier.ValueText],
        _ => [],
    };
}
