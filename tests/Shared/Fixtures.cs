namespace Storefront.Testing;

/// <summary>The Dodo wire fixtures in ../shared/dodo-api/fixtures beside the repository.</summary>
public static class Fixtures
{
    public static string Folder { get; } = Find();

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static IEnumerable<string> All() => Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName)!;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "dodo-api", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/dodo-api/fixtures was not found above " + AppContext.BaseDirectory +
            ". Clone the repository beside ../shared as CI does.");
    }
}
