using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Email;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Licenses;
using Storefront.Web.Features.Usage;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Data;

/// <summary>One context for Identity, the Data Protection key ring and the store's own tables (one database, one migration history).</summary>
public sealed class StorefrontDbContext(DbContextOptions<StorefrontDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CatalogProduct> Products => Set<CatalogProduct>();

    public DbSet<WebhookInboxEntry> WebhookInbox => Set<WebhookInboxEntry>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Entitlement> Entitlements => Set<Entitlement>();

    public DbSet<CustomerSubscription> Subscriptions => Set<CustomerSubscription>();

    public DbSet<UpsellRule> UpsellRules => Set<UpsellRule>();

    public DbSet<OfferAttempt> OfferAttempts => Set<OfferAttempt>();

    public DbSet<PlanChangeQuote> PlanChangeQuotes => Set<PlanChangeQuote>();

    public DbSet<PlanChangePolicySettings> PlanChangePolicy => Set<PlanChangePolicySettings>();

    public DbSet<CustomerNotification> Notifications => Set<CustomerNotification>();

    public DbSet<EmailOutboxMessage> EmailOutbox => Set<EmailOutboxMessage>();

    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<OfferDiscountCode> OfferDiscountCodes => Set<OfferDiscountCode>();

    public DbSet<LicenseKeyRecord> LicenseKeys => Set<LicenseKeyRecord>();

    public DbSet<CancellationRequest> CancellationRequests => Set<CancellationRequest>();

    public DbSet<RetentionOffer> RetentionOffers => Set<RetentionOffer>();

    public DbSet<CreditMovement> CreditMovements => Set<CreditMovement>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<UsageReport> UsageReports => Set<UsageReport>();

    public DbSet<UsageUpgradeRule> UsageUpgradeRules => Set<UsageUpgradeRule>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<EligibleOrder> EligibleOrders => Set<EligibleOrder>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
    }
}
