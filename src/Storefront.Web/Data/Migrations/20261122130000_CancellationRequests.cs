using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// Cancellations at the end of the period, with the subscriber's reason and what came of it (cancelled, kept after all,
/// or saved by the offer the admin set for that reason), and those offers. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122130000_CancellationRequests")]
public partial class CancellationRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CancellationRequests",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                DodoSubscriptionId = table.Column<string>(maxLength: 64, nullable: false),
                Reason = table.Column<string>(maxLength: 40, nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                UndoneAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(maxLength: 20, nullable: false),
                OfferedPlanProductId = table.Column<string>(maxLength: 64, nullable: true),
                KeptRecurringMinor = table.Column<long>(nullable: true),
                Currency = table.Column<string>(maxLength: 3, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CancellationRequests", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CancellationRequests_DodoSubscriptionId", table: "CancellationRequests", column: "DodoSubscriptionId");

        migrationBuilder.CreateTable(
            name: "RetentionOffers",
            columns: table => new
            {
                Reason = table.Column<string>(maxLength: 40, nullable: false),
                PlanProductId = table.Column<string>(maxLength: 64, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RetentionOffers", x => x.Reason));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "RetentionOffers");
        migrationBuilder.DropTable(name: "CancellationRequests");
    }
}
