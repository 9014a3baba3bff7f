using Dodo.Payments.Json;
using SubscriptionStatus = Dodo.Payments.Models.SubscriptionStatus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Email;
using Storefront.Web.Features.Notifications;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("Orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Quantity).HasDefaultValue(1); // rows from before quantities were for one
        order.Property(o => o.UserId).HasMaxLength(450);
        order.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.ProductId).HasMaxLength(64);
        order.Property(o => o.DodoProductId).HasMaxLength(64);
        order.Property(o => o.ProductName).HasMaxLength(200);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.BillingAddress).HasMaxLength(1000);
        order.Property(o => o.CheckoutSessionId).HasMaxLength(64);
        order.Property(o => o.PaymentId).HasMaxLength(64);
        order.Property(o => o.SubscriptionId).HasMaxLength(64);
        order.Property(o => o.FailureCode).HasMaxLength(64);
        order.Property(o => o.FailureMessage).HasMaxLength(500);
        order.HasIndex(o => new { o.UserId, o.CreatedAt });
        order.HasIndex(o => o.PaymentId).IsUnique();
        order.HasIndex(o => o.CheckoutSessionId);
        order.HasIndex(o => o.OfferAttemptId).IsUnique();
    }
}

internal sealed class EntitlementConfiguration : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> entitlement)
    {
        entitlement.ToTable("Entitlements");
        entitlement.HasKey(e => e.Id);
        entitlement.Property(e => e.UserId).HasMaxLength(450);
        entitlement.Property(e => e.ProductId).HasMaxLength(64);
        entitlement.Property(e => e.LicenseKey).HasMaxLength(64);
        // One grant per order and product: a repeated payment.succeeded cannot grant twice.
        entitlement.HasIndex(e => new { e.OrderId, e.ProductId }).IsUnique();
        entitlement.HasIndex(e => e.UserId);
    }
}

internal sealed class CustomerSubscriptionConfiguration : IEntityTypeConfiguration<CustomerSubscription>
{
    public void Configure(EntityTypeBuilder<CustomerSubscription> subscription)
    {
        subscription.ToTable("Subscriptions");
        subscription.HasKey(s => s.DodoSubscriptionId);
        subscription.Property(s => s.DodoSubscriptionId).HasMaxLength(64);
        subscription.Property(s => s.UserId).HasMaxLength(450);
        subscription.Property(s => s.DodoProductId).HasMaxLength(64);
        // Dodo's own word for the status, so rows stay readable and a status Dodo adds later is kept as Unknown.
        subscription.Property(s => s.Status).HasMaxLength(30).HasConversion(
            status => TolerantEnumConverter<SubscriptionStatus>.WireName(status),
            text => TolerantEnumConverter<SubscriptionStatus>.FromWireName(text));
        subscription.Property(s => s.Currency).HasMaxLength(3);
        subscription.Property(s => s.PaymentMethodId).HasMaxLength(64);
        subscription.Property(s => s.ScheduledDodoProductId).HasMaxLength(64);
        subscription.Property(s => s.TrialPlanDodoProductId).HasMaxLength(64);
        subscription.Property(s => s.DodoDiscountId).HasMaxLength(64);
        subscription.HasIndex(s => s.UserId);
    }
}

internal sealed class UpsellRuleConfiguration : IEntityTypeConfiguration<UpsellRule>
{
    public void Configure(EntityTypeBuilder<UpsellRule> rule)
    {
        rule.ToTable("UpsellRules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        rule.Property(r => r.TriggerProductId).HasMaxLength(64);
        rule.Property(r => r.OfferProductId).HasMaxLength(64);
        rule.Property(r => r.Headline).HasMaxLength(120);
        rule.Property(r => r.ValueText).HasMaxLength(500);
        rule.Property(r => r.Badge).HasMaxLength(40);
        rule.Property(r => r.MaxQuantity).HasDefaultValue(1);
        rule.HasIndex(r => new { r.TriggerProductId, r.Kind });
    }
}

internal sealed class OfferAttemptConfiguration : IEntityTypeConfiguration<OfferAttempt>
{
    public void Configure(EntityTypeBuilder<OfferAttempt> attempt)
    {
        attempt.ToTable("OfferAttempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.UserId).HasMaxLength(450);
        attempt.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        attempt.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        attempt.Property(a => a.OfferProductId).HasMaxLength(64);
        attempt.Property(a => a.PaymentMethodId).HasMaxLength(64);
        attempt.Property(a => a.CheckoutSessionId).HasMaxLength(64);
        attempt.Property(a => a.PaymentId).HasMaxLength(64);
        attempt.Property(a => a.Currency).HasMaxLength(3);
        attempt.Property(a => a.FailureMessage).HasMaxLength(500);
        attempt.Property(a => a.CustomerActionUrl).HasMaxLength(1000);
        attempt.Property(a => a.Quantity).HasDefaultValue(1);
        // One attempt per offer per order: the key that makes "at most one charge per offer" hold.
        attempt.HasIndex(a => new { a.UserId, a.RuleId, a.OrderId }).IsUnique();
        // One live offer per customer and product, whatever rule or page made it: the key that makes "at most one
        // charge per one-time product" hold across offers. (Paid ones are guarded by ownership.)
        attempt.HasIndex(a => new { a.UserId, a.OfferProductId }).IsUnique().HasFilter(OfferAttemptSql.LiveFilter)
            .HasDatabaseName("IX_OfferAttempts_UserId_OfferProductId_Live");
        attempt.HasIndex(a => new { a.RuleId, a.CreatedAt });
        attempt.HasIndex(a => a.PaymentId);
    }
}

internal sealed class CancellationRequestConfiguration : IEntityTypeConfiguration<CancellationRequest>
{
    public void Configure(EntityTypeBuilder<CancellationRequest> request)
    {
        request.ToTable("CancellationRequests");
        request.HasKey(r => r.Id);
        request.Property(r => r.UserId).HasMaxLength(450);
        request.Property(r => r.DodoSubscriptionId).HasMaxLength(64);
        request.Property(r => r.Reason).HasMaxLength(40);
        request.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.OfferedPlanProductId).HasMaxLength(64);
        request.Property(r => r.Currency).HasMaxLength(3);
        request.HasIndex(r => r.DodoSubscriptionId);
    }
}

internal sealed class CreditMovementConfiguration : IEntityTypeConfiguration<CreditMovement>
{
    public void Configure(EntityTypeBuilder<CreditMovement> movement)
    {
        movement.ToTable("CreditMovements");
        movement.HasKey(m => m.Id);
        movement.Property(m => m.DodoSubscriptionId).HasMaxLength(64);
        movement.Property(m => m.Cause).HasMaxLength(80);
        movement.Property(m => m.Currency).HasMaxLength(3);
        movement.Property(m => m.Description).HasMaxLength(200);
        movement.HasIndex(m => new { m.DodoSubscriptionId, m.Cause }).IsUnique();
    }
}

internal sealed class RetentionOfferConfiguration : IEntityTypeConfiguration<RetentionOffer>
{
    public void Configure(EntityTypeBuilder<RetentionOffer> offer)
    {
        offer.ToTable("RetentionOffers");
        offer.HasKey(o => o.Reason);
        offer.Property(o => o.Reason).HasMaxLength(40);
        offer.Property(o => o.PlanProductId).HasMaxLength(64);
    }
}

internal sealed class OfferDiscountCodeConfiguration : IEntityTypeConfiguration<OfferDiscountCode>
{
    public void Configure(EntityTypeBuilder<OfferDiscountCode> code)
    {
        code.ToTable("OfferDiscountCodes");
        code.HasKey(c => c.Id);
        code.Property(c => c.DodoProductId).HasMaxLength(64);
        code.Property(c => c.Code).HasMaxLength(16);
        code.Property(c => c.DodoDiscountId).HasMaxLength(64);
        code.Property(c => c.Cycles).HasDefaultValue(0);
        // One code per product, percentage and cycles, however many offers (and instances) ask for it at once.
        code.HasIndex(c => new { c.DodoProductId, c.Percent, c.Cycles }).IsUnique();
    }
}

internal sealed class PlanChangeQuoteConfiguration : IEntityTypeConfiguration<PlanChangeQuote>
{
    public void Configure(EntityTypeBuilder<PlanChangeQuote> quote)
    {
        quote.ToTable("PlanChangeQuotes");
        quote.HasKey(q => q.Id);
        quote.Property(q => q.UserId).HasMaxLength(450);
        quote.Property(q => q.DodoSubscriptionId).HasMaxLength(64);
        quote.Property(q => q.FromDodoProductId).HasMaxLength(64);
        quote.Property(q => q.TargetDodoProductId).HasMaxLength(64);
        quote.Property(q => q.Direction).HasConversion<string>().HasMaxLength(20);
        quote.Property(q => q.Mode).HasConversion<string>().HasMaxLength(30);
        quote.Property(q => q.Timing).HasConversion<string>().HasMaxLength(20);
        quote.Property(q => q.OnFailure).HasConversion<string>().HasMaxLength(20);
        quote.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        quote.Property(q => q.Currency).HasMaxLength(3);
        quote.Property(q => q.FailureMessage).HasMaxLength(500);
        quote.HasIndex(q => new { q.DodoSubscriptionId, q.Status });
    }
}

internal sealed class PlanChangePolicySettingsConfiguration : IEntityTypeConfiguration<PlanChangePolicySettings>
{
    public void Configure(EntityTypeBuilder<PlanChangePolicySettings> policy)
    {
        policy.ToTable("PlanChangePolicy");
        policy.HasKey(p => p.Id);
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.UpgradeMode).HasConversion<string>().HasMaxLength(30);
        policy.Property(p => p.UpgradeOnFailure).HasConversion<string>().HasMaxLength(20);
        policy.Property(p => p.DowngradeMode).HasConversion<string>().HasMaxLength(30);
        policy.Property(p => p.DowngradeTiming).HasConversion<string>().HasMaxLength(20);
        policy.Property(p => p.DowngradeOnFailure).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class CustomerNotificationConfiguration : IEntityTypeConfiguration<CustomerNotification>
{
    public void Configure(EntityTypeBuilder<CustomerNotification> notification)
    {
        notification.ToTable("Notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.UserId).HasMaxLength(450);
        notification.Property(n => n.Message).HasMaxLength(500);
        notification.Property(n => n.DedupeKey).HasMaxLength(200);
        notification.HasIndex(n => n.DedupeKey).IsUnique();
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}

internal sealed class EmailOutboxMessageConfiguration : IEntityTypeConfiguration<EmailOutboxMessage>
{
    public void Configure(EntityTypeBuilder<EmailOutboxMessage> email)
    {
        email.ToTable("EmailOutbox");
        email.HasKey(e => e.Id);
        email.Property(e => e.To).HasMaxLength(256);
        email.Property(e => e.Subject).HasMaxLength(200);
        email.Property(e => e.Body).HasMaxLength(4000);
        email.Property(e => e.DedupeKey).HasMaxLength(200);
        email.Property(e => e.LastError).HasMaxLength(2000);
        email.Property(e => e.Attempts).HasDefaultValue(0);
        email.Property(e => e.GaveUp).HasDefaultValue(false);
        email.HasIndex(e => e.DedupeKey).IsUnique();
        email.HasIndex(e => e.SentAt);
    }
}

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.EntityType).HasMaxLength(50);
        entry.Property(e => e.EntityId).HasMaxLength(64);
        entry.HasIndex(e => e.At);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("Refunds");
        refund.HasKey(r => r.RefundId);
        refund.Property(r => r.RefundId).HasMaxLength(64);
        refund.Property(r => r.PaymentId).HasMaxLength(64);
        refund.Property(r => r.Currency).HasMaxLength(3);
        refund.HasIndex(r => r.PaymentId);
    }
}

internal static class OfferAttemptSql
{
    /// <summary>The statuses of a live offer (shown or being charged), as stored (enum names), in SQL both providers read.</summary>
    public const string LiveFilter = "\"Status\" IN ('Shown', 'Charging', 'Submitted', 'Unknown')";
}
