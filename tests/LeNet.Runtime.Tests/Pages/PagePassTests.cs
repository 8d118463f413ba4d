using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Runtime.Tests.Pages;

public sealed class PagePassTests
{
    private static PageInk RandomPage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var ink = new float[width * height];
        for (int i = 0; i < ink.Length; i++) ink[i] = random.NextDouble() < 0.7 ? 0 : (float)random.NextDouble();
        return PageInk.FromInk(ink, width, height);
    }

    [Fact]
    public void Levels_packed_into_tiles_give_each_position_the_answers_of_its_window_scored_alone()
    {
        var random = new Random(8);
        float[] parameters = [.. Enumerable.Range(0, LeNet5LocatorTile.Description.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5) * 0.4f)];
        var scorer = new PlaneScorer(new LeNet5LocatorTile(), parameters);
        PageInk page = RandomPage(700, 330, 9);
        PageLevel[] levels = [.. new[] { 0.6, 0.42, 0.3, 0.15 }.Select(scale => PageLevel.Of(page, scale))];
        IReadOnlyList<DetectionPlane> planes = scorer.Score(levels);
        Assert.Equal(levels.Length, planes.Count);
        for (int l = 0; l < levels.Length; l++)
        {
            DetectionPlane plane = planes[l];
            Assert.Equal((levels[l].Height - 32) / 4 + 1, plane.Rows);
            Assert.Equal((levels[l].Width - 32) / 4 + 1, plane.Columns);
            for (int sample = 0; sample < 12; sample++)
            {
                int row = sample == 0 ? plane.Rows - 1 : random.Next(plane.Rows), column = sample == 0 ? plane.Columns - 1 : random.Next(plane.Columns);
                var window = new float[32 * 32];
                for (int y = 0; y < 32; y++)
                    levels[l].Ink.AsSpan((row * 4 + y) * levels[l].Width + column * 4, 32).CopyTo(window.AsSpan(y * 32));
                DetectionPlane alone = scorer.Score(PageLevel.Of(PageInk.FromInk(window, 32, 32), 1));
                for (int answer = 0; answer < LocatorAnswers.Count; answer++)
                    Assert.Equal(alone.Plane(answer)[0], plane.Plane(answer)[row * plane.Columns + column]);
            }
        }
    }
}
