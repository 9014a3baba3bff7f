using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Admin.Rules;

public sealed record RuleRow(UpsellRule Rule, string TriggerName, string OfferName);

public sealed record ProductChoice(string Id, string Label, string Currency, bool IsArchived, bool IsPlan = false);

/// <summary>
/// The upsell map for admins: list, load, and save with every rule checked first (domain rules and field limits);
/// on any error nothing is saved. Each save is audited with the rule before and after. Rules are read per request,
/// so a change applies to the next purchase without a restart.
/// </summary>
public sealed class UpsellRuleAdmin(IDbContextFactory<StorefrontDbContext> dbFactory, AuditTrail audit, CatalogPagesCache catalogPages, TimeProvider clock)
{
    public async Task<IReadOnlyList<RuleRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var rules = await db.UpsellRules.AsNoTracking().OrderBy(r => r.TriggerProductId).ThenBy(r => r.Kind).ThenByDescending(r => r.Priority).ToListAsync(cancellationToken);
        return rules.Select(r => new RuleRow(r, names.GetValueOrDefault(r.TriggerProductId, r.TriggerProductId), names.GetValueOrDefault(r.OfferProductId, r.OfferProductId))).ToList();
    }

    public async Task<IReadOnlyList<ProductChoice>> ProductChoicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return products.Select(p => new ProductChoice(p.Id, $"{p.Name} ({Storefront.Domain.Catalog.PriceLabel.Describe(new Storefront.Domain.Money(p.PriceMinor, p.Currency), p.BillingInterval)}){(p.IsArchived ? " — archived" : "")}", p.Currency, p.IsArchived,
            p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription)).ToList();
    }

    public async Task<UpsellRule?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UpsellRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>The map's rules for this rule (products, currency, downsell price, cycles, funnel size, time window).</summary>
    public async Task<IReadOnlyList<RuleError>> ValidateAsync(UpsellRuleForm form, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ValidateAsync(db, form, cancellationToken);
    }

    /// <summary>Saves the rule, or returns the errors by field (and saves nothing).</summary>
    public async Task<(long? Id, IReadOnlyList<RuleError> Errors)> SaveAsync(UpsellRuleForm form, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, form, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rule = form.Id == 0 ? null : await db.UpsellRules.FirstOrDefaultAsync(r => r.Id == form.Id, cancellationToken);
        if (form.Id != 0 && rule is null)
        {
            return (null, [new RuleError(nameof(UpsellRuleForm.Id), "That rule no longer exists.")]);
        }

        var before = rule is null ? null : UpsellRuleForm.From(rule);
        rule ??= db.UpsellRules.Add(new UpsellRule { TriggerProductId = "", OfferProductId = "", Headline = "", CreatedAt = now }).Entity;
        rule.Kind = form.Kind;
        rule.TriggerProductId = form.TriggerProductId!;
        rule.OfferProductId = form.OfferProductId!;
        rule.FollowsRuleId = form.Kind == OfferKind.CrossSell ? null : form.FollowsRuleId;
        rule.Headline = form.Headline.Trim();
        rule.ValueText = form.ValueText?.Trim() ?? "";
        rule.Badge = string.IsNullOrWhiteSpace(form.Badge) ? null : form.Badge.Trim();
        rule.Priority = form.Priority;
        rule.IsActive = form.IsActive;
        rule.StartsAt = form.StartsAt is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null;
        rule.EndsAt = form.EndsAt is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null;
        rule.ExpiresAfterMinutes = form.ExpiresAfterMinutes;
        rule.MaxQuantity = form.MaxQuantity;
        rule.DiscountPercent = form.DiscountPercent;
        rule.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        audit.Record(db, actor, before is null ? "create" : "update", "UpsellRule", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, UpsellRuleForm.From(rule));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await catalogPages.InvalidateAsync(cancellationToken);
        return (rule.Id, []);
    }

    private static async Task<IReadOnlyList<RuleError>> ValidateAsync(StorefrontDbContext db, UpsellRuleForm form, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking()
            .ToDictionaryAsync(p => p.Id, p => new RuleProduct(p.Id, p.PriceMinor, p.Currency, p.IsArchived, p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription), cancellationToken);
        var existing = (await db.UpsellRules.AsNoTracking().ToListAsync(cancellationToken)).Select(r => r.ToDomain()).ToList();
        var errors = RuleValidation.Validate(new RuleDraft(form.Id, form.Kind, form.TriggerProductId, form.OfferProductId, form.FollowsRuleId, form.ExpiresAfterMinutes, form.MaxQuantity, form.DiscountPercent), existing, products).ToList();
        if (form.StartsAt is { } starts && form.EndsAt is { } ends && ends <= starts)
        {
            errors.Add(new RuleError(nameof(UpsellRuleForm.EndsAt), "The end must be after the start."));
        }

        return errors;
    }

    public async Task<IReadOnlyList<AuditLogEntry>> RecentChangesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.AsNoTracking().OrderByDescending(a => a.At).Take(30).ToListAsync(cancellationToken);
    }
}
