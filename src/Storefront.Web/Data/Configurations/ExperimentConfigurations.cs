using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Web.Features.Experiments;

namespace Storefront.Web.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> experiment)
    {
        experiment.ToTable("Experiments");
        experiment.HasKey(e => e.Id);
        experiment.Property(e => e.Name).HasMaxLength(120);
        experiment.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        experiment.HasMany(e => e.Variants).WithOne().HasForeignKey(v => v.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        experiment.HasIndex(e => new { e.RuleId, e.Status });
    }
}

internal sealed class ExperimentVariantConfiguration : IEntityTypeConfiguration<ExperimentVariant>
{
    public void Configure(EntityTypeBuilder<ExperimentVariant> variant)
    {
        variant.ToTable("ExperimentVariants");
        variant.HasKey(v => v.Id);
        variant.Property(v => v.Name).HasMaxLength(60);
        variant.Property(v => v.OfferProductId).HasMaxLength(64);
        variant.Property(v => v.Headline).HasMaxLength(120);
        variant.Property(v => v.ValueText).HasMaxLength(500);
        variant.Property(v => v.Badge).HasMaxLength(40);
    }
}

internal sealed class EligibleOrderConfiguration : IEntityTypeConfiguration<EligibleOrder>
{
    public void Configure(EntityTypeBuilder<EligibleOrder> eligible)
    {
        eligible.ToTable("ExperimentEligibleOrders");
        eligible.HasKey(e => e.Id);
        eligible.Property(e => e.UserId).HasMaxLength(450);
        // One arm per order and experiment, however many pages, tabs or instances show the order.
        eligible.HasIndex(e => new { e.ExperimentId, e.OrderId }).IsUnique();
    }
}
