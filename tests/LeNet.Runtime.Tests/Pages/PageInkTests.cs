using LeNet.Pages;

namespace LeNet.Runtime.Tests.Pages;

/// <summary>
/// The deskew's rotation (<see cref="PageInk.Rotate"/>) against the bilinear formula written plainly, and the inked cells its
/// angle is found from (<see cref="PageInk.InkedCells(float[], int, int)"/>) against their sums written plainly.
/// </summary>
public sealed class PageInkTests
{
    /// <summary>A cell is inked when its 16 levels sum to more than this (0.3 a pixel).</summary>
    private const float InkedSum = 0.3f * 16;

    [Fact]
    public void The_inked_cells_are_those_whose_levels_sum_past_the_threshold_in_order()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 20; trial++)
        {
            // Rows of cells around the sixteen a vector takes, and pages whose width and height are not whole cells.
            int width = trial < 6 ? 60 + trial * 2 : random.Next(4, 300), height = random.Next(4, 40);
            var ink = new float[width * height];
            for (int cellY = 0; cellY < height / 4 + 1; cellY++)
                for (int cellX = 0; cellX < width / 4 + 1; cellX++)
                {
                    // Each cell about as inked as the threshold, more or less.
                    float level = (float)random.NextDouble() * 0.6f;
                    for (int y = cellY * 4; y < Math.Min(height, cellY * 4 + 4); y++)
                        for (int x = cellX * 4; x < Math.Min(width, cellX * 4 + 4); x++)
                            ink[y * width + x] = Math.Clamp(level + (float)(random.NextDouble() - 0.5) * 0.3f, 0f, 1f);
                }

            List<(float X, float Y)> cells = PageInk.InkedCells(ink, width, height);

            var expected = new List<(float X, float Y)>();
            int columns = width / 4;
            for (int y = 0; y < height / 4; y++)
                for (int x = 0; x < columns; x++)
                {
                    float sum = 0;
                    for (int dy = 0; dy < 4; dy++)
                        for (int dx = 0; dx < 4; dx++)
                            sum += ink[(y * 4 + dy) * width + x * 4 + dx];
                    if (sum > InkedSum) expected.Add((x - columns / 2f, y));
                }
            Assert.True(expected.SequenceEqual(cells), $"trial {trial} ({width}x{height}): {cells.Count} cells, the sums give {expected.Count}");
        }
    }

    [Fact]
    public void The_rotation_gives_every_pixel_its_sources_bilinear_blend_bit_for_bit()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 24; trial++)
        {
            // Widths around the eight pixels a vector takes, and pages much wider than high and the reverse.
            int width = trial < 8 ? 1 + trial * 3 : random.Next(2, 140), height = random.Next(1, 90);
            double degrees = (random.NextDouble() * 2 - 1) * PageInk.MaxSkewDegrees * (trial % 5 == 0 ? 9 : 1);
            var ink = new float[width * height];
            for (int i = 0; i < ink.Length; i++) ink[i] = random.Next(3) == 0 ? 0f : (float)random.NextDouble();
            var straightened = new float[width * height];

            PageInk.Rotate(ink, straightened, width, height, degrees);

            float[] expected = Reference(ink, width, height, degrees);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(straightened[i]),
                    $"trial {trial} ({width}x{height}, {degrees:0.00} degrees): pixel {i} is {straightened[i]:R}, the formula gives {expected[i]:R}");
        }
    }

    /// <summary>Straightened pixel (x, y) from (cx + dx cos + dy sin - 0.5, cy - dx sin + dy cos - 0.5), blended bilinearly; paper off the page.</summary>
    private static float[] Reference(float[] ink, int width, int height, double degrees)
    {
        double angle = degrees * Math.PI / 180, cos = Math.Cos(angle), sin = Math.Sin(angle), cx = width / 2.0, cy = height / 2.0;
        var result = new float[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double sx = cx + dx * cos + dy * sin - 0.5, sy = cy - dx * sin + dy * cos - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
                float fx = (float)(sx - x0), fy = (float)(sy - y0);
                int i = y0 * width + x0;
                float top = ink[i] + (ink[i + 1] - ink[i]) * fx, bottom = ink[i + width] + (ink[i + width + 1] - ink[i + width]) * fx;
                result[y * width + x] = top + (bottom - top) * fy;
            }
        return result;
    }
}
