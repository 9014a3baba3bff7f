using Storefront.Web.Features.Audit;

namespace Storefront.Web.Tests;

public sealed class AuditChangesTests
{
    [Fact]
    public void AnEdit_ListsOnlyTheFieldsThatChanged_InWords()
    {
        var changes = AuditChanges.Describe(
            """{"Headline":"Get the bundle","Priority":10,"IsActive":true,"OfferProductId":"complete-bundle"}""",
            """{"Headline":"Get the Complete bundle","Priority":10,"IsActive":false,"OfferProductId":"complete-bundle"}""");

        Assert.Equal(["Headline: Get the bundle → Get the Complete bundle", "Is active: yes → no"], changes.Select(c => c.ToString()));
    }

    [Fact]
    public void ACreation_ListsEachValue_AndADeletionSaysWhatWasRemoved()
    {
        Assert.Equal(["Headline: New", "Badge: Best value"],
            AuditChanges.Describe(null, """{"Headline":"New","Badge":"Best value","ValueText":null}""").Select(c => c.ToString()));
        Assert.Equal(["Headline: Old (removed)"], AuditChanges.Describe("""{"Headline":"Old"}""", null).Select(c => c.ToString()));
    }
}
