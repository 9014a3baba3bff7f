using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>Licence keys Dodo issued for the customers' purchases (from license_key.created). Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122120000_LicenseKeys")]
public partial class LicenseKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LicenseKeys",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                Key = table.Column<string>(maxLength: 128, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DodoCustomerId = table.Column<string>(maxLength: 64, nullable: false),
                DodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                PaymentId = table.Column<string>(maxLength: 64, nullable: false),
                ActivationsLimit = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LicenseKeys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_LicenseKeys_DodoCustomerId", table: "LicenseKeys", column: "DodoCustomerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LicenseKeys");
    }
}
