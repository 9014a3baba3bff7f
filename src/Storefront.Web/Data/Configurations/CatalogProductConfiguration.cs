using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Web.Data.Configurations;

internal sealed class CatalogProductConfiguration : IEntityTypeConfiguration<CatalogProduct>
{
    public void Configure(EntityTypeBuilder<CatalogProduct> product)
    {
        product.ToTable("Products");
        product.HasKey(p => p.Id);
        product.Property(p => p.Id).HasMaxLength(64);
        product.Property(p => p.Name).HasMaxLength(200);
        product.Property(p => p.Summary).HasMaxLength(500);
        product.Property(p => p.Description).HasMaxLength(4000);
        product.Property(p => p.Currency).HasMaxLength(3);
        product.Property(p => p.Features).HasMaxLength(4000);
        product.Property(p => p.DodoProductId).HasMaxLength(64);
        product.Property(p => p.ImageFile).HasMaxLength(200);
        product.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        product.Property(p => p.BillingInterval).HasConversion<string>().HasMaxLength(10);
        product.HasIndex(p => p.DodoProductId).IsUnique();
        product.Ignore(p => p.FeatureList);
        product.Property(p => p.TrialPeriodDays).HasDefaultValue(0); // products from before trials have none
        product.Property(p => p.UpgradeFromProductId).HasMaxLength(64);
        product.Property(p => p.UpgradeToProductId).HasMaxLength(64);
    }
}
