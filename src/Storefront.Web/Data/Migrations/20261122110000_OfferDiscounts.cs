using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// Discounted offers: the rule's (and an experiment variant's) percentage off, the percentage an offer was shown with,
/// and the Dodo discount codes the store made, one per product and percentage. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122110000_OfferDiscounts")]
public partial class OfferDiscounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "DiscountPercent", table: "UpsellRules", nullable: true);
        migrationBuilder.AddColumn<int>(name: "DiscountPercent", table: "OfferAttempts", nullable: true);
        migrationBuilder.AddColumn<int>(name: "DiscountPercent", table: "ExperimentVariants", nullable: true);
        migrationBuilder.CreateTable(
            name: "OfferDiscountCodes",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                Percent = table.Column<int>(nullable: false),
                Code = table.Column<string>(maxLength: 16, nullable: false),
                DodoDiscountId = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_OfferDiscountCodes", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_OfferDiscountCodes_DodoProductId_Percent", table: "OfferDiscountCodes",
            columns: new[] { "DodoProductId", "Percent" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OfferDiscountCodes");
        migrationBuilder.DropColumn(name: "DiscountPercent", table: "ExperimentVariants");
        migrationBuilder.DropColumn(name: "DiscountPercent", table: "OfferAttempts");
        migrationBuilder.DropColumn(name: "DiscountPercent", table: "UpsellRules");
    }
}
