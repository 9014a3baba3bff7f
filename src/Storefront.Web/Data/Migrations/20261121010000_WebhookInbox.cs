using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>The inbox of verified Dodo webhooks (unique on webhook-id). Hand-written: see ADR-0003.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261121010000_WebhookInbox")]
public partial class WebhookInbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WebhookInbox",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                WebhookId = table.Column<string>(maxLength: 100, nullable: false),
                EventType = table.Column<string>(maxLength: 100, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                Payload = table.Column<string>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                ProcessedAt = table.Column<DateTime>(nullable: true),
                NextAttemptAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
                Deliveries = table.Column<int>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookInbox", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_WebhookInbox_WebhookId", table: "WebhookInbox", column: "WebhookId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_WebhookInbox_Status_NextAttemptAt", table: "WebhookInbox", columns: new[] { "Status", "NextAttemptAt" });
        migrationBuilder.CreateIndex(name: "IX_WebhookInbox_ReceivedAt", table: "WebhookInbox", column: "ReceivedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "WebhookInbox");
    }
}
