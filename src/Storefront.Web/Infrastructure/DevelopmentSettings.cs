using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Storefront.Web;

internal static class DevelopmentSettings
{
    /// <summary>
    /// The committed Development settings live in one file at the repository root (no copy in the project).
    /// The build copies it beside the binaries; this points the default "appsettings.Development.json" source
    /// at that copy, keeping its place in the order (environment variables and command line still win).
    /// </summary>
    public static WebApplicationBuilder UseRepositoryDevelopmentSettings(this WebApplicationBuilder builder)
    {
        var fileName = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && json.Path == fileName
                && File.Exists(Path.Combine(AppContext.BaseDirectory, fileName)))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = fileName,
                    Optional = false,
                    ReloadOnChange = false,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
            }
        }

        return builder;
    }
}
