using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Web.Features.Licenses;

namespace Storefront.Web.Data.Configurations;

internal sealed class LicenseKeyConfiguration : IEntityTypeConfiguration<LicenseKeyRecord>
{
    public void Configure(EntityTypeBuilder<LicenseKeyRecord> key)
    {
        key.ToTable("LicenseKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasMaxLength(64);
        key.Property(k => k.Key).HasMaxLength(128);
        key.Property(k => k.Status).HasMaxLength(20);
        key.Property(k => k.DodoCustomerId).HasMaxLength(64);
        key.Property(k => k.DodoProductId).HasMaxLength(64);
        key.Property(k => k.PaymentId).HasMaxLength(64);
        key.HasIndex(k => k.DodoCustomerId);
    }
}
