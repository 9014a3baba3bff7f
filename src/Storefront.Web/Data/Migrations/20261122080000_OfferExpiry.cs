using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// An upsell or downsell can close a set number of minutes after the purchase it follows: the rule's limit, and the
/// deadline each shown offer was given. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122080000_OfferExpiry")]
public partial class OfferExpiry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "ExpiresAfterMinutes", table: "UpsellRules", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ExpiresAt", table: "OfferAttempts", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ExpiresAt", table: "OfferAttempts");
        migrationBuilder.DropColumn(name: "ExpiresAfterMinutes", table: "UpsellRules");
    }
}
