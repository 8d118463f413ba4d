using LeNet.Engine;
using LeNet.Models;

namespace LeNet.Training.Tests;

public sealed class GradientReductionTests
{
    /// <summary>
    /// Whichever buffer a slice is summed into, it holds the workers' gradients added in worker order and
    /// divided by the sample count, bit for bit: a training step's result does not depend on where each
    /// worker sums.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryTarget_HoldsTheWorkerOrderSum_BitForBit(int workers)
    {
        // Slices of tens of thousands of floats: many pieces of the sum on the stack, and a last one cut short.
        INetwork network = ModelCatalog.Find("lenet5-classic").CreateGeneric();
        var options = new TrainingOptions { BatchSize = 6, Threads = workers, LearningRate = 0.1f };
        var context = new StepContext(network, options, Losses.ForOutput(network.Description), new float[network.Description.ParameterCount])
        {
            Active = workers,
            Indices = new int[6],
        };
        int count = network.Description.ParameterCount;
        var random = new Random(workers);
        float[][] gradients = [.. Enumerable.Range(0, workers).Select(_ => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * 1e3f).ToArray())];
        var expected = new int[count];
        for (int i = 0; i < count; i++)
        {
            float sum = gradients[0][i];
            for (int v = 1; v < workers; v++) sum += gradients[v][i];
            expected[i] = BitConverter.SingleToInt32Bits(sum * (1f / 6));
        }

        for (int target = 0; target < workers; target++)
        {
            for (int v = 0; v < workers; v++) gradients[v].CopyTo(context.Workers[v].Gradient, 0);
            for (int w = 0; w < workers; w++)
            {
                (int start, int length) = GradientReduction.SliceOf(context, w);
                GradientReduction.ReduceSlice(context, context.Workers[w], context.Workers[target], start, length);
                Assert.True(context.Workers[w].SliceFinite);
            }
            Assert.Equal(expected, context.Workers[target].Gradient.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void ANonFiniteGradient_MarksItsSlice()
    {
        var network = new GenericNetwork(TinyNetworks.Softmax());
        var options = new TrainingOptions { BatchSize = 4, Threads = 2, LearningRate = 0.1f };
        var context = new StepContext(network, options, Losses.ForOutput(network.Description), new float[network.Description.ParameterCount])
        {
            Active = 2,
            Indices = new int[4],
        };
        (int start, int length) = GradientReduction.SliceOf(context, 1);
        context.Workers[0].Gradient[start + length - 1] = float.PositiveInfinity;
        GradientReduction.ReduceSlice(context, context.Workers[1], context.Workers[1], start, length);
        Assert.False(context.Workers[1].SliceFinite);
        GradientReduction.ReduceSlice(context, context.Workers[0], context.Workers[0], 0, start);
        Assert.True(context.Workers[0].SliceFinite);
    }
}
