using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Data.Configurations;

internal sealed class WebhookInboxEntryConfiguration : IEntityTypeConfiguration<WebhookInboxEntry>
{
    public void Configure(EntityTypeBuilder<WebhookInboxEntry> entry)
    {
        entry.ToTable("WebhookInbox");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.WebhookId).HasMaxLength(100);
        entry.Property(e => e.EventType).HasMaxLength(100);
        entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.LastError).HasMaxLength(2000);
        entry.HasIndex(e => e.WebhookId).IsUnique();
        entry.HasIndex(e => new { e.Status, e.NextAttemptAt });
        entry.HasIndex(e => e.ReceivedAt);
    }
}
