namespace Storefront.Domain.Plans;

/// <summary>Why a subscriber cancels, as the cancel form offers it. Optional: cancelling never waits on an answer.</summary>
public static class CancellationReasons
{
    public const string RatherNotSay = "rather_not_say";

    public static IReadOnlyList<(string Key, string Words)> All { get; } =
    [
        ("too_expensive", "It costs too much"),
        ("not_using", "I don't use it enough"),
        ("missing_feature", "It's missing something I need"),
        ("switching", "I'm switching to another product"),
        ("other", "Another reason"),
        (RatherNotSay, "I'd rather not say"),
    ];

    /// <summary>The reason's key if it is one of <see cref="All"/>; anything else counts as <see cref="RatherNotSay"/>.</summary>
    public static string Normalize(string? key) => All.Any(r => r.Key == key) ? key! : RatherNotSay;
}
