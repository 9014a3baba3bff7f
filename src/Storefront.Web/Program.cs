using Storefront.Web;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Webhooks;
using Storefront.Web.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.UseRepositoryDevelopmentSettings();

builder.AddStorefrontData();
builder.AddStorefrontIdentity();
builder.AddStorefrontUi();
builder.AddCatalog();
builder.AddDodo();
builder.AddDodoWebhooks();
builder.AddCommerce();
builder.AddAdmin();

var app = builder.Build();

app.UseStorefrontPipeline();
app.MapStorefrontPages();
app.MapDodoWebhooks();
app.MapUpsellApi();
app.MapAdminEndpoints();
app.MapDodoSandboxIfUsed();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
