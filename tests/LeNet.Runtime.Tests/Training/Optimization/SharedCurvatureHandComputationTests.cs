using LeNet.Engine;

namespace LeNet.Training.Tests;

/// <summary>
/// The SDLM curvature of parameters shared by several connections (paper, Appendix C: h_kk is the sum
/// of d2E/du_ij2 over the connections that share w_k), worked out by hand on a network small enough
/// for it: a 4x4 input, a 3x3 convolution to one 2x2 map (nine weights and a bias shared by its four
/// units), a trainable 2x2 subsampling unit y = f(c * mean + b), and a Euclidean RBF output with two
/// trainable centres. The criterion hands 2 to the RBF's one input; then, by Gauss-Newton:
/// <list type="bullet">
/// <item>subsampling: d2E/da2 = 2 f'(a)^2; h_c = d2E/da2 * mean^2 (the mean is the coefficient's
/// one input); h_b = d2E/da2; each of the four inputs gets d2E/da2 * (c / 4)^2;</item>
/// <item>convolution: d2E/da_u2 = f'(a_u)^2 times the curvature its output received; each weight sums
/// d2E/da_u2 * x^2 over the four units (x the input it meets in unit u), the bias sums d2E/da_u2.</item>
/// </list>
/// </summary>
public sealed class SharedCurvatureHandComputationTests
{
    private static readonly NetworkDescription Tiny = new("tiny-shared-curvature", new Shape(1, 4, 4),
    [
        new LayerDeclaration(LayerKind.Convolution, "C1", 1, Kernel: 3, Activation: Activation.ScaledTanh),
        new LayerDeclaration(LayerKind.Subsampling, "S2", 2, Activation: Activation.ScaledTanh, Trainable: true),
        new LayerDeclaration(LayerKind.RadialBasis, "OUT", 2, Trainable: true, Centres: RbfCentres.Random),
    ]);

    // C1: nine weights [ky][kx], then the bias; S2: coefficient, bias; OUT: centres.
    private static readonly float[] Parameters =
        [0.3f, -0.2f, 0.1f, 0.05f, 0.4f, -0.3f, 0.2f, 0.1f, -0.15f, 0.05f, 1.5f, -0.2f, 1f, -1f];
    private static readonly float[] Input =
        [-0.1f, 1.175f, 0.5f, -0.1f, 0.8f, -0.1f, 1.175f, 0.3f, -0.1f, 0.6f, -0.1f, 1.0f, 0.2f, -0.1f, 0.9f, 1.175f];

    /// <summary>f'(a) of the paper's squashing function A tanh(S a).</summary>
    private static double Slope(double a)
    {
        const double A = 1.7159, S = 2.0 / 3.0;
        double t = Math.Tanh(S * a);
        return A * S * (1 - t * t);
    }

    private static double Squash(double a) => 1.7159 * Math.Tanh(2.0 / 3.0 * a);

    [Fact]
    public void SumsOverTheConnectionsThatShareAParameter()
    {
        var network = new GenericNetwork(Tiny);
        var activations = new float[Tiny.ActivationCount];
        network.Forward(Parameters, Input, activations);
        var seed = new float[Tiny.Output.Size];
        new RbfDiscriminative().Curvature(activations[^Tiny.Output.Size..], 0, seed);
        var h = new float[Tiny.ParameterCount];
        network.BackwardCurvature(Parameters, Input, activations, seed, h, new float[network.ScratchLength]);

        // Forward by hand: the four convolution units (u = 2 oy + ox), then the subsampling unit.
        var a = new double[4];
        for (int oy = 0; oy < 2; oy++)
            for (int ox = 0; ox < 2; ox++)
            {
                double sum = Parameters[9];
                for (int ky = 0; ky < 3; ky++)
                    for (int kx = 0; kx < 3; kx++)
                        sum += Parameters[ky * 3 + kx] * Input[(oy + ky) * 4 + ox + kx];
                a[oy * 2 + ox] = sum;
            }
        double mean = a.Select(Squash).Average();
        double coefficient = Parameters[10], aS = coefficient * mean + Parameters[11];

        var expected = new double[Tiny.ParameterCount];
        double haS = 2.0 * Slope(aS) * Slope(aS);
        expected[10] = haS * mean * mean;
        expected[11] = haS;
        double hy = haS * (coefficient / 4) * (coefficient / 4);
        for (int u = 0; u < 4; u++)
        {
            int oy = u / 2, ox = u % 2;
            double ha = hy * Slope(a[u]) * Slope(a[u]);
            expected[9] += ha;
            for (int ky = 0; ky < 3; ky++)
                for (int kx = 0; kx < 3; kx++)
                {
                    double x = Input[(oy + ky) * 4 + ox + kx];
                    expected[ky * 3 + kx] += ha * x * x;
                }
        }
        expected[12] = 2.0; // the true class's centre component: d2(x - c)^2/dc2
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(h[k] - expected[k]) <= 1e-5 * Math.Max(1e-3, Math.Abs(expected[k])), $"h[{k}] = {h[k]}, by hand {expected[k]}");
    }
}
