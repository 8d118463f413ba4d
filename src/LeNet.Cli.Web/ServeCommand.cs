using System.CommandLine;
using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Cli.Web;
using LeNet.Data;
using LeNet.Models;
using LeNet.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet serve CHECKPOINT|--model NAME [--reader CHECKPOINT] [--locator CHECKPOINT] [--port 5000]</c>: the
/// draw-a-digit page (<see cref="DemoServer"/>) on 127.0.0.1 with the trained network behind it, with a
/// string reader the wide pad that reads a string of digits as it is written, and the page reader that finds
/// and reads the field on an uploaded envelope or cheque (the pretrained one, or <c>--locator</c>'s detector
/// as <c>lenet find</c> uses it), until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The port used when none is given.</summary>
    public const int DefaultPort = 5000;
    private const int LargestPort = 65535;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new ModelSource();
        var port = new Option<int>("--port", "-p") { Description = $"Port on 127.0.0.1 (0 picks a free one; default: {DefaultPort}).", DefaultValueFactory = _ => DefaultPort }.Within(0, LargestPort);
        var reader = new Option<string?>("--reader") { Description = "A string reader's checkpoint (lenet5-strings), or the folder holding it: the page gains a wide pad that reads a zip code as you write it." };
        var locator = new Option<string?>("--locator") { Description = "A page detector's checkpoint (lenet5-locator) for the page reader, which finds and reads the field on an uploaded envelope or cheque (default: the pretrained lenet5-locator, with lenet5-strings-wide-pages reading zip codes and lenet5-amounts-wide-pages amounts)." };
        var data = CommonOptions.DataForCheckpoint();
        var secondLook = CommonOptions.SecondLook();
        var command = new Command("serve", "Serve the draw-a-digit page on http://127.0.0.1:PORT/ with the network behind it, and a page reader for uploaded envelopes and cheques (Ctrl+C stops).")
        {
            source.Checkpoint, source.Pretrained, reader, locator, port, data, secondLook,
        };
        command.SetAction(result =>
        {
            int portNumber = result.GetValue(port);
            LoadedModel model = source.Load(result);
            MnistSplit split = DataSource.For(model, result.GetValue(data));
            LabelledImages test = split.Test;
            NetworkStringReader? strings = result.GetValue(reader) is { } readerPath ? CreateStringReader(LoadedModel.From(readerPath)) : null;
            NetworkPageFinder pages = CreatePageFinder(result.GetValue(locator) is { } locatorPath ? LoadedModel.From(locatorPath) : null);
            result.ApplySecondLook(secondLook, [pages.Reader.Reader(PageKind.Envelope), pages.Reader.Reader(PageKind.Cheque), .. strings is null ? [] : new[] { strings.Reader }]);
            WebApplication app = DemoServer.Build(Describe(model), CreatePredictor(model), new MnistRandomDigits(test), portNumber, strings, pages);
            try
            {
                app.StartAsync().GetAwaiter().GetResult();
            }
            catch (IOException error)
            {
                throw new UserError($"Cannot listen on 127.0.0.1:{portNumber}: {error.Message} Try another --port.");
            }
            string wide = strings is null ? "" : $", {strings.Model.Name} on the wide pad";
            Console.WriteLine($"Serving {model.Entry.Name}{wide} and {pages.Model.Name} finding fields on pages at {DemoServer.Address(app)} (Ctrl+C stops).");
            // The host's console lifetime turns Ctrl+C and SIGTERM into a clean shutdown.
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The page's predictor for a loaded model: the drawing preprocessed by <see cref="PreprocessingExtensions.Apply"/>, exactly as
    /// <c>lenet predict</c> reads an image, or for a model trained on an image folder fitted whole into 28x28
    /// (<see cref="ImageResize"/>) as its pictures were.
    /// </summary>
    public static NetworkDigitPredictor CreatePredictor(LoadedModel model) =>
        new(model.Network, model.Parameters,
            ink => model.Checkpoint.Data.Preprocessing.Apply(ink),
            classNames: model.ClassNames);

    /// <summary>The wide pad's reader for a string reader's checkpoint, preparing drawings exactly as <c>lenet read</c> prepares a picture.</summary>
    public static NetworkStringReader CreateStringReader(LoadedModel model) => new(ReadCommand.Reader(model), Describe(model), model.Checkpoint.CharacterModel);

    /// <summary>
    /// The page reader: the pretrained one (<see cref="PageReaders.Pretrained"/>) without a detector checkpoint,
    /// otherwise <paramref name="locator"/>'s detector with the pretrained string readers (zip codes, amounts), as <c>lenet find</c> builds it.
    /// </summary>
    public static NetworkPageFinder CreatePageFinder(LoadedModel? locator)
    {
        PageReader reader = locator is null
            ? PageReaders.Pretrained()
            : FindCommand.Reader(locator);
        return new NetworkPageFinder(reader, Describe(locator ?? LoadedModel.Pretrained(LeNet5Locator.NetworkName)));
    }

    /// <summary>What the page says about the model: its name, size, and the test accuracy its checkpoint records.</summary>
    public static DemoModel Describe(LoadedModel model)
    {
        string summary = $"{model.Entry.Description.ParameterCount:N0} parameters";
        if (double.TryParse(model.Checkpoint.Get(CheckpointKeys.TestAccuracy), NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy) && double.IsFinite(accuracy))
            summary += $", test accuracy {Percent.Of(accuracy)}";
        if (model.Checkpoint.Get(CheckpointKeys.Epoch) is { } epoch)
            summary += $" after pass {epoch}";
        return new DemoModel(model.Entry.Name, $"{summary} ({Path.GetFileName(model.Checkpoint.Path)})");
    }
}
