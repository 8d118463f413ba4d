namespace LeNet;

/// <summary>
/// A field network replicated along a wider strip, or over a page in both directions, with the same
/// parameters: the 1998 paper's space-displacement network (section VII). The window at row
/// <c>r</c>, position <c>p</c> is the field network applied to the input rows
/// [<c>r * Step</c>, <c>r * Step + field height</c>) and columns [<c>p * Step</c>, <c>p * Step + field width</c>).
/// </summary>
/// <remarks>
/// The rule (<see cref="ReplicationRules"/>) is the one the generator applies to a
/// <see cref="ReplicateAttribute"/> class: convolutions and subsampling run over the larger input as
/// they are, a fully connected layer becomes a convolution whose kernel covers its (square) input,
/// so the first slides over the input and the later ones are 1x1 convolutions, and a radial-basis
/// or softmax output reads each position's maps (<see cref="LayerDeclaration.PerPosition"/>). The
/// replicated network's parameters are the field's, same count, same layout. Its output is
/// (classes, rows, positions): class-major, then row, then column.
/// </remarks>
public static class Replication
{
    /// <summary>Input columns (and rows) between neighbouring windows: the product of the field's subsampling windows.</summary>
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
        ArgumentNullException.ThrowIfNull(field);
        Check(field, width, field.Input.Height);
        return ReplicationRules.Positions(field.Input.Width, width, Step(field));
    }

    /// <summary>Rows of windows over a page <paramref name="height"/> rows high: (height - field height) / step + 1.</summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the height does not fit its step.</exception>
    public static int Rows(NetworkDescription field, int height)
    {
        ArgumentNullException.ThrowIfNull(field);
        Check(field, field.Input.Width, height);
        return ReplicationRules.Positions(field.Input.Height, height, Step(field));
    }

    /// <summary>
    /// The description of <paramref name="field"/> replicated along a strip of <paramref name="width"/>
    /// columns (its height the field's): input (channels, field height, width), output
    /// (classes, 1, positions), the field's parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width does not fit its step; the message says why.</exception>
    public static NetworkDescription Strip(NetworkDescription field, int width)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Strip(field, width, field.Input.Height);
    }

    /// <summary>
    /// The description of <paramref name="field"/> replicated over a page of <paramref name="width"/>
    /// columns and <paramref name="height"/> rows: input (channels, height, width), output
    /// (classes, rows, positions), the field's parameters. A page as high as the field is the strip
    /// <see cref="Strip(NetworkDescription, int)"/> returns, name and all.
    /// </summary>
    /// <exception cref="ArgumentException">The field cannot be replicated or the width or height does not fit its step; the message says why.</exception>
    public static NetworkDescription Strip(NetworkDescription field, int width, int height)
    {
        Check(field, width, height);
        var layers = field.Layers.Select(layer =>
        {
            (LayerKind kind, int kernel, bool perPosition) = ReplicationRules.StripLayer(layer.Kind, layer.Declaration.Kernel, layer.Input.Height);
            return layer.Declaration with { Kind = kind, Kernel = kernel, PerPosition = perPosition };
        }).ToList();
        string name = ReplicationRules.StripName(field.Name, width, height, field.Input.Height);
        var strip = new NetworkDescription(name, field.Input with { Height = height, Width = width }, layers);
        for (int i = 0; i < layers.Count; i++)
            if (strip.Layers[i].ParameterOffset != field.Layers[i].ParameterOffset || strip.Layers[i].ParameterCount != field.Layers[i].ParameterCount)
                throw new InvalidOperationException($"Network '{field.Name}': layer {field.Layers[i].Label} replicated has other parameters than the field's.");
        return strip;
    }

    /// <summary>Throws when <paramref name="field"/> cannot be replicated over <paramref name="height"/> x <paramref name="width"/>.</summary>
    private static void Check(NetworkDescription field, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(field);
        string where = $"Network '{field.Name}' cannot be replicated";
        foreach (LayerInfo layer in field.Layers)
            if ((ReplicationRules.LayerProblem(layer.Kind, layer.Label, layer.Input.Height, layer.Input.Width)
                 ?? ReplicationRules.WindowProblem(layer.Label, layer.Declaration.Padding, layer.Declaration.Stride, layer.Declaration.Floor)) is { } problem)
                throw new ArgumentException($"{where}: {problem}.");
        if (ReplicationRules.OutputProblem(field.Output.Height, field.Output.Width) is { } output)
            throw new ArgumentException($"{where}: {output}.");
        int step = Step(field);
        if (ReplicationRules.SizeProblem("width", field.Input.Width, width, step) is { } fit)
            throw new ArgumentException($"{where} along {width} columns: {fit}.", nameof(width));
        if (ReplicationRules.SizeProblem("height", field.Input.Height, height, step) is { } rows)
            throw new ArgumentException($"{where} over {height} rows: {rows}.", nameof(height));
    }
}
