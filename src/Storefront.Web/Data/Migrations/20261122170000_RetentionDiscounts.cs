using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>A discount for N bills as a retention offer: on the offer, on what a cancellation was offered, on the subscription, and per Dodo code. Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122170000_RetentionDiscounts")]
public partial class RetentionDiscounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "DiscountPercent", table: "RetentionOffers", nullable: true);
        migrationBuilder.AddColumn<int>(name: "DiscountCycles", table: "RetentionOffers", nullable: true);
        migrationBuilder.AddColumn<int>(name: "OfferedDiscountPercent", table: "CancellationRequests", nullable: true);
        migrationBuilder.AddColumn<int>(name: "OfferedDiscountCycles", table: "CancellationRequests", nullable: true);
        migrationBuilder.AddColumn<string>(name: "DodoDiscountId", table: "Subscriptions", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<int>(name: "DiscountCyclesRemaining", table: "Subscriptions", nullable: true);
        migrationBuilder.AddColumn<int>(name: "Cycles", table: "OfferDiscountCodes", nullable: false, defaultValue: 0);
        migrationBuilder.DropIndex(name: "IX_OfferDiscountCodes_DodoProductId_Percent", table: "OfferDiscountCodes");
        migrationBuilder.CreateIndex(name: "IX_OfferDiscountCodes_DodoProductId_Percent_Cycles", table: "OfferDiscountCodes",
            columns: new[] { "DodoProductId", "Percent", "Cycles" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_OfferDiscountCodes_DodoProductId_Percent_Cycles", table: "OfferDiscountCodes");
        migrationBuilder.CreateIndex(name: "IX_OfferDiscountCodes_DodoProductId_Percent", table: "OfferDiscountCodes",
            columns: new[] { "DodoProductId", "Percent" }, unique: true);
        migrationBuilder.DropColumn(name: "Cycles", table: "OfferDiscountCodes");
        migrationBuilder.DropColumn(name: "DiscountCyclesRemaining", table: "Subscriptions");
        migrationBuilder.DropColumn(name: "DodoDiscountId", table: "Subscriptions");
        migrationBuilder.DropColumn(name: "OfferedDiscountCycles", table: "CancellationRequests");
        migrationBuilder.DropColumn(name: "OfferedDiscountPercent", table: "CancellationRequests");
        migrationBuilder.DropColumn(name: "DiscountCycles", table: "RetentionOffers");
        migrationBuilder.DropColumn(name: "DiscountPercent", table: "RetentionOffers");
    }
}
