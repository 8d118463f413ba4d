namespace LeNet;

/// <summary>
/// A field network replicated along a wider strip with the same parameters: the 1998 paper's
/// space-displacement network (section VII). Position <c>p</c> of the strip's output is the field
/// network applied to the input columns [<c>p * Step</c>, <c>p * Step + field width</c>).
/// </summary>
/// <remarks>
/// The rule (<see cref="ReplicationRules"/>) is the one the generator applies to a
/// <see cref="ReplicateAttribute"/> class: convolutions and subsampling run over the wider input as
/// they are, a fully connected layer becomes a convolution whose kernel covers its (square) input,
/// so the first slides along the strip and the later ones are 1x1 convolutions, and a radial-basis
/// or softmax output reads each position's maps (<see cref="LayerDeclaration.PerPosition"/>). The
/// strip's parameters are the field's, same count, same layout.
/// </remarks>
public static class Replication
{
    /// <summary>Input columns between neighbouring positions: the product of the field's subsampling windows.</summary>
    public static int Step(NetworkDescription field)
    {
        ArgumentNullException.ThrowIfNull(field);
        int step = 1;
        foreach (LayerInfo layer in field.Layers)
            step *= ReplicationRules.StepFactor(layer.Kind, layer.Declaration.Size);
        return step;
    }

    /// <summary>Positions along a strip <paramref name="width"/> columns wide: (width - field width) / step + 1.</summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width does not fit its step.</exception>
    public static int Positions(NetworkDescription field, int width)
    {
        Check(field, width);
        return ReplicationRules.Positions(field.Input.Width, width, Step(field));
    }

    /// <summary>
    /// The description of <paramref name="field"/> replicated along a strip of <paramref name="width"/>
    /// columns (its height the field's): input (channels, field height, width), output
    /// (classes, 1, positions), the field's parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width does not fit its step; the message says why.</exception>
    public static NetworkDescription Strip(NetworkDescription field, int width)
    {
        Check(field, width);
        var layers = field.Layers.Select(layer =>
        {
            (LayerKind kind, int kernel, bool perPosition) = ReplicationRules.StripLayer(layer.Kind, layer.Declaration.Kernel, layer.Input.Height);
            return layer.Declaration with { Kind = kind, Kernel = kernel, PerPosition = perPosition };
        }).ToList();
        var strip = new NetworkDescription(ReplicationRules.StripName(field.Name, width), field.Input with { Width = width }, layers);
        for (int i = 0; i < layers.Count; i++)
            if (strip.Layers[i].ParameterOffset != field.Layers[i].ParameterOffset || strip.Layers[i].ParameterCount != field.Layers[i].ParameterCount)
                throw new InvalidOperationException($"Network '{field.Name}': layer {field.Layers[i].Label} replicated has other parameters than the field's.");
        return strip;
    }

    /// <summary>Throws when <paramref name="field"/> cannot be replicated along <paramref name="width"/> columns.</summary>
    private static void Check(NetworkDescription field, int width)
    {
        ArgumentNullException.ThrowIfNull(field);
        string where = $"Network '{field.Name}' cannot be replicated";
        foreach (LayerInfo layer in field.Layers)
            if ((ReplicationRules.LayerProblem(layer.Kind, layer.Label, layer.Input.Height, layer.Input.Width)
                 ?? ReplicationRules.WindowProblem(layer.Label, layer.Declaration.Padding, layer.Declaration.Stride, layer.Declaration.Floor)) is { } problem)
                throw new ArgumentException($"{where}: {problem}.");
        if (ReplicationRules.OutputProblem(field.Output.Height, field.Output.Width) is { } output)
            throw new ArgumentException($"{where}: {output}.");
        if (ReplicationRules.WidthProblem(field.Input.Width, width, Step(field)) is { } fit)
            throw new ArgumentException($"{where} along {width} columns: {fit}.", nameof(width));
    }
}
