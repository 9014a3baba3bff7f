using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// An offer of a one-time product can be taken in quantity (team seats): the rule's limit, the quantity an accept
/// claimed, and the quantity an order is for. Existing rows are for one. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122090000_OfferQuantity")]
public partial class OfferQuantity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "MaxQuantity", table: "UpsellRules", nullable: false, defaultValue: 1);
        migrationBuilder.AddColumn<int>(name: "Quantity", table: "OfferAttempts", nullable: false, defaultValue: 1);
        migrationBuilder.AddColumn<int>(name: "Quantity", table: "Orders", nullable: false, defaultValue: 1);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Quantity", table: "Orders");
        migrationBuilder.DropColumn(name: "Quantity", table: "OfferAttempts");
        migrationBuilder.DropColumn(name: "MaxQuantity", table: "UpsellRules");
    }
}
