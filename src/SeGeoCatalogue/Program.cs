using SeGeoCatalogue;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot.Find() });
builder.AddCatalogueServices();

var app = builder.Build();

if (args.FirstOrDefault() == "import-boundaries")
    return await Cli.ImportBoundariesAsync(app, args);
if (args.FirstOrDefault() == "import-release")
    return await Cli.ImportReleaseAsync(app, args);
if (args.FirstOrDefault() == "seed-demo")
    return await Cli.SeedDemoAsync(app, args);

app.MapCatalogue();

app.Run();
return 0;

public partial class Program;
