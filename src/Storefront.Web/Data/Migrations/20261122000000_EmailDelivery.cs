using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>The outbox becomes a delivery queue: HTML body, attempts, backoff, a sender's lease. Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122000000_EmailDelivery")]
public partial class EmailDelivery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "HtmlBody", table: "EmailOutbox", nullable: true);
        migrationBuilder.AddColumn<int>(name: "Attempts", table: "EmailOutbox", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "NextAttemptAt", table: "EmailOutbox", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ClaimedUntil", table: "EmailOutbox", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LastError", table: "EmailOutbox", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "GaveUp", table: "EmailOutbox", nullable: false, defaultValue: false);
        migrationBuilder.CreateIndex(name: "IX_EmailOutbox_SentAt", table: "EmailOutbox", column: "SentAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_EmailOutbox_SentAt", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "GaveUp", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "LastError", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "ClaimedUntil", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "NextAttemptAt", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "Attempts", table: "EmailOutbox");
        migrationBuilder.DropColumn(name: "HtmlBody", table: "EmailOutbox");
    }
}
