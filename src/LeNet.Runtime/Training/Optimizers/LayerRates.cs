namespace LeNet.Training;

/// <summary>The spread of one layer's effective SDLM rates eta / (mu + h_kk).</summary>
/// <param name="Layer">The layer's label.</param>
/// <param name="Parameters">How many parameters the layer has.</param>
/// <param name="Min">The smallest rate (the largest curvature).</param>
/// <param name="Median">The median rate.</param>
/// <param name="Max">The largest rate (at most eta / mu).</param>
internal sealed record LayerRates(string Layer, int Parameters, float Min, float Median, float Max);
