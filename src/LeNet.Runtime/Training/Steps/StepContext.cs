using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// What the workers of a step read: the network, loss and parameters, the crew and its workers, the
/// data being trained on, and the samples, position, pass and rate of the current step. One per
/// <see cref="Trainer"/>; the trainer sets the step's fields before it runs the crew.
/// </summary>
internal sealed class StepContext
{
    public StepContext(INetwork network, TrainingOptions options, ILoss loss, Memory<float> parameters)
    {
        Network = network;
        Options = options;
        Loss = loss;
        Parameters = parameters;
        Workers = new TrainingWorker[options.Threads];
        for (int w = 0; w < Workers.Length; w++) Workers[w] = new TrainingWorker(network);
        BlockSize = Workers[0].Block.BlockSize;
    }

    public INetwork Network { get; }
    public TrainingOptions Options { get; }
    public ILoss Loss { get; }
    /// <summary>The parameters being trained.</summary>
    public Memory<float> Parameters { get; }
    public TrainingWorker[] Workers { get; }
    /// <summary>Samples per block of the network's block kernels.</summary>
    public int BlockSize { get; }

    /// <summary>The crew of the open steps, or null.</summary>
    public WorkerCrew? Crew { get; set; }
    /// <summary>The data the open steps train on.</summary>
    public LabelledImages? Data { get; set; }
    public InputEncoder? Encoder { get; set; }

    /// <summary>The indices into <see cref="Data"/> of the current step's samples.</summary>
    public ReadOnlyMemory<int> Indices { get; set; }
    /// <summary>Where the step's first sample sits in the pass (for the augmentation's seeds).</summary>
    public int FirstPosition { get; set; }
    /// <summary>The pass, from 0.</summary>
    public int Epoch { get; set; }
    /// <summary>Workers taking part in the current step.</summary>
    public int Active { get; set; }
    public float Rate { get; set; }

    /// <summary>Worker <paramref name="w"/>'s share of the step's samples, in whole units of <paramref name="unit"/>.</summary>
    public (int First, int Count) ShareOf(int w, int unit) => WorkerCrew.ShareOf(Indices.Length, unit, Active, w);

    /// <summary>The dropout masks of sample <paramref name="sample"/> of the current step: drawn from the seed, the pass and its position in the pass.</summary>
    public TrainingStep DropoutStep(int sample) => SampleSeeds.ForDropout(Options.Seed, Epoch, FirstPosition + sample);

    /// <summary>
    /// Encodes (and distorts: <see cref="Distortion"/>) sample <paramref name="sample"/> of the current step
    /// into <paramref name="input"/>, for worker <paramref name="w"/>.
    /// </summary>
    public void Encode(TrainingWorker worker, int w, int sample, Span<float> input)
    {
        int index = Indices.Span[sample];
        ReadOnlySpan<byte> image = Data!.Image(index);
        if (Options.Augmentation is { } augmentation && Distortion.Seed(Options, Epoch, index, FirstPosition + sample) is ulong seed)
        {
            augmentation.Apply(w, seed, image, worker.Image);
            image = worker.Image;
        }
        Encoder!.Encode(image, input);
    }
}
