using System.Text;
using System.Text.RegularExpressions;
using LeNet.Files;

namespace LeNet.Data;

/// <summary>
/// The npm registry to fetch packages from, found as npm finds it: the environment variable
/// <c>npm_config_registry</c> (or <c>NPM_CONFIG_REGISTRY</c>), else <c>registry=</c> in the project's
/// <c>.npmrc</c> (the current folder's), else in the user's (<c>$npm_config_userconfig</c>, else
/// <c>~/.npmrc</c>), else https://registry.npmjs.org/.
/// </summary>
/// <param name="Url">The registry's root.</param>
/// <param name="Source">Where the setting came from, for messages: a variable's name, a file's path, or "the default".</param>
internal sealed partial record NpmRegistry(Uri Url, string Source)
{
    /// <summary>npm's own registry.</summary>
    public const string DefaultUrl = "https://registry.npmjs.org/";
    /// <summary>The <see cref="Source"/> of the default registry.</summary>
    public const string DefaultSource = "the default";

    private const string RegistryKey = "registry";
    private const string NpmrcName = ".npmrc";
    /// <summary>Largest .npmrc read; a bigger one is not a configuration file.</summary>
    private const long MaxNpmrcBytes = 1 << 20;
    private static readonly string[] RegistryVariables = ["npm_config_registry", "NPM_CONFIG_REGISTRY"];
    private static readonly string[] UserConfigVariables = ["npm_config_userconfig", "NPM_CONFIG_USERCONFIG"];

    /// <summary>The registry this process is configured with.</summary>
    /// <exception cref="DataDownloadException">The setting is not an http(s) URL, or names an unset variable.</exception>
    public static NpmRegistry Configured() => Resolve(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Directory.GetCurrentDirectory());

    /// <summary><see cref="Configured"/> for the given environment, home and current folder, for tests.</summary>
    internal static NpmRegistry Resolve(Func<string, string?> environment, string home, string currentDirectory)
    {
        foreach (string variable in RegistryVariables)
            if (environment(variable) is { Length: > 0 } value)
                return Parse(value, variable, environment);
        string userConfig = UserConfigVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? Path.Combine(home, NpmrcName);
        foreach (string npmrc in new[] { Path.Combine(currentDirectory, NpmrcName), userConfig })
            if (ReadSetting(npmrc, RegistryKey) is { } value)
                return Parse(value, npmrc, environment);
        return new NpmRegistry(new Uri(DefaultUrl), DefaultSource);
    }

    /// <summary>The value of <paramref name="key"/> in the ini-style file <paramref name="path"/>, or null when the file or the key is absent.</summary>
    private static string? ReadSetting(string path, string key)
    {
        if (RegularFile.Problem(path, MaxNpmrcBytes) is not null) return null;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxNpmrcBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // unreadable: as npm does with a missing file, go on to the next
        }
        string? found = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' or '[') continue;
            int equals = line.IndexOf('=');
            if (equals < 0 || line[..equals].Trim() != key) continue;
            found = Unquote(line[(equals + 1)..].Trim()); // the last setting wins, as in npm
        }
        return found;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0], value[^1]) is ('"', '"') or ('\'', '\'') ? value[1..^1] : value;

    /// <summary>The registry <paramref name="value"/> with <c>${VAR}</c> references expanded, checked to be an http(s) URL.</summary>
    private static NpmRegistry Parse(string value, string source, Func<string, string?> environment)
    {
        string expanded = VariableReference().Replace(value, match =>
            environment(match.Groups["name"].Value)
            ?? throw new DataDownloadException($"The npm registry '{value}' set by {source} uses ${{{match.Groups["name"].Value}}}, which is not set."));
        if (!Uri.TryCreate(expanded, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new DataDownloadException($"The npm registry '{expanded}' set by {source} is not an http:// or https:// URL.");
        return new NpmRegistry(url, source);
    }

    [GeneratedRegex(@"\$\{(?<name>[^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariableReference();
}
