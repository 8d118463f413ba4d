using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// Measures a network's accuracy on a distorted copy of a test set at every point of the
/// <see cref="RobustnessTransforms"/> grid. Per point, the whole set is distorted in parallel into one
/// reused buffer, then the ordinary <see cref="Evaluator"/> runs it on every thread: the forward pass is
/// the training code's, and the result does not depend on the thread count.
/// </summary>
internal static class RobustnessMeasurement
{
    /// <summary>Seed of the noise; image i's noise is drawn from seed + i, so results do not depend on threads.</summary>
    private const int NoiseSeed = 1998;

    /// <summary>The report over <paramref name="test"/>, one curve per transform in <paramref name="transforms"/> (default: all five).</summary>
    /// <param name="model">The trained network.</param>
    /// <param name="test">The images to distort (28x28 or any size the network takes).</param>
    /// <param name="threads">Worker threads for distorting and evaluating.</param>
    /// <param name="title">The report's title.</param>
    /// <param name="progress">Told the number of images evaluated so far, after each grid point.</param>
    /// <param name="transforms">The sweeps to run.</param>
    /// <param name="token">Stops between grid points.</param>
    public static RobustnessReport Measure(LoadedModel model, LabelledImages test, int threads, string title,
        IProgress<long>? progress = null, IReadOnlyList<RobustnessTransform>? transforms = null, CancellationToken token = default)
    {
        transforms ??= RobustnessTransforms.All;
        var evaluator = new Evaluator(model.Network, model.Loss, threads);
        var distorted = new byte[test.Pixels.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = evaluator.Threads, CancellationToken = token };
        long done = 0;
        var curves = new List<RobustnessCurve>();
        foreach (RobustnessTransform transform in transforms)
        {
            var points = new List<RobustnessPoint>();
            foreach (double value in transform.Values())
            {
                Parallel.For(0, test.Count, parallel, i =>
                    Distort(transform, value, test.Image(i), distorted.AsSpan(i * test.ImageSize, test.ImageSize), test.Rows, test.Columns, i));
                var copy = new LabelledImages($"{test.Name} ({transform.Name} {value})", test.Rows, test.Columns, distorted, test.Labels, test.Classes);
                EvaluationResult result = evaluator.Evaluate(model.Parameters, copy, token);
                points.Add(new RobustnessPoint(value, result.Accuracy, result.Count));
                progress?.Report(done += test.Count);
            }
            curves.Add(new RobustnessCurve(transform, points));
        }
        return new RobustnessReport(title, curves);
    }

    /// <summary>Writes image <paramref name="index"/> distorted by <paramref name="transform"/> at strength <paramref name="value"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The transform is not one of <see cref="RobustnessTransforms"/>.</exception>
    public static void Distort(RobustnessTransform transform, double value, ReadOnlySpan<byte> source, Span<byte> destination, int rows, int columns, int index)
    {
        double cx = Distortions.CentreX(columns), cy = Distortions.CentreY(rows);
        if (transform == RobustnessTransforms.Noise)
        {
            Distortions.SaltAndPepper(source, destination, value, new Random(NoiseSeed + index));
            return;
        }
        AffineTransform map =
            transform == RobustnessTransforms.HorizontalShift ? AffineTransform.Translation(value, 0) :
            transform == RobustnessTransforms.VerticalShift ? AffineTransform.Translation(0, value) :
            transform == RobustnessTransforms.Rotation ? AffineTransform.Rotation(value, cx, cy) :
            transform == RobustnessTransforms.Scale ? AffineTransform.Scaling(value, cx, cy) :
            throw new ArgumentException($"No distortion is defined for the robustness transform '{transform.Name}'.", nameof(transform));
        Distortions.Apply(source, destination, rows, columns, map);
    }

    /// <summary>The strength at which <paramref name="transform"/> leaves images unchanged: 1 for scaling, 0 for the others.</summary>
    public static double Neutral(RobustnessTransform transform) => transform == RobustnessTransforms.Scale ? 1 : 0;
}
