namespace Storefront.Domain.Catalog;

public enum ProductKind
{
    /// <summary>Paid once: a course, a licence, an e-book, an add-on.</summary>
    OneTime = 0,

    /// <summary>Billed every period until cancelled: a plan.</summary>
    Subscription = 1,
}
