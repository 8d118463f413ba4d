namespace LeNet.Strings;

/// <summary>
/// How several scorings of one field (views: the strip moved by a pixel, the field cut from its page in other ways)
/// settle on one string: each view's best string is a candidate, and the candidate with the highest log-posterior
/// summed over the views wins, so that a string one view is sure of and the others doubt loses to one they all find
/// likely. The reader's second look (<see cref="StripReader.SecondLook"/>) and the page reader's views of the chosen
/// line (<see cref="Pages.PageReader.Find"/>) both decide this way.
/// </summary>
internal static class ReadingVote
{
    /// <summary>
    /// The index in <paramref name="candidates"/> of the string with the highest log-posterior summed over
    /// <paramref name="views"/>, and its log-posterior in each view. A view's posterior of a string is its forward score
    /// spelled as that string less <paramref name="every"/>[view], its forward score over the whole language.
    /// </summary>
    public static (int Chosen, double[] LogPosteriors) Best(IReadOnlyList<PositionScores> views, IReadOnlyList<double> every,
        IReadOnlyList<int[]> candidates, int characters, float[] penalties)
    {
        int chosen = 0;
        double top = double.NegativeInfinity;
        double[] chosenLogs = new double[views.Count], logs = new double[views.Count];
        for (int c = 0; c < candidates.Count; c++)
        {
            LanguageTable spelled = LanguageTable.Spell(candidates[c]);
            double sum = 0;
            for (int v = 0; v < views.Count; v++)
                sum += logs[v] = GrammarDecoder.ForwardScore(views[v], spelled, characters, penalties) - every[v];
            if (c == 0 || sum > top)
            {
                (top, chosen) = (sum, c);
                logs.CopyTo(chosenLogs, 0);
            }
        }
        return (chosen, chosenLogs);
    }
}
