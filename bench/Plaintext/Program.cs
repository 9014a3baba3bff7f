// The smallest ASP.NET Core app: what Kestrel and routing cost with no page, data or security work. bench/run.sh runs
// it on the same core as the store, in the same run, and divides the store's numbers by its numbers.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/plaintext", () => "Hello, World!");
app.Run();
