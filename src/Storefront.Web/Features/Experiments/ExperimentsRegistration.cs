namespace Storefront.Web.Features.Experiments;

public static class ExperimentsRegistration
{
    public static WebApplicationBuilder AddExperiments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExperimentArms>();
        return builder;
    }
}
