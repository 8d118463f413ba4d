using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>Which registry the downloader asks: the environment, then the project's .npmrc, then the user's, then npm's own.</summary>
public sealed class NpmRegistryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly Dictionary<string, string?> _environment = [];

    public NpmRegistryTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Project);
    }

    public void Dispose() => _folder.Dispose();

    private string Home => _folder.File("home");
    private string Project => _folder.File("project");

    private NpmRegistry Resolve() => NpmRegistry.Resolve(name => _environment.GetValueOrDefault(name), Home, Project);

    [Fact]
    public void Without_any_setting_it_is_npms_own()
    {
        Assert.Equal(new NpmRegistry(new Uri("https://registry.npmjs.org/"), "the default"), Resolve());
    }

    [Fact]
    public void The_environment_wins_over_the_project_which_wins_over_the_user()
    {
        string user = Path.Combine(Home, ".npmrc"), project = Path.Combine(Project, ".npmrc");
        File.WriteAllText(user, "fund=false\nregistry=https://user.example/npm/\n");
        Assert.Equal(new NpmRegistry(new Uri("https://user.example/npm/"), user), Resolve());

        File.WriteAllText(project, "registry = https://project.example/\n");
        Assert.Equal(new NpmRegistry(new Uri("https://project.example/"), project), Resolve());

        _environment["NPM_CONFIG_REGISTRY"] = "http://upper.example/";
        Assert.Equal(new NpmRegistry(new Uri("http://upper.example/"), "NPM_CONFIG_REGISTRY"), Resolve());

        _environment["npm_config_registry"] = "https://lower.example/";
        Assert.Equal(new NpmRegistry(new Uri("https://lower.example/"), "npm_config_registry"), Resolve());
    }

    [Fact]
    public void The_user_config_may_be_moved_with_npm_config_userconfig()
    {
        string moved = _folder.File("elsewhere.npmrc");
        File.WriteAllText(Path.Combine(Home, ".npmrc"), "registry=https://home.example/\n");
        File.WriteAllText(moved, "registry=https://moved.example/\n");
        _environment["npm_config_userconfig"] = moved;

        Assert.Equal(new NpmRegistry(new Uri("https://moved.example/"), moved), Resolve());
    }

    [Fact]
    public void Comments_sections_quotes_and_variables_are_read_as_npm_reads_them()
    {
        string npmrc = Path.Combine(Project, ".npmrc");
        File.WriteAllText(npmrc, "# registry=https://commented.example/\n; registry=https://also-commented.example/\n"
            + "//mirror.example/:_authToken=${TOKEN}\nregistry=https://first.example/\n  registry = \"https://${MIRROR}/npm/\"  \r\n");
        _environment["MIRROR"] = "mirror.example";

        Assert.Equal(new Uri("https://mirror.example/npm/"), Resolve().Url);
    }

    [Theory]
    [InlineData("ftp://mirror.example/", "The npm registry 'ftp://mirror.example/' set by npm_config_registry is not an http:// or https:// URL.")]
    [InlineData("mirror.example", "The npm registry 'mirror.example' set by npm_config_registry is not an http:// or https:// URL.")]
    [InlineData("https://${UNSET}/", "The npm registry 'https://${UNSET}/' set by npm_config_registry uses ${UNSET}, which is not set.")]
    public void A_setting_that_is_not_a_web_address_is_one_clear_error(string value, string message)
    {
        _environment["npm_config_registry"] = value;
        Assert.Equal(message, Assert.Throws<DataDownloadException>(Resolve).Message);
    }

    [Fact]
    public void A_pipe_named_npmrc_is_skipped_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return;
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(Project, ".npmrc")])) mkfifo.WaitForExit();
        File.WriteAllText(Path.Combine(Home, ".npmrc"), "registry=https://home.example/\n");

        Assert.Equal(new Uri("https://home.example/"), Resolve().Url);
    }
}
