using Storefront.Web;
using Storefront.Web.Data;
using Storefront.Web.Features.Account;
using Storefront.Web.Features.Admin;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Email;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Licenses;
using Storefront.Web.Features.Live;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;
using Storefront.Web.Features.Reconciliation;
using Storefront.Web.Features.Subscriptions;
using Storefront.Web.Features.Usage;
using Storefront.Web.Features.Webhooks;
using Storefront.Web.Identity;

var (adminEmail, hostArgs) = AdminCommand.Parse(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.UseRepositoryDevelopmentSettings();

builder.AddStorefrontData();
builder.AddStorefrontIdentity();
builder.AddEmail();
builder.AddStorefrontUi();
builder.AddCatalog();
builder.AddDodo();
builder.AddDodoWebhooks();
builder.AddLiveUpdates();
builder.AddNotifications();
builder.AddOrders();
builder.AddExperiments();
builder.AddOffers();
builder.AddSubscriptions();
builder.AddLicenses();
builder.AddAccount();
builder.AddUsage();
builder.AddReconciliation();
builder.AddAdmin();

var app = builder.Build();

if (adminEmail is not null)
{
    return await AdminCommand.RunAsync(app, adminEmail, Console.In, Console.Out);
}

app.UseStorefrontPipeline();
app.MapStorefrontPages();
app.MapDodoWebhooks();
app.MapUpsellApi();
app.MapUsageApi();
app.MapAdminEndpoints();
app.MapDodoSandboxIfUsed();

await StartupFailure.RunAsync(app);
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
