using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Data;

/// <summary>Dodo's side of the world, in its own SQLite file. Created with EnsureCreated: it is a test double, not our schema.</summary>
internal sealed class SandboxDbContext(DbContextOptions<SandboxDbContext> options) : DbContext(options)
{
    public DbSet<SbCustomer> Customers => Set<SbCustomer>();
    public DbSet<SbPaymentMethod> PaymentMethods => Set<SbPaymentMethod>();
    public DbSet<SbProduct> Products => Set<SbProduct>();
    public DbSet<SbCheckoutSession> CheckoutSessions => Set<SbCheckoutSession>();
    public DbSet<SbPayment> Payments => Set<SbPayment>();
    public DbSet<SbRefund> Refunds => Set<SbRefund>();
    public DbSet<SbSubscription> Subscriptions => Set<SbSubscription>();
    public DbSet<SbWebhookDelivery> WebhookDeliveries => Set<SbWebhookDelivery>();
    public DbSet<SbClockState> Clock => Set<SbClockState>();
    public DbSet<SbDiscount> Discounts => Set<SbDiscount>();
    public DbSet<SbLicenseKey> LicenseKeys => Set<SbLicenseKey>();
    public DbSet<SbLicenseKeyInstance> LicenseKeyInstances => Set<SbLicenseKeyInstance>();
    public DbSet<SbPortalSession> PortalSessions => Set<SbPortalSession>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SbCustomer>().HasIndex(c => c.Email);
        model.Entity<SbPaymentMethod>().HasIndex(m => m.CustomerId);
        model.Entity<SbPayment>().HasIndex(p => p.CustomerId);
        model.Entity<SbPayment>().HasIndex(p => p.SubscriptionId);
        model.Entity<SbSubscription>().HasIndex(s => s.CustomerId);
        model.Entity<SbRefund>().HasIndex(r => r.PaymentId);
        model.Entity<SbPayment>().HasIndex(p => p.Status);
        model.Entity<SbWebhookDelivery>().HasIndex(d => new { d.DeliveredAt, d.NextAttemptAt });
        model.Entity<SbPaymentMethod>().Property(m => m.Behaviour).HasConversion<string>();
        model.Entity<SbDiscount>().HasIndex(d => d.Code).IsUnique();
        model.Entity<SbLicenseKey>().HasIndex(k => k.Key).IsUnique();
        model.Entity<SbLicenseKey>().HasIndex(k => k.CustomerId);
        model.Entity<SbLicenseKeyInstance>().HasIndex(i => i.LicenseKeyId);
    }
}
