using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Data;
using LeNet.Kernels;
using LeNet.Training;

namespace LeNet;

/// <summary>
/// A network with its parameters, the names of its classes and how it prepares a picture: what a
/// program trains, saves, loads and asks for predictions. Made by <see cref="Model.Create{TNet}"/> or
/// <see cref="Model.Load{TNet}(string)"/>.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Predict(GreyImage)"/>, its batch forms and <see cref="Evaluate"/> may be
/// called from any number of threads at once, also while <see cref="Train(LabelledImages, LabelledImages?, TrainingOptions?, IProgress{EpochReport}?, CancellationToken)"/>
/// runs: each call has its own buffers and reads the parameters as they were when it began (training
/// replaces them whole when it ends). Only one training runs at a time.
/// </remarks>
/// <typeparam name="TNet">The <c>[Network]</c> class.</typeparam>
public sealed class Model<TNet> where TNet : INetwork, new()
{
    private readonly TNet _network;
    private AlignedFloats _parameters;
    private Trained _on;
    private int _training;

    internal Model(TNet network, float[] parameters, DataInfo data)
    {
        _network = network;
        _parameters = AlignedFloats.ForParameters(network.Description, parameters);
        _on = new Trained(data, NamesFor(network.Description, data));
    }

    /// <summary>The network: its layers, shapes and parameter count.</summary>
    public NetworkDescription Description => _network.Description;

    /// <summary>The engine (the generated code), for the lower-level API (<see cref="Trainer"/>, <see cref="Evaluator"/>).</summary>
    public TNet Network => _network;

    /// <summary>The parameters, <see cref="NetworkDescription.ParameterCount"/> floats in the engine's layout.</summary>
    public ReadOnlyMemory<float> Parameters => Volatile.Read(ref _parameters).Memory;

    /// <summary>
    /// The data the model is trained on, saved with it: how <see cref="Predict(GreyImage)"/> prepares a picture
    /// (<see cref="DataInfo.Preprocessing"/>) and what the classes are called (<see cref="DataInfo.ClassNames"/>).
    /// MNIST-style digits unless set (or loaded); set it before training on other data, an image folder for instance.
    /// </summary>
    /// <exception cref="ArgumentException">Set: the description is not valid (<see cref="DataInfo.Validate"/>), or names more classes than the network has outputs.</exception>
    public DataInfo Data
    {
        get => Volatile.Read(ref _on).Data;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Volatile.Write(ref _on, new Trained(value, NamesFor(Description, value)));
        }
    }

    /// <summary>The name of each class, output unit by output unit: <see cref="Data"/>'s, completed with the units' numbers ("0", "1", ...).</summary>
    public IReadOnlyList<string> ClassNames => Volatile.Read(ref _on).ClassNames;

    /// <summary>How <see cref="Predict(GreyImage)"/> prepares a picture: <see cref="Data"/>'s preprocessing.</summary>
    public Preprocessing Preprocessing => Data.Preprocessing;

    /// <summary>The class in <paramref name="picture"/>, prepared by <see cref="Preprocessing"/> first.</summary>
    /// <exception cref="ArgumentException">The prepared picture does not fit the network's input, or (<see cref="Preprocessing.Digit"/>) it is blank.</exception>
    public Prediction Predict(GreyImage picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        byte[] image = Preprocessing.Apply(picture);
        ForwardTrace trace = Evaluator.Trace(_network, Parameters.Span, image, PreprocessingExtensions.ImageSide, PreprocessingExtensions.ImageSide);
        return ToPrediction(trace.Label, trace.Probabilities);
    }

    /// <summary>
    /// The class in each of <paramref name="pictures"/>, prepared by <see cref="Preprocessing"/> first and run
    /// a block of images at a time on every core: the same answers as <see cref="Predict(GreyImage)"/> one by
    /// one, probabilities equal to within float rounding.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Predict(GreyImage)"/>; the message names the picture.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Prediction[] Predict(IReadOnlyList<GreyImage> pictures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        const int side = PreprocessingExtensions.ImageSide, size = side * side;
        Preprocessing preprocessing = Preprocessing;
        var pixels = new byte[(long)pictures.Count * size];
        for (int i = 0; i < pictures.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] image;
            try
            {
                image = preprocessing.Apply(pictures[i] ?? throw new ArgumentNullException(nameof(pictures), $"Picture {i} is null."));
            }
            catch (ArgumentException error) when (error is not ArgumentNullException)
            {
                throw new ArgumentException($"Picture {i}: {error.Message}", nameof(pictures), error);
            }
            image.CopyTo(pixels, (long)i * size);
        }
        return PredictImages(pixels, pictures.Count, side, side, cancellationToken);
    }

    /// <summary>
    /// The class of every image of <paramref name="images"/>, taken as they are (prepared already, as a data
    /// set's are: no <see cref="Preprocessing"/>), a block of images at a time on every core.
    /// </summary>
    /// <exception cref="ArgumentException">The images do not fit the network's input.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Prediction[] Predict(LabelledImages images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return PredictImages(images.Pixels, images.Count, images.Rows, images.Columns, cancellationToken);
    }

    /// <summary>Accuracy, mean loss, confusion matrix and mistakes on <paramref name="data"/>, on every core.</summary>
    /// <exception cref="ArgumentException">The data has more classes than the network has outputs, or its images do not fit the input.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EvaluationResult Evaluate(LabelledImages data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Evaluator(_network).Evaluate(Parameters, data, cancellationToken);
    }

    /// <summary>
    /// Trains on <paramref name="data"/>'s training set, testing after each pass on its test set. See
    /// <see cref="Train(LabelledImages, LabelledImages?, TrainingOptions?, IProgress{EpochReport}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As the other overload, or the data name their classes otherwise than <see cref="Data"/> does (set it first).</exception>
    public TrainingResult Train(MnistSplit data, TrainingOptions? options = null, IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ClassNames is { } names && !names.SequenceEqual(Data.ClassNames, StringComparer.Ordinal))
            throw new ArgumentException($"The data's classes ({string.Join(", ", names)}) are not the model's ({string.Join(", ", Data.ClassNames)}); describe the data in model.Data first.", nameof(data));
        return Train(data.Train, data.Test, options, progress, cancellationToken);
    }

    /// <summary>
    /// Trains the model on <paramref name="train"/>, starting from its current parameters, and keeps the best
    /// parameters: the pass with the highest accuracy on <paramref name="test"/>, or the latest without a test set.
    /// </summary>
    /// <param name="train">The training set.</param>
    /// <param name="test">The set each pass is tested on, or null.</param>
    /// <param name="options">How to train (<see cref="TrainingOptions"/>'s defaults when null). Their initialisation
    /// plays no part: the parameters were drawn by <see cref="Model.Create{TNet}"/>.</param>
    /// <param name="progress">Told after each pass.</param>
    /// <param name="cancellationToken">Stops training between two steps; the model then keeps the best
    /// parameters so far (or where training stood, before any tested pass) and the result says
    /// <see cref="TrainingResult.Cancelled"/>. Nothing is thrown.</param>
    /// <exception cref="ArgumentException">Invalid options, or data that do not fit the network.</exception>
    /// <exception cref="InvalidOperationException">Another training of this model is running.</exception>
    /// <exception cref="TrainingDivergedException">The parameters became NaN or infinite; the model keeps the parameters it had before.</exception>
    public TrainingResult Train(LabelledImages train, LabelledImages? test = null, TrainingOptions? options = null,
        IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Interlocked.Exchange(ref _training, 1) != 0)
            throw new InvalidOperationException("This model is already training; one training at a time.");
        try
        {
            var trainer = new Trainer(_network, options ?? new TrainingOptions());
            Parameters.Span.CopyTo(trainer.Parameters.Span);
            TrainingResult result = trainer.Train(train, test, progress: null,
                onEpoch: progress is null ? null : progress.Report, token: cancellationToken);
            Volatile.Write(ref _parameters, AlignedFloats.ForParameters(Description, result.BestParameters));
            return result;
        }
        finally
        {
            Volatile.Write(ref _training, 0);
        }
    }

    /// <summary>
    /// Saves the model to <paramref name="path"/> (a checkpoint: parameters and <see cref="Data"/>), atomically: a
    /// failure leaves any previous file there unchanged. <see cref="Model.Load{TNet}(string)"/> reads it back.
    /// </summary>
    /// <exception cref="CheckpointException">The file could not be written; any previous file there is unchanged.</exception>
    public void Save(string path)
    {
        var metadata = new Dictionary<string, string> { [CheckpointKeys.Created] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
        Checkpoint.Save(path, Description, Parameters.Span, metadata, Data);
    }

    private Prediction[] PredictImages(ReadOnlyMemory<byte> pixels, int count, int rows, int columns, CancellationToken cancellationToken)
    {
        int classes = Description.Output.Size;
        var labels = new int[count];
        var probabilities = new float[(long)count * classes];
        new Evaluator(_network).Predict(Parameters, pixels, rows, columns, labels, probabilities, cancellationToken);
        var predictions = new Prediction[count];
        for (int i = 0; i < count; i++)
            predictions[i] = ToPrediction(labels[i], probabilities.AsSpan(i * classes, classes).ToArray());
        return predictions;
    }

    private Prediction ToPrediction(int label, float[] probabilities) => new(label, ClassNames[label], probabilities);

    /// <summary>What the model is trained on and the class names it gives, replaced together.</summary>
    private sealed record Trained(DataInfo Data, string[] ClassNames);

    /// <summary>One name per output: <paramref name="data"/>'s class names, completed with the units' numbers.</summary>
    private static string[] NamesFor(NetworkDescription network, DataInfo data)
    {
        int outputs = network.Output.Size;
        IReadOnlyList<string> names = data.ClassNames;
        if (names.Count > outputs)
            throw new ArgumentException($"The data name {names.Count} classes, but network '{network.Name}' has {outputs} outputs.", nameof(data));
        var all = new string[outputs];
        for (int i = 0; i < outputs; i++) all[i] = i < names.Count ? names[i] : i.ToString(CultureInfo.InvariantCulture);
        return all;
    }
}
