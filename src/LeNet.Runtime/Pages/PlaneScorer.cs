using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// Runs the detector's field network over a whole level of the pyramid: the field replicated over a
/// tile of the page (<see cref="IReplicatedNetwork"/>, e.g. the generated <c>LeNet5LocatorTile</c>, or a
/// strip of one row), tile after tile, so every position 4 pixels apart each way gets the field's
/// answers, the computation neighbouring windows share done once within a tile. Not thread-safe: one per thread.
/// </summary>
public sealed class PlaneScorer
{
    private readonly IReplicatedNetwork _tile;
    private readonly float[] _parameters, _input, _activations;

    /// <summary>A scorer running <paramref name="tile"/> with the field's <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The field is not a detector's (1x32x32 in, <see cref="LocatorAnswers.Count"/> softmax answers out, a step of 4) or the parameters do not fit.</exception>
    public PlaneScorer(IReplicatedNetwork tile, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckField(tile.Field);
        if (tile.Step != StripGeometry.Step)
            throw new ArgumentException($"Network '{tile.Description.Name}' steps {tile.Step} pixels; the detector steps {StripGeometry.Step}.", nameof(tile));
        if (parameters.Length != tile.Description.ParameterCount)
            throw new ArgumentException($"Network '{tile.Description.Name}' has {tile.Description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        _tile = tile;
        _parameters = parameters;
        _input = new float[tile.Description.Input.Size];
        _activations = new float[tile.Description.ActivationCount];
    }
    /// <summary>Fails unless <paramref name="field"/> is a detector's field: 1x32x32 in, <see cref="LocatorAnswers.Count"/> answers out of a softmax.</summary>
    /// <exception cref="ArgumentException">The message says what does not fit.</exception>
    public static void CheckField(NetworkDescription field)
    {
        ArgumentNullException.ThrowIfNull(field);
        Shape input = field.Input;
        if (input.Channels != 1 || input.Height != StripGeometry.Field || input.Width != StripGeometry.Field
            || field.Output.Size != LocatorAnswers.Count || field.OutputKind != LayerKind.Softmax)
            throw new ArgumentException($"Network '{field.Name}' ({input} in, {field.Output.Size} out) is not a page detector's field: that takes 1x{StripGeometry.Field}x{StripGeometry.Field} and gives {LocatorAnswers.Count} softmax answers (background, other ink, handwriting).");
    }

    /// <summary>The detector's answers at every position of <paramref name="level"/>.</summary>
    public DetectionPlane Score(PageLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return Score([level])[0];
    }

    /// <summary>
    /// The detector's answers at every position of each of <paramref name="levels"/>. The levels are cut into
    /// pieces of at most a tile's positions, and the pieces packed side by side into as few tiles as hold them
    /// (shelves, tallest first): a position's answers depend on its window alone, so a tile of pieces gives
    /// each piece the answers it would have alone, with less of every tile wasted on the levels' edges.
    /// </summary>
    public IReadOnlyList<DetectionPlane> Score(IReadOnlyList<PageLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var probabilities = new float[levels.Count][];
        var pieces = new List<Piece>();
        for (int l = 0; l < levels.Count; l++)
        {
            (int rows, int columns) = Positions(levels[l]);
            probabilities[l] = new float[LocatorAnswers.Count * rows * columns];
            for (int firstRow = 0; firstRow < rows; firstRow += _tile.Rows)
                for (int first = 0; first < columns; first += _tile.Positions)
                    pieces.Add(new Piece(l, firstRow, first, Math.Min(_tile.Rows, rows - firstRow), Math.Min(_tile.Positions, columns - first)));
        }
        foreach (List<Placed> tile in Pack(pieces))
        {
            _input.AsSpan().Fill(InputEncoder.Background);
            foreach (Placed placed in tile) Encode(levels[placed.Piece.Level], placed);
            _tile.Forward(_parameters, _input, _activations);
            foreach (Placed placed in tile) Copy(levels[placed.Piece.Level], placed, probabilities[placed.Piece.Level]);
        }
        var planes = new DetectionPlane[levels.Count];
        for (int l = 0; l < levels.Count; l++)
        {
            (int rows, int columns) = Positions(levels[l]);
            planes[l] = new DetectionPlane(levels[l].Scale, rows, columns, probabilities[l]);
        }
        return planes;
    }

    private static (int Rows, int Columns) Positions(PageLevel level) =>
        ((level.Height - StripGeometry.Field) / StripGeometry.Step + 1, (level.Width - StripGeometry.Field) / StripGeometry.Step + 1);

    /// <summary>
    /// The pieces in tiles: a piece of r x c positions takes r + m rows and c + m columns of steps (m the steps its
    /// last window reaches past its last position), placed on shelves across a tile, tallest pieces first.
    /// </summary>
    private List<List<Placed>> Pack(List<Piece> pieces)
    {
        int margin = (StripGeometry.Field - StripGeometry.Step) / StripGeometry.Step;
        int across = _tile.Positions + margin, down = _tile.Rows + margin;
        Piece[] ordered = [.. pieces.OrderByDescending(p => p.Rows).ThenByDescending(p => p.Columns)];
        var tiles = new List<List<Placed>>();
        var filled = new List<int>(); // steps down each tile's shelves reach
        var shelves = new List<(int Tile, int Top, int Height, int Used)>();
        foreach (Piece piece in ordered)
        {
            int width = piece.Columns + margin, height = piece.Rows + margin, shelf = -1;
            for (int s = 0; s < shelves.Count && shelf < 0; s++)
                if (shelves[s].Height >= height && shelves[s].Used + width <= across) shelf = s;
            if (shelf < 0)
            {
                int tile = filled.FindIndex(f => f + height <= down);
                if (tile < 0)
                {
                    tiles.Add([]);
                    filled.Add(0);
                    tile = tiles.Count - 1;
                }
                shelves.Add((tile, filled[tile], height, 0));
                filled[tile] += height;
                shelf = shelves.Count - 1;
            }
            (int t, int top, int h, int used) = shelves[shelf];
            tiles[t].Add(new Placed(piece, top, used));
            shelves[shelf] = (t, top, h, used + width);
        }
        return tiles;
    }

    /// <summary>The answers of <paramref name="placed"/>'s positions from the tile into its level's plane.</summary>
    private void Copy(PageLevel level, Placed placed, float[] probabilities)
    {
        (int rows, int columns) = Positions(level);
        int tileRows = _tile.Rows, tilePositions = _tile.Positions, outputOffset = _tile.Description.OutputOffset;
        Piece piece = placed.Piece;
        for (int answer = 0; answer < LocatorAnswers.Count; answer++)
            for (int r = 0; r < piece.Rows; r++)
                _activations.AsSpan(outputOffset + (answer * tileRows + placed.Top + r) * tilePositions + placed.Left, piece.Columns)
                    .CopyTo(probabilities.AsSpan((answer * rows + piece.FirstRow + r) * columns + piece.First, piece.Columns));
    }

    /// <summary>
    /// The level's pixels under <paramref name="placed"/>'s windows into the tile's input at its place; every
    /// window of a piece lies inside its level.
    /// </summary>
    private void Encode(PageLevel level, Placed placed)
    {
        const float range = InputEncoder.Ink - InputEncoder.Background;
        const int step = StripGeometry.Step, extra = StripGeometry.Field - StripGeometry.Step;
        Piece piece = placed.Piece;
        int width = piece.Columns * step + extra, height = piece.Rows * step + extra;
        int top = piece.FirstRow * step, left = piece.First * step;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> source = level.Ink.AsSpan((top + y) * level.Width + left, width);
            Span<float> target = _input.AsSpan((placed.Top * step + y) * _tile.Width + placed.Left * step, width);
            for (int x = 0; x < width; x++) target[x] = InputEncoder.Background + range * source[x];
        }
    }

    /// <summary>Positions <see cref="FirstRow"/>.. and <see cref="First"/>.. of level <see cref="Level"/>, at most a tile's.</summary>
    private readonly record struct Piece(int Level, int FirstRow, int First, int Rows, int Columns);

    /// <summary>A piece at tile position (<see cref="Top"/>, <see cref="Left"/>).</summary>
    private readonly record struct Placed(Piece Piece, int Top, int Left);
}
