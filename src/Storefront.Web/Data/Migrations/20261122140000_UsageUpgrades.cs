using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>API keys for the merchant's app, the usage it reports per customer and metric, and the rules that turn usage into an upgrade offer. Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122140000_UsageUpgrades")]
public partial class UsageUpgrades : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 80, nullable: false),
                Prefix = table.Column<string>(maxLength: 16, nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ApiKeys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ApiKeys_Hash", table: "ApiKeys", column: "Hash", unique: true);

        migrationBuilder.CreateTable(
            name: "UsageReports",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Metric = table.Column<string>(maxLength: 40, nullable: false),
                Used = table.Column<int>(nullable: false),
                Limit = table.Column<int>(nullable: false),
                ReportedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_UsageReports", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_UsageReports_UserId_Metric", table: "UsageReports", columns: new[] { "UserId", "Metric" }, unique: true);

        migrationBuilder.CreateTable(
            name: "UsageUpgradeRules",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FromPlanProductId = table.Column<string>(maxLength: 64, nullable: false),
                ToPlanProductId = table.Column<string>(maxLength: 64, nullable: false),
                Metric = table.Column<string>(maxLength: 40, nullable: false),
                ThresholdPercent = table.Column<int>(nullable: false),
                Headline = table.Column<string>(maxLength: 120, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_UsageUpgradeRules", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_UsageUpgradeRules_FromPlanProductId", table: "UsageUpgradeRules", column: "FromPlanProductId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "UsageUpgradeRules");
        migrationBuilder.DropTable(name: "UsageReports");
        migrationBuilder.DropTable(name: "ApiKeys");
    }
}
