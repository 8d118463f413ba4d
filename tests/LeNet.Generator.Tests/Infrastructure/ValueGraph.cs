using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LeNet.Generator.Tests.Infrastructure;

/// <summary>Walks an object graph by reflection, failing on anything that ties a model to a compilation.</summary>
internal static class ValueGraph
{
    private static readonly Type[] Forbidden = [typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel)];

    /// <summary>Fails, naming the field path from <paramref name="path"/>, if anything reachable from <paramref name="root"/> is forbidden.</summary>
    public static void AssertValueOnly(object root, string path) => Walk(root, path, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null) return;
        Type type = value.GetType();
        Type? forbidden = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        Assert.True(forbidden is null, $"{path} is a {type.Name} ({forbidden?.Name}): pipeline models must hold values only.");
        if (IsLeaf(type) || (!type.IsValueType && !seen.Add(value))) return;

        if (value is Array array)
        {
            for (int index = 0; index < array.Length; index++) Walk(array.GetValue(index), $"{path}[{index}]", seen);
            return;
        }
        for (Type? level = type; level is not null && level != typeof(object); level = level.BaseType)
            foreach (FieldInfo field in level.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
    }

    /// <summary>
    /// Values with nothing inside to check. DiagnosticDescriptor is a static, shared descriptor that
    /// compares by value (its localizable strings lead into resource managers, not compilations).
    /// </summary>
    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || type == typeof(decimal)
        || typeof(Type).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
        || type == typeof(DiagnosticDescriptor);
}
