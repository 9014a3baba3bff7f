using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Web.Features.Usage;

namespace Storefront.Web.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(80);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Hash).IsUnique();
    }
}

internal sealed class UsageReportConfiguration : IEntityTypeConfiguration<UsageReport>
{
    public void Configure(EntityTypeBuilder<UsageReport> report)
    {
        report.ToTable("UsageReports");
        report.HasKey(r => r.Id);
        report.Property(r => r.UserId).HasMaxLength(450);
        report.Property(r => r.Metric).HasMaxLength(40);
        // The latest report per customer and metric: two reports at once cannot make two rows.
        report.HasIndex(r => new { r.UserId, r.Metric }).IsUnique();
    }
}

internal sealed class UsageUpgradeRuleConfiguration : IEntityTypeConfiguration<UsageUpgradeRule>
{
    public void Configure(EntityTypeBuilder<UsageUpgradeRule> rule)
    {
        rule.ToTable("UsageUpgradeRules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.FromPlanProductId).HasMaxLength(64);
        rule.Property(r => r.ToPlanProductId).HasMaxLength(64);
        rule.Property(r => r.Metric).HasMaxLength(40);
        rule.Property(r => r.Headline).HasMaxLength(120);
        rule.HasIndex(r => r.FromPlanProductId);
    }
}
