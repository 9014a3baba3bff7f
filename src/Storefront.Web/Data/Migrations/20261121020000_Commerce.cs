using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Web.Data.Migrations;

/// <summary>
/// Orders, entitlements, subscriptions, upsell rules and offer attempts, plan-change quotes and policy,
/// notifications, the email outbox and the audit log; the account's Dodo customer id. Hand-written: see ADR-0003.
/// </summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261121020000_Commerce")]
public partial class Commerce : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "DodoCustomerId", table: "AspNetUsers", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_AspNetUsers_DodoCustomerId", table: "AspNetUsers", column: "DodoCustomerId", unique: true);

        migrationBuilder.CreateTable(
            name: "Orders",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                ProductId = table.Column<string>(maxLength: 64, nullable: false),
                DodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                ProductName = table.Column<string>(maxLength: 200, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CheckoutSessionId = table.Column<string>(maxLength: 64, nullable: true),
                PaymentId = table.Column<string>(maxLength: 64, nullable: true),
                SubscriptionId = table.Column<string>(maxLength: 64, nullable: true),
                ParentOrderId = table.Column<Guid>(nullable: true),
                OfferAttemptId = table.Column<Guid>(nullable: true),
                FailureCode = table.Column<string>(maxLength: 64, nullable: true),
                FailureMessage = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                PaidAt = table.Column<DateTime>(nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Orders", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_Orders_UserId_CreatedAt", table: "Orders", columns: new[] { "UserId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_Orders_PaymentId", table: "Orders", column: "PaymentId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Orders_CheckoutSessionId", table: "Orders", column: "CheckoutSessionId");
        migrationBuilder.CreateIndex(name: "IX_Orders_OfferAttemptId", table: "Orders", column: "OfferAttemptId", unique: true);

        migrationBuilder.CreateTable(
            name: "Entitlements",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                ProductId = table.Column<string>(maxLength: 64, nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                LicenseKey = table.Column<string>(maxLength: 64, nullable: true),
                GrantedAt = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Entitlements", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_Entitlements_OrderId_ProductId", table: "Entitlements", columns: new[] { "OrderId", "ProductId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Entitlements_UserId", table: "Entitlements", column: "UserId");

        migrationBuilder.CreateTable(
            name: "Subscriptions",
            columns: table => new
            {
                DodoSubscriptionId = table.Column<string>(maxLength: 64, nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                DodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                Status = table.Column<string>(maxLength: 30, nullable: false),
                RecurringAmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                PreviousBillingDate = table.Column<DateTime>(nullable: false),
                NextBillingDate = table.Column<DateTime>(nullable: false),
                PaymentMethodId = table.Column<string>(maxLength: 64, nullable: true),
                CancelAtNextBillingDate = table.Column<bool>(nullable: false),
                ScheduledDodoProductId = table.Column<string>(maxLength: 64, nullable: true),
                CreditMinor = table.Column<long>(nullable: false),
                LastEventAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Subscriptions", x => x.DodoSubscriptionId);
            });

        migrationBuilder.CreateIndex(name: "IX_Subscriptions_UserId", table: "Subscriptions", column: "UserId");

        migrationBuilder.CreateTable(
            name: "UpsellRules",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                TriggerProductId = table.Column<string>(maxLength: 64, nullable: false),
                OfferProductId = table.Column<string>(maxLength: 64, nullable: false),
                FollowsRuleId = table.Column<long>(nullable: true),
                Headline = table.Column<string>(maxLength: 120, nullable: false),
                ValueText = table.Column<string>(maxLength: 500, nullable: false),
                Badge = table.Column<string>(maxLength: 40, nullable: true),
                Priority = table.Column<int>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: true),
                EndsAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UpsellRules", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_UpsellRules_TriggerProductId_Kind", table: "UpsellRules", columns: new[] { "TriggerProductId", "Kind" });

        migrationBuilder.CreateTable(
            name: "OfferAttempts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                RuleId = table.Column<long>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                OfferProductId = table.Column<string>(maxLength: 64, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                PaymentMethodId = table.Column<string>(maxLength: 64, nullable: true),
                CheckoutSessionId = table.Column<string>(maxLength: 64, nullable: true),
                PaymentId = table.Column<string>(maxLength: 64, nullable: true),
                ResultOrderId = table.Column<Guid>(nullable: true),
                PaidAmountMinor = table.Column<long>(nullable: true),
                Currency = table.Column<string>(maxLength: 3, nullable: true),
                FailureMessage = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfferAttempts", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_OfferAttempts_UserId_RuleId_OrderId", table: "OfferAttempts", columns: new[] { "UserId", "RuleId", "OrderId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_OfferAttempts_RuleId_CreatedAt", table: "OfferAttempts", columns: new[] { "RuleId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_OfferAttempts_PaymentId", table: "OfferAttempts", column: "PaymentId");

        migrationBuilder.CreateTable(
            name: "PlanChangeQuotes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                DodoSubscriptionId = table.Column<string>(maxLength: 64, nullable: false),
                FromDodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                TargetDodoProductId = table.Column<string>(maxLength: 64, nullable: false),
                Direction = table.Column<string>(maxLength: 20, nullable: false),
                Mode = table.Column<string>(maxLength: 30, nullable: false),
                Timing = table.Column<string>(maxLength: 20, nullable: false),
                OnFailure = table.Column<string>(maxLength: 20, nullable: false),
                TotalAmountMinor = table.Column<long>(nullable: false),
                CustomerCreditsMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                EffectiveAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                FailureMessage = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanChangeQuotes", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_PlanChangeQuotes_DodoSubscriptionId_Status", table: "PlanChangeQuotes", columns: new[] { "DodoSubscriptionId", "Status" });

        migrationBuilder.CreateTable(
            name: "PlanChangePolicy",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                UpgradeMode = table.Column<string>(maxLength: 30, nullable: false),
                UpgradeOnFailure = table.Column<string>(maxLength: 20, nullable: false),
                DowngradeMode = table.Column<string>(maxLength: 30, nullable: false),
                DowngradeTiming = table.Column<string>(maxLength: 20, nullable: false),
                DowngradeOnFailure = table.Column<string>(maxLength: 20, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanChangePolicy", x => x.Id);
            });


        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Message = table.Column<string>(maxLength: 500, nullable: false),
                DedupeKey = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_Notifications_DedupeKey", table: "Notifications", column: "DedupeKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Notifications_UserId_CreatedAt", table: "Notifications", columns: new[] { "UserId", "CreatedAt" });

        migrationBuilder.CreateTable(
            name: "EmailOutbox",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                To = table.Column<string>(maxLength: 256, nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                DedupeKey = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EmailOutbox", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_EmailOutbox_DedupeKey", table: "EmailOutbox", column: "DedupeKey", unique: true);

        migrationBuilder.CreateTable(
            name: "AuditLog",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Actor = table.Column<string>(maxLength: 256, nullable: false),
                Action = table.Column<string>(maxLength: 50, nullable: false),
                EntityType = table.Column<string>(maxLength: 50, nullable: false),
                EntityId = table.Column<string>(maxLength: 64, nullable: false),
                Before = table.Column<string>(nullable: true),
                After = table.Column<string>(nullable: true),
                At = table.Column<DateTime>(nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditLog", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_AuditLog_At", table: "AuditLog", column: "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditLog");
        migrationBuilder.DropTable(name: "EmailOutbox");
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropTable(name: "PlanChangePolicy");
        migrationBuilder.DropTable(name: "PlanChangeQuotes");
        migrationBuilder.DropTable(name: "OfferAttempts");
        migrationBuilder.DropTable(name: "UpsellRules");
        migrationBuilder.DropTable(name: "Subscriptions");
        migrationBuilder.DropTable(name: "Entitlements");
        migrationBuilder.DropTable(name: "Orders");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_DodoCustomerId", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "DodoCustomerId", table: "AspNetUsers");
    }
}
