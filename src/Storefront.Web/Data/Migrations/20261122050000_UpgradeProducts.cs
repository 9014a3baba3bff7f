using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>Upgrade products: priced at the difference, granting the product they upgrade to (ADR-0013). Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122050000_UpgradeProducts")]
public partial class UpgradeProducts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "UpgradeFromProductId", table: "Products", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>(name: "UpgradeToProductId", table: "Products", maxLength: 64, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "UpgradeToProductId", table: "Products");
        migrationBuilder.DropColumn(name: "UpgradeFromProductId", table: "Products");
    }
}
