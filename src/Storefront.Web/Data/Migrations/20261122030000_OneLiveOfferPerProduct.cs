using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Web.Data.Configurations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// At most one live offer per customer and product. Older duplicate offers that were only shown are withdrawn
/// first (the oldest live one stays). Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122030000_OneLiveOfferPerProduct")]
public partial class OneLiveOfferPerProduct : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "OfferAttempts" SET "Status" = 'Withdrawn'
            WHERE "Status" = 'Shown' AND EXISTS (
                SELECT 1 FROM "OfferAttempts" AS other
                WHERE other."UserId" = "OfferAttempts"."UserId" AND other."OfferProductId" = "OfferAttempts"."OfferProductId"
                  AND other."Id" <> "OfferAttempts"."Id" AND other."Status" IN ('Shown', 'Charging', 'Submitted', 'Unknown')
                  AND (other."Status" <> 'Shown' OR other."CreatedAt" < "OfferAttempts"."CreatedAt"
                       OR (other."CreatedAt" = "OfferAttempts"."CreatedAt" AND other."Id" < "OfferAttempts"."Id")))
            """);
        migrationBuilder.CreateIndex(
            name: "IX_OfferAttempts_UserId_OfferProductId_Live", table: "OfferAttempts", columns: ["UserId", "OfferProductId"],
            unique: true, filter: OfferAttemptSql.LiveFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_OfferAttempts_UserId_OfferProductId_Live", table: "OfferAttempts");
    }
}
