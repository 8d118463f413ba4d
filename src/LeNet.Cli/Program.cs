namespace LeNet.Cli;

/// <summary>Entry point of the <c>lenet</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        Console.WriteLine("lenet: not wired yet");
        return 0;
    }
}
