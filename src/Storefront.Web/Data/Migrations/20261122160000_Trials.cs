using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>Free trials: a plan's trial length, a trial order's first-charge date, a subscription's trial and how it ended. Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122160000_Trials")]
public partial class Trials : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "TrialPeriodDays", table: "Products", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "TrialEndsAt", table: "Orders", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "TrialEndsAt", table: "Subscriptions", nullable: true);
        migrationBuilder.AddColumn<string>(name: "TrialPlanDodoProductId", table: "Subscriptions", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "TrialConvertedAt", table: "Subscriptions", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "TrialLapsedAt", table: "Subscriptions", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "TrialPeriodDays", table: "Products");
        migrationBuilder.DropColumn(name: "TrialEndsAt", table: "Orders");
        migrationBuilder.DropColumn(name: "TrialEndsAt", table: "Subscriptions");
        migrationBuilder.DropColumn(name: "TrialPlanDodoProductId", table: "Subscriptions");
        migrationBuilder.DropColumn(name: "TrialConvertedAt", table: "Subscriptions");
        migrationBuilder.DropColumn(name: "TrialLapsedAt", table: "Subscriptions");
    }
}
