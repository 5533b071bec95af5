using SeGeoCatalogue;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Health;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot.Find() });
builder.AddCatalogueServices();

var app = builder.Build();

if (args.FirstOrDefault() == "import-boundaries")
    return await Cli.ImportBoundariesAsync(app, args);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHealth();
app.MapAdminUnits();

app.Run();
return 0;

public partial class Program;
