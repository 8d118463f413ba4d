using System.Runtime.InteropServices;
using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class DeterminismTests
{
    private static readonly Data.LabelledImages Train = SyntheticImages.Make(200, seed: 11);

    private static float[] TrainWith(int seed, OptimizerKind optimizer, IImageAugmentation? augmentation = null)
    {
        var options = new TrainingOptions
        {
            Epochs = 2, BatchSize = 7, LearningRate = 0.01f, Optimizer = optimizer, Threads = 2, Seed = seed,
            CurvatureSamples = 50, Augmentation = augmentation,
        };
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options);
        trainer.Train(Train, null);
        return trainer.Parameters.ToArray();
    }

    private static bool BitwiseEqual(float[] a, float[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sdlm)]
    public void SameSeedAndThreadsGiveBitIdenticalParameters(OptimizerKind optimizer)
    {
        float[] first = TrainWith(5, optimizer), second = TrainWith(5, optimizer);
        Assert.True(BitwiseEqual(first, second));
        Assert.False(BitwiseEqual(first, TrainWith(6, optimizer)));
    }

    [Fact]
    public void AugmentationSeedsDoNotDependOnTiming()
    {
        float[] first = TrainWith(5, OptimizerKind.Sgd, new SeededNoise());
        float[] second = TrainWith(5, OptimizerKind.Sgd, new SeededNoise());
        Assert.True(BitwiseEqual(first, second));
        Assert.False(BitwiseEqual(first, TrainWith(5, OptimizerKind.Sgd)));
    }

    /// <summary>Adds noise drawn from the per-sample seed: deterministic, and visibly changes training.</summary>
    private sealed class SeededNoise : IImageAugmentation
    {
        public void Prepare(int workers, int rows, int columns) => Assert.Equal(2, workers);

        public void Apply(int worker, ulong seed, ReadOnlySpan<byte> source, Span<byte> destination)
        {
            var random = new Random((int)(seed >> 33));
            for (int i = 0; i < source.Length; i++) destination[i] = (byte)Math.Min(255, source[i] + random.Next(64));
        }
    }
}
