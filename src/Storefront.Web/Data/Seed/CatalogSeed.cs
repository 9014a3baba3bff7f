using Storefront.Domain.Catalog;

namespace Storefront.Web.Data.Seed;

/// <summary>
/// The demo catalog. The store seeds it into its own database in Development, and the sandbox Dodo is given the
/// same list so both sides agree on ids and prices. Dodo-shaped ids (pdt_…) match the API fixtures where those
/// name the product (Basic, Pro, the $19 add-on).
/// </summary>
public static class CatalogSeed
{
    /// <summary>
    /// The demo's licence products and how many activations one key allows: set on the products at Dodo (its
    /// dashboard's licence key settings), so the sandbox is told; the store learns of keys from Dodo's webhooks.
    /// </summary>
    public static IReadOnlyDictionary<string, int> LicenseActivations { get; } = new Dictionary<string, int>
    {
        ["single-license"] = 1,
        ["team-license"] = 5,
        ["team-license-upgrade"] = 5,
    };

    public static IReadOnlyList<CatalogProduct> Products() =>
    [
        new()
        {
            Id = "basic-plan", Name = "Basic plan", DodoProductId = "pdt_2Bq7Lm4Xz9Wk1Vr6Tn3Cp",
            Summary = "Everything a solo seller needs to start taking payments.",
            Description = "Hosted checkout, one storefront and email receipts, billed monthly. Cancel any time.",
            Kind = ProductKind.Subscription, PriceMinor = 3000, Currency = "USD", BillingInterval = BillingInterval.Month,
            Features = "1 storefront\nHosted checkout\nEmail receipts\nUp to 100 orders a month",
            ImageFile = "plan-basic.svg", SortOrder = 10,
        },
        new()
        {
            Id = "pro-plan", Name = "Pro plan", DodoProductId = "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh",
            Summary = "For growing shops: upsells, analytics and priority support.",
            Description = "Everything in Basic plus post-purchase offers, conversion analytics and priority support.",
            Kind = ProductKind.Subscription, PriceMinor = 8000, Currency = "USD", BillingInterval = BillingInterval.Month,
            Features = "5 storefronts\nHosted checkout\nEmail receipts\nUnlimited orders\nPost-purchase upsells\nConversion analytics\nPriority support",
            ImageFile = "plan-pro.svg", SortOrder = 20,
        },
        new()
        {
            Id = "pro-plan-yearly", Name = "Pro plan (yearly)", DodoProductId = "pdt_8Pr5Yr3Kw7Xq4Lm9Vt1Bj",
            Summary = "Pro, billed once a year: two months free.",
            Description = "Everything in Pro, billed yearly at the price of ten months.",
            Kind = ProductKind.Subscription, PriceMinor = 80000, Currency = "USD", BillingInterval = BillingInterval.Year,
            Features = "5 storefronts\nHosted checkout\nEmail receipts\nUnlimited orders\nPost-purchase upsells\nConversion analytics\nPriority support\nTwo months free",
            ImageFile = "plan-pro.svg", SortOrder = 25,
        },
        new()
        {
            Id = "studio-plan", Name = "Studio plan", DodoProductId = "pdt_4St6Dv1Qx8Lm3Kr9Wz2Ty",
            Summary = "For teams of makers: shared storefronts and a 14-day free trial.",
            Description = "Everything in Basic for a team of five, with shared storefronts. Try it free for 14 days; cancel before the trial ends and you pay nothing.",
            Kind = ProductKind.Subscription, PriceMinor = 5000, Currency = "USD", BillingInterval = BillingInterval.Month, TrialPeriodDays = 14,
            Features = "3 storefronts\nHosted checkout\nEmail receipts\n5 team members\nShared storefront settings",
            ImageFile = "plan-studio.svg", SortOrder = 15,
        },
        new()
        {
            Id = "starter-course", Name = "Starter course", DodoProductId = "pdt_5Sc1Vx8Qm3Lr7Kp2Wd9Ht",
            Summary = "Six video lessons on launching your first digital product.",
            Description = "Six lessons, worksheets and a launch checklist. Yours to keep.",
            Kind = ProductKind.OneTime, PriceMinor = 4900, Currency = "USD",
            Features = "6 video lessons\nWorksheets\nLaunch checklist",
            ImageFile = "course-starter.svg", SortOrder = 30,
        },
        new()
        {
            Id = "complete-bundle", Name = "Complete bundle", DodoProductId = "pdt_9Cb4Tz1Nw6Xk3Qm8Rv2Js",
            Summary = "The starter course plus the advanced course, templates and live Q&A recordings.",
            Description = "Every course we make, every template, and a year of live Q&A recordings.",
            Kind = ProductKind.OneTime, PriceMinor = 14900, Currency = "USD",
            Features = "6 video lessons\nWorksheets\nLaunch checklist\n12 advanced lessons\nTemplate library\nLive Q&A recordings",
            ImageFile = "course-bundle.svg", SortOrder = 40,
        },
        new()
        {
            Id = "single-license", Name = "Single license", DodoProductId = "pdt_3Ls7Kq2Vn9Xw4Bm1Zt6Pf",
            Summary = "The desktop app for one person, with a year of updates.",
            Description = "A perpetual license for one seat, with updates for twelve months.",
            Kind = ProductKind.OneTime, PriceMinor = 2900, Currency = "USD",
            Features = "1 seat\n12 months of updates\nEmail support",
            ImageFile = "license-single.svg", SortOrder = 50,
        },
        new()
        {
            Id = "team-license", Name = "Team license", DodoProductId = "pdt_7Tl2Rw5Mx8Qz1Kv4Nc9Hb",
            Summary = "The desktop app for up to ten people, with shared settings.",
            Description = "A perpetual license for ten seats, shared settings and priority email support.",
            Kind = ProductKind.OneTime, PriceMinor = 9900, Currency = "USD",
            Features = "10 seats\n12 months of updates\nShared team settings\nPriority email support",
            ImageFile = "license-team.svg", SortOrder = 60,
        },
        new()
        {
            Id = "premium-addon", Name = "Premium add-on", DodoProductId = "pdt_6Yw3Kp9Lq2Zx8Vm1Rt4Nb",
            Summary = "Extra themes, custom domains and a branded receipt template.",
            Description = "Unlocks premium themes, custom domains and branded receipts on any plan.",
            Kind = ProductKind.OneTime, PriceMinor = 1900, Currency = "USD",
            Features = "12 premium themes\nCustom domains\nBranded receipts",
            ImageFile = "addon-premium.svg", SortOrder = 70,
        },
        new()
        {
            Id = "upsell-playbook-ebook", Name = "The Upsell Playbook (e-book)", DodoProductId = "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv",
            Summary = "A 90-page guide to post-purchase offers that customers thank you for.",
            Description = "PDF and EPUB. Case studies, offer templates and the maths of a downsell.",
            Kind = ProductKind.OneTime, PriceMinor = 1200, Currency = "USD",
            Features = "90 pages\nPDF and EPUB\nOffer templates",
            ImageFile = "ebook-playbook.svg", SortOrder = 80,
        },
        // Upgrades: a bundle or team license for someone who owns what it contains, priced at the difference (ADR-0013).
        new()
        {
            Id = "complete-bundle-upgrade", Name = "Complete bundle (upgrade from the Starter course)", DodoProductId = "pdt_2Ug5Cb4Tz1Nw6Xk3Qm8Rv",
            Summary = "The Complete bundle for owners of the Starter course.", Description = "Everything in the Complete bundle; you already own the Starter course.",
            Kind = ProductKind.OneTime, PriceMinor = 10000, Currency = "USD",
            Features = "12 advanced lessons\nTemplate library\nLive Q&A recordings",
            UpgradeFromProductId = "starter-course", UpgradeToProductId = "complete-bundle", SortOrder = 900,
        },
        new()
        {
            Id = "team-license-upgrade", Name = "Team license (upgrade from a Single license)", DodoProductId = "pdt_2Ug7Tl2Rw5Mx8Qz1Kv4Nc",
            Summary = "The Team license for owners of a Single license.", Description = "Ten seats; your Single license counts towards it.",
            Kind = ProductKind.OneTime, PriceMinor = 7000, Currency = "USD",
            Features = "10 seats\nShared team settings\nPriority email support",
            UpgradeFromProductId = "single-license", UpgradeToProductId = "team-license", SortOrder = 910,
        },
    ];
}
