using System.Text.Json;
using Microsoft.Playwright;

namespace Storefront.E2ETests.Accessibility;

/// <summary>
/// Runs axe-core's WCAG 2.2 A/AA rules on the page as it is now and fails with every serious or critical violation,
/// naming the rule, the element and how to fix it. Evaluated through the DevTools protocol, so the store's
/// Content-Security-Policy (no foreign scripts) stays on.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(Axe).Assembly.GetManifestResourceStream("axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
          });
          return JSON.stringify(result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })));
        }
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        // Colours are judged as the customer sees them once things settle, not halfway through a dialog's fade-in.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)");
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>(Run);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.True(violations.Count == 0, $"{what}: {violations.Count} serious or critical accessibility violation(s)\n" +
            string.Join("\n", violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5)))));
    }

    private sealed record Violation(string Id, string Impact, string Help, List<string> Nodes);
}
