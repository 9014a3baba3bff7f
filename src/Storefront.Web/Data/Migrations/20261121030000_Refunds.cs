using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>Refunds reported by Dodo, for "revenue added, less refunds". Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261121030000_Refunds")]
public partial class Refunds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Refunds",
            columns: table => new
            {
                RefundId = table.Column<string>(maxLength: 64, nullable: false),
                PaymentId = table.Column<string>(maxLength: 64, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Refunds", x => x.RefundId);
            });

        migrationBuilder.CreateIndex(name: "IX_Refunds_PaymentId", table: "Refunds", column: "PaymentId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Refunds");
    }
}
