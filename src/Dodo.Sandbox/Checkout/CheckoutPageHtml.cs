using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Dodo.Sandbox.Checkout;

/// <summary>The hosted checkout page's markup: plain HTML, no script, labelled fields, clearly a test environment.</summary>
internal static class CheckoutPageHtml
{
    internal sealed record Line(string Name, int Quantity, long Amount);

    internal sealed record Model(
        string Title,
        string Action,
        IReadOnlyList<Line> Lines,
        long Total,
        string Currency,
        string ButtonText,
        string? Email,
        string? Name,
        string? Error,
        IReadOnlyDictionary<string, string> Values);

    public static string Form(Model model)
    {
        var h = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{h.Encode(model.Title)}</h1>");
        if (model.Lines.Count > 0)
        {
            body.Append("<table class=\"lines\"><tbody>");
            foreach (var line in model.Lines)
            {
                body.Append(CultureInfo.InvariantCulture, $"<tr><td>{h.Encode(line.Name)} × {line.Quantity}</td><td class=\"amount\">{Money(line.Amount, model.Currency)}</td></tr>");
            }

            body.Append(CultureInfo.InvariantCulture, $"</tbody><tfoot><tr><th>Total</th><th class=\"amount\" data-total>{Money(model.Total, model.Currency)}</th></tr></tfoot></table>");
        }

        if (model.Error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{h.Encode(model.Error)}</p>");
        }

        string Value(string key, string? fallback = null) =>
            h.Encode(model.Values.TryGetValue(key, out var v) ? v : fallback ?? "");

        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="{h.Encode(model.Action)}">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="email" required value="{Value("email", model.Email)}">
              <label for="name">Full name</label>
              <input id="name" name="name" autocomplete="name" value="{Value("name", model.Name)}">
              <label for="card_number">Card number</label>
              <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required value="{Value("card_number")}">
              <div class="row">
                <div><label for="expiry">Expiry (MM/YY)</label>
                <input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM/YY" required value="{Value("expiry")}"></div>
                <div><label for="cvc">CVC</label>
                <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required value=""></div>
              </div>
              <label for="card_holder">Name on card</label>
              <input id="card_holder" name="card_holder" autocomplete="cc-name" value="{Value("card_holder", model.Name)}">
              <label for="country">Billing country</label>
              <select id="country" name="country">{Countries(Value("country", "US"))}</select>
              <label for="street">Street address</label>
              <input id="street" name="street" autocomplete="address-line1" required value="{Value("street")}">
              <div class="row">
                <div><label for="city">City</label>
                <input id="city" name="city" autocomplete="address-level2" required value="{Value("city")}"></div>
                <div><label for="state">State / region</label>
                <input id="state" name="state" autocomplete="address-level1" value="{Value("state")}"></div>
              </div>
              <label for="zipcode">Postal code</label>
              <input id="zipcode" name="zipcode" autocomplete="postal-code" required value="{Value("zipcode")}">
              <button type="submit">{h.Encode(model.ButtonText)}</button>
            </form>
            <p class="hint">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 0341 pays now and fails later; 4000 0025 0000 3155 asks for 3-D Secure. Any future expiry, any CVC.</p>
            """);
        return Page(model.Title, body.ToString());
    }

    /// <summary>
    /// The bank's 3-D Secure challenge, reduced to its two outcomes. <paramref name="carried"/> are fields to post
    /// again with the answer (the hosted checkout's card form); the one-click page carries none.
    /// </summary>
    public static string Challenge(string action, long amount, string currency, IReadOnlyDictionary<string, string> carried)
    {
        var h = HtmlEncoder.Default;
        var hidden = string.Concat(carried.Where(f => f.Key != "authentication")
            .Select(f => $"<input type=\"hidden\" name=\"{h.Encode(f.Key)}\" value=\"{h.Encode(f.Value)}\">"));
        return Page("Confirm your payment", $"""
            <h1>Confirm your payment</h1>
            <p>Your bank asks you to confirm a payment of <strong data-total>{Money(amount, currency)}</strong> (3-D Secure test).</p>
            <form method="post" action="{h.Encode(action)}">{hidden}
              <button type="submit" name="authentication" value="passed">Complete authentication</button>
              <button type="submit" name="authentication" value="failed" class="secondary">Fail authentication</button>
            </form>
            """);
    }

    public static string Message(string title, string text, string? link = null, string? linkText = null)
    {
        var h = HtmlEncoder.Default;
        var action = link is null ? "" : $"<p><a class=\"button\" href=\"{h.Encode(link)}\">{h.Encode(linkText ?? "Continue")}</a></p>";
        return Page(title, $"<h1>{h.Encode(title)}</h1><p>{h.Encode(text)}</p>{action}");
    }

    /// <summary>"$30.00": the store's own money format, so a customer sees one amount written one way on both sides.</summary>
    public static string Money(long minor, string currency) => Storefront.Domain.CurrencyFormat.Format(new Storefront.Domain.Money(minor, currency));

    private static string Countries(string selected) => string.Concat(
        new[] { ("US", "United States"), ("IN", "India"), ("GB", "United Kingdom"), ("DE", "Germany"), ("FR", "France"), ("CA", "Canada"), ("AU", "Australia") }
            .Select(c => $"<option value=\"{c.Item1}\"{(c.Item1 == selected ? " selected" : "")}>{c.Item2}</option>"));

    internal static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlEncoder.Default.Encode(title)}} · Dodo Payments (sandbox)</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f3f4f8; color: #1d2330; margin: 0; }
          main { max-width: 440px; margin: 40px auto; background: #fff; border-radius: 12px; padding: 28px; box-shadow: 0 2px 12px rgba(0,0,0,.06); }
          .banner { background: #fff4cc; text-align: center; padding: 8px; font-size: .9rem; }
          label { display: block; font-weight: 600; margin: 12px 0 4px; }
          input, select { width: 100%; box-sizing: border-box; padding: 10px; border: 1px solid #d5d9e2; border-radius: 8px; font: inherit; }
          .row { display: flex; gap: 12px; } .row > div { flex: 1; }
          button, .button { display: block; width: 100%; margin-top: 20px; padding: 12px; border: 0; border-radius: 8px; background: #0b7a55; color: #fff; font: inherit; font-weight: 700; cursor: pointer; text-align: center; text-decoration: none; }
          .lines { width: 100%; border-collapse: collapse; margin-bottom: 8px; } .lines td, .lines th { padding: 6px 0; text-align: left; } .amount { text-align: right !important; }
          tfoot th { border-top: 1px solid #e3e6ee; }
          button.secondary { background: #fff; color: #1d2330; border: 1px solid #d5d9e2; }
          .error { background: #fdecea; color: #b3261e; padding: 10px; border-radius: 8px; }
          .hint { color: #5b6475; font-size: .85rem; }
        </style></head>
        <body><div class="banner">Dodo Payments sandbox: test mode, no real money moves.</div><main>{{body}}</main></body></html>
        """;
}
