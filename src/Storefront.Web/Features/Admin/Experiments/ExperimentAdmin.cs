using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Audit;
using Storefront.Web.Features.Experiments;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Admin.Experiments;

public sealed record ExperimentRow(Experiment Experiment, string RuleLabel, int EligibleOrders);

/// <summary>
/// Experiments for admins: create (checked first; on any error nothing is saved), start, pause, end, and promote a
/// variant into its rule. One experiment per rule at a time. Every change is audited.
/// </summary>
public sealed class ExperimentAdmin(IDbContextFactory<StorefrontDbContext> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public Task<IReadOnlyList<ExperimentRow>> ListAsync(CancellationToken cancellationToken) => RowsAsync(id: null, cancellationToken);

    public async Task<ExperimentRow?> FindAsync(long id, CancellationToken cancellationToken) => (await RowsAsync(id, cancellationToken)).FirstOrDefault();

    private async Task<IReadOnlyList<ExperimentRow>> RowsAsync(long? id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiments = await db.Experiments.AsNoTracking().Include(e => e.Variants).Where(e => id == null || e.Id == id)
            .OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        var counts = await db.EligibleOrders.Where(e => id == null || e.ExperimentId == id).GroupBy(e => e.ExperimentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var labels = await RuleLabelsAsync(db, cancellationToken);
        return experiments.Select(e => new ExperimentRow(e, labels.GetValueOrDefault(e.RuleId, $"#{e.RuleId} (deleted)"), counts.GetValueOrDefault(e.Id))).ToList();
    }

    /// <summary>Upsells and downsells, the rules an experiment can test (a cross-sell has no purchase to count from).</summary>
    public async Task<IReadOnlyList<(long Id, string Label)>> TestableRulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var labels = await RuleLabelsAsync(db, cancellationToken);
        var testable = await db.UpsellRules.AsNoTracking().Where(r => r.Kind != OfferKind.CrossSell).Select(r => r.Id).ToListAsync(cancellationToken);
        return testable.Order().Select(id => (id, labels[id])).ToList();
    }

    public async Task<(long? Id, IReadOnlyList<RuleError> Errors)> CreateAsync(ExperimentForm form, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, form, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var experiment = new Experiment
        {
            RuleId = form.RuleId, Name = form.Name.Trim(), HoldoutPercent = form.HoldoutPercent, RevenueWindowDays = form.RevenueWindowDays,
            Status = ExperimentStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Variants = form.Variants.Where(v => v.IsUsed).Select(v => new ExperimentVariant
            {
                Name = v.Name!.Trim(), Weight = v.Weight, OfferProductId = Blank(v.OfferProductId), Headline = Blank(v.Headline),
                ValueText = Blank(v.ValueText), Badge = Blank(v.Badge), DiscountPercent = v.DiscountPercent,
            }).ToList(),
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "create", nameof(Experiment), Id(experiment), null, Describe(experiment));
        await db.SaveChangesAsync(cancellationToken);
        return (experiment.Id, []);
    }

    /// <summary>Starts (or restarts after a pause): everyone keeps the arm the hash gives them.</summary>
    public Task<string?> StartAsync(long id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, "start", [ExperimentStatus.Draft, ExperimentStatus.Paused], ExperimentStatus.Running, cancellationToken);

    public Task<string?> PauseAsync(long id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, "pause", [ExperimentStatus.Running], ExperimentStatus.Paused, cancellationToken);

    public Task<string?> EndAsync(long id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, "end", [ExperimentStatus.Draft, ExperimentStatus.Running, ExperimentStatus.Paused], ExperimentStatus.Ended, cancellationToken);

    /// <summary>Writes the variant's product and words into its rule and ends the experiment: from now on everyone sees it.</summary>
    public async Task<string?> PromoteAsync(long id, long variantId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.Include(e => e.Variants).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var variant = experiment?.Variants.FirstOrDefault(v => v.Id == variantId);
        var rule = experiment is null ? null : await db.UpsellRules.FirstOrDefaultAsync(r => r.Id == experiment.RuleId, cancellationToken);
        if (experiment is null || variant is null || rule is null)
        {
            return "That experiment, variant or rule no longer exists.";
        }

        var before = Describe(experiment);
        rule.OfferProductId = variant.OfferProductId ?? rule.OfferProductId;
        rule.Headline = variant.Headline ?? rule.Headline;
        rule.ValueText = variant.ValueText ?? rule.ValueText;
        rule.Badge = variant.Badge ?? rule.Badge;
        rule.DiscountPercent = variant.DiscountPercent ?? rule.DiscountPercent;
        rule.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        experiment.PromotedVariantId = variant.Id;
        if (experiment.Status != ExperimentStatus.Ended)
        {
            experiment.Status = ExperimentStatus.Ended;
            experiment.EndedAt = clock.GetUtcNow().UtcDateTime;
        }

        audit.Record(db, actor, "promote", nameof(Experiment), Id(experiment), before, Describe(experiment));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<string?> MoveAsync(long id, string actor, string action, ExperimentStatus[] from, ExperimentStatus to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.Include(e => e.Variants).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (experiment is null)
        {
            return "That experiment no longer exists.";
        }

        if (!from.Contains(experiment.Status))
        {
            return $"A {experiment.Status.ToString().ToLowerInvariant()} experiment cannot {action}.";
        }

        var before = Describe(experiment);
        var now = clock.GetUtcNow().UtcDateTime;
        experiment.Status = to;
        experiment.StartedAt ??= to == ExperimentStatus.Running ? now : null;
        experiment.EndedAt = to == ExperimentStatus.Ended ? now : null;
        audit.Record(db, actor, action, nameof(Experiment), Id(experiment), before, Describe(experiment));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static async Task<IReadOnlyList<RuleError>> ValidateAsync(StorefrontDbContext db, ExperimentForm form, CancellationToken cancellationToken)
    {
        var errors = new List<RuleError>();
        var rule = await db.UpsellRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == form.RuleId, cancellationToken);
        if (rule is null || rule.Kind == OfferKind.CrossSell)
        {
            errors.Add(new(nameof(ExperimentForm.RuleId), "Choose an upsell or downsell: an experiment counts the purchases its offer follows."));
            return errors;
        }

        if (await db.Experiments.AnyAsync(e => e.RuleId == rule.Id && e.Status != ExperimentStatus.Ended, cancellationToken))
        {
            errors.Add(new(nameof(ExperimentForm.RuleId), $"Rule #{rule.Id} already has an experiment that has not ended; end it first."));
        }

        var used = form.Variants.Select((v, i) => (Variant: v, Index: i)).Where(x => x.Variant.IsUsed).ToList();
        if (used.Count == 0)
        {
            errors.Add(new($"{nameof(ExperimentForm.Variants)}[0].{nameof(VariantForm.Name)}", "Name at least one variant."));
        }
        else if (used.Sum(x => x.Variant.Weight) == 0)
        {
            errors.Add(new($"{nameof(ExperimentForm.Variants)}[{used[0].Index}].{nameof(VariantForm.Weight)}", "Give at least one variant a weight above 0."));
        }

        var ruleProduct = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == rule.OfferProductId, cancellationToken);
        foreach (var (variant, index) in used.Where(x => !string.IsNullOrWhiteSpace(x.Variant.OfferProductId)))
        {
            var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == variant.OfferProductId, cancellationToken);
            var problem = product is null || product.IsArchived ? "That product is not for sale."
                : product.Id == rule.TriggerProductId ? "A variant cannot offer the product that was just bought."
                : ruleProduct is not null && (product.Kind != ruleProduct.Kind || product.Currency != ruleProduct.Currency)
                    ? $"Offer a product of the same kind and currency ({ruleProduct.Currency}) as the rule's, so the arms compare like with like."
                : null;
            if (problem is not null)
            {
                errors.Add(new($"{nameof(ExperimentForm.Variants)}[{index}].{nameof(VariantForm.OfferProductId)}", problem));
            }
        }

        foreach (var (variant, index) in used.Where(x => x.Variant.DiscountPercent is not null))
        {
            var productId = string.IsNullOrWhiteSpace(variant.OfferProductId) ? rule.OfferProductId : variant.OfferProductId;
            var isPlan = await db.Products.AnyAsync(p => p.Id == productId && p.Kind == Storefront.Domain.Catalog.ProductKind.Subscription, cancellationToken);
            if (OfferDiscount.Problem(variant.DiscountPercent, isPlan) is { } problem)
            {
                errors.Add(new($"{nameof(ExperimentForm.Variants)}[{index}].{nameof(VariantForm.DiscountPercent)}", problem));
            }
        }

        return errors;
    }

    private static async Task<Dictionary<long, string>> RuleLabelsAsync(StorefrontDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return await db.UpsellRules.AsNoTracking().ToDictionaryAsync(r => r.Id,
            r => $"#{r.Id} {OfferWords.Kind(r.Kind)}: {names.GetValueOrDefault(r.TriggerProductId, r.TriggerProductId)} → {names.GetValueOrDefault(r.OfferProductId, r.OfferProductId)}",
            cancellationToken);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(Experiment experiment) => experiment.Id.ToString(CultureInfo.InvariantCulture);

    private static object Describe(Experiment e) => new
    {
        e.Name, e.RuleId, e.HoldoutPercent, e.RevenueWindowDays, Status = e.Status.ToString(), e.PromotedVariantId,
        Variants = e.Variants.Select(v => new { v.Id, v.Name, v.Weight, v.OfferProductId, v.Headline, v.ValueText, v.Badge, v.DiscountPercent }).ToList(),
    };
}
