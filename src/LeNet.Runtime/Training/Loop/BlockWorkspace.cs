using LeNet.Kernels;

namespace LeNet.Training;

/// <summary>Where the samples a <see cref="BlockWorkspace"/> runs come from.</summary>
internal interface IBlockSamples
{
    /// <summary>Writes sample <paramref name="sample"/>'s network input into <paramref name="input"/>.</summary>
    void Encode(int sample, Span<float> input);
}

/// <summary>Samples run forward only: each one's result is read from its lane.</summary>
internal interface IInferenceSamples : IBlockSamples
{
    /// <summary>Reads sample <paramref name="sample"/>'s results from lane <paramref name="lane"/> of <paramref name="workspace"/>.</summary>
    void Read(int sample, BlockWorkspace workspace, int lane);
}

/// <summary>Samples run forward and backward: each one's output gradient comes from its outputs.</summary>
internal interface ITrainingSamples : IBlockSamples
{
    /// <summary>
    /// Writes dE/doutput of sample <paramref name="sample"/> into <paramref name="outputGradient"/>
    /// given its <paramref name="output"/>; returns false to stop (a loss that is not finite).
    /// </summary>
    bool Seed(int sample, ReadOnlySpan<float> output, Span<float> outputGradient);

    /// <summary>The training pass of sample <paramref name="sample"/> and those after it (dropout masks), or evaluation.</summary>
    TrainingStep Step(int sample);
}

/// <summary>
/// One thread's buffers for running samples a block at a time through
/// <see cref="INetwork.ForwardBlock"/> and <see cref="INetwork.BackwardBlock"/>, and the loops that
/// do it: the only code that lays samples out in the lanes of a block (<see cref="BlockLayout"/>).
/// Allocated once, reused for every block.
/// </summary>
/// <remarks>
/// A block of fewer samples than <see cref="BlockSize"/> (a batch's tail) is padded: zero inputs
/// and zero output gradients in the unused lanes, which then add nothing to the gradient. A block
/// of a single sample on an engine with wider blocks runs the one-sample kernels
/// (<see cref="INetwork.Forward"/>, <see cref="INetwork.Backward"/>) instead, as a block one lane
/// wide, since a padded block would do <see cref="BlockSize"/> times its work.
/// </remarks>
internal sealed class BlockWorkspace
{
    private readonly INetwork _network;
    private readonly int _inputSize, _outputSize, _outputOffset, _activationCount;
    // The current block: samples in it, lanes it is laid out in (BlockSize, or 1 for a lone sample)
    // and whether it runs the one-sample kernels.
    private int _count, _lanes;
    // Where the kernels read and write, each starting a cache line.
    private readonly AlignedFloats _inputs, _activations, _outputGradients, _scratch;
    private bool _single;

    public BlockWorkspace(INetwork network)
    {
        _network = network;
        NetworkDescription d = network.Description;
        BlockSize = network.BlockSize;
        if (BlockSize < 1) throw new ArgumentException($"Network '{d.Name}' reports a block size of {BlockSize}; it must be at least 1.", nameof(network));
        _inputSize = d.Input.Size;
        _outputSize = d.Output.Size;
        _outputOffset = d.OutputOffset;
        _activationCount = d.ActivationCount;
        _inputs = new AlignedFloats(_inputSize * BlockSize);
        _activations = new AlignedFloats(_activationCount * BlockSize);
        _outputGradients = new AlignedFloats(_outputSize * BlockSize);
        _scratch = new AlignedFloats(Math.Max(network.ScratchLength, network.BlockScratchLength));
        SampleInputs = new float[_inputSize * BlockSize];
        Output = new float[_outputSize];
        OutputGradient = new float[_outputSize];
        _count = _lanes = 1;
    }

    /// <summary>Samples per block of the engine.</summary>
    public int BlockSize { get; }

    /// <summary>The current block's inputs, laid out as <see cref="BlockLayout"/> says.</summary>
    public Span<float> Inputs => _inputs.Span;
    /// <summary>The current block's activations.</summary>
    public Span<float> Activations => _activations.Span;
    /// <summary>The current block's output gradients.</summary>
    public Span<float> OutputGradients => _outputGradients.Span;
    /// <summary>Backward scratch, for blocks and single samples alike.</summary>
    public Span<float> Scratch => _scratch.Span;

    /// <summary>Floats of one sample's input.</summary>
    public int InputSize => _inputSize;
    /// <summary>The current block's inputs sample after sample, where <see cref="IBlockSamples.Encode"/> writes, before they are interleaved into <see cref="Inputs"/>.</summary>
    public float[] SampleInputs { get; }
    /// <summary>One sample's outputs, gathered from its lane.</summary>
    public float[] Output { get; }
    /// <summary>One sample's output gradient, before it is stored in its lane.</summary>
    public float[] OutputGradient { get; }

    /// <summary>Samples in the current block.</summary>
    public int Count => _count;

    /// <summary>Runs samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) forward, a block at a time, handing each one's lane to <paramref name="samples"/>.</summary>
    public void Infer<T>(ref T samples, int first, int count, ReadOnlySpan<float> parameters) where T : struct, IInferenceSamples
    {
        for (int start = first, end = first + count; start < end; start += BlockSize)
        {
            Forward(ref samples, start, Math.Min(BlockSize, end - start), parameters, TrainingStep.Evaluation);
            for (int lane = 0; lane < _count; lane++) samples.Read(start + lane, this, lane);
        }
    }

    /// <summary>
    /// Runs samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>)
    /// forward and backward, a block at a time, and adds the sum of their parameter gradients into
    /// <paramref name="gradient"/>; returns false as soon as <paramref name="samples"/> says stop.
    /// </summary>
    public bool Train<T>(ref T samples, int first, int count, ReadOnlySpan<float> parameters, Span<float> gradient) where T : struct, ITrainingSamples
    {
        for (int start = first, end = first + count; start < end; start += BlockSize)
        {
            Forward(ref samples, start, Math.Min(BlockSize, end - start), parameters, samples.Step(start));
            for (int lane = 0; lane < _count; lane++)
            {
                if (!samples.Seed(start + lane, LoadOutput(lane), OutputGradient)) return false;
                StoreOutputGradient(lane);
            }
            Backward(parameters, gradient);
        }
        return true;
    }

    /// <summary>Gathers lane <paramref name="lane"/>'s outputs into <see cref="Output"/>.</summary>
    public ReadOnlySpan<float> LoadOutput(int lane)
    {
        BlockLayout.Gather(Activations.Slice(_outputOffset * _lanes, _outputSize * _lanes), Output, lane, _lanes);
        return Output;
    }

    /// <summary>Gathers every activation of lane <paramref name="lane"/> into <paramref name="activations"/> (one sample's layout).</summary>
    public void LoadActivations(int lane, Span<float> activations) =>
        BlockLayout.Gather(Activations.Slice(0, _activationCount * _lanes), activations[.._activationCount], lane, _lanes);

    /// <summary>Encodes samples [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) into the lanes of one block and runs it forward.</summary>
    private void Forward<T>(ref T samples, int start, int count, ReadOnlySpan<float> parameters, TrainingStep step) where T : struct, IBlockSamples
    {
        Begin(count);
        for (int lane = 0; lane < _count; lane++) samples.Encode(start + lane, SampleInputs.AsSpan(lane * _inputSize, _inputSize));
        BlockLayout.Interleave(SampleInputs, _inputSize, _count, Inputs.Slice(0, _inputSize * _lanes), _lanes);
        Forward(parameters, step);
    }

    private void Begin(int count)
    {
        _count = count;
        _single = count == 1 && BlockSize > 1;
        _lanes = _single ? 1 : BlockSize;
    }

    private void StoreOutputGradient(int lane) =>
        BlockLayout.Scatter(OutputGradient, OutputGradients.Slice(0, _outputSize * _lanes), lane, _lanes);

    private void Forward(ReadOnlySpan<float> parameters, TrainingStep step)
    {
        if (_single)
        {
            _network.ForwardTraining(parameters, Inputs.Slice(0, _inputSize), Activations.Slice(0, _activationCount), step);
            return;
        }
        _network.ForwardBlockTraining(parameters, Inputs, Activations, step);
    }

    private void Backward(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        if (_single)
        {
            _network.Backward(parameters, Inputs.Slice(0, _inputSize), Activations.Slice(0, _activationCount),
                OutputGradients.Slice(0, _outputSize), gradient, Scratch.Slice(0, _network.ScratchLength));
            return;
        }
        for (int lane = _count; lane < _lanes; lane++) BlockLayout.Fill(OutputGradients, lane, _lanes, 0f);
        _network.BackwardBlock(parameters, Inputs, Activations, OutputGradients, gradient, Scratch.Slice(0, _network.BlockScratchLength));
    }
}
