using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>The movements of a subscription's credit (made by a downgrade, used by renewals), one per cause. Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122150000_CreditMovements")]
public partial class CreditMovements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CreditMovements",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DodoSubscriptionId = table.Column<string>(maxLength: 64, nullable: false),
                Cause = table.Column<string>(maxLength: 80, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Description = table.Column<string>(maxLength: 200, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CreditMovements", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CreditMovements_DodoSubscriptionId_Cause", table: "CreditMovements", columns: new[] { "DodoSubscriptionId", "Cause" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CreditMovements");
    }
}
