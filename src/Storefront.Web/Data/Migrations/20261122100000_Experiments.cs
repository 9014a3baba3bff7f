using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// Experiments on a rule: their variants, the orders each counted as eligible (with the arm), and the variant an offer
/// attempt showed. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122100000_Experiments")]
public partial class Experiments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Experiments",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RuleId = table.Column<long>(nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                HoldoutPercent = table.Column<int>(nullable: false),
                RevenueWindowDays = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                PromotedVariantId = table.Column<long>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Experiments", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Experiments_RuleId_Status", table: "Experiments", columns: new[] { "RuleId", "Status" });

        migrationBuilder.CreateTable(
            name: "ExperimentVariants",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ExperimentId = table.Column<long>(nullable: false),
                Name = table.Column<string>(maxLength: 60, nullable: false),
                Weight = table.Column<int>(nullable: false),
                OfferProductId = table.Column<string>(maxLength: 64, nullable: true),
                Headline = table.Column<string>(maxLength: 120, nullable: true),
                ValueText = table.Column<string>(maxLength: 500, nullable: true),
                Badge = table.Column<string>(maxLength: 40, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExperimentVariants", x => x.Id);
                table.ForeignKey("FK_ExperimentVariants_Experiments_ExperimentId", x => x.ExperimentId, "Experiments", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ExperimentVariants_ExperimentId", table: "ExperimentVariants", column: "ExperimentId");

        migrationBuilder.CreateTable(
            name: "ExperimentEligibleOrders",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ExperimentId = table.Column<long>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                VariantId = table.Column<long>(nullable: true),
                AssignedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ExperimentEligibleOrders", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ExperimentEligibleOrders_ExperimentId_OrderId", table: "ExperimentEligibleOrders",
            columns: new[] { "ExperimentId", "OrderId" }, unique: true);

        migrationBuilder.AddColumn<long>(name: "VariantId", table: "OfferAttempts", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "VariantId", table: "OfferAttempts");
        migrationBuilder.DropTable(name: "ExperimentEligibleOrders");
        migrationBuilder.DropTable(name: "ExperimentVariants");
        migrationBuilder.DropTable(name: "Experiments");
    }
}
