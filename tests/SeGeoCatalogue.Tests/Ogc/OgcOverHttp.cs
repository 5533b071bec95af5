using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// The app on a real socket (Kestrel) for clients that are separate programs (GDAL), with a log of every request it
/// received (path and query, Accept, status), so a test can count what the client asked for.
/// </summary>
public sealed class OgcOverHttp : IAsyncDisposable
{
    readonly WebApplicationFactory<Program> _host;
    public ConcurrentQueue<(string PathAndQuery, string Accept, int Status)> Requests { get; } = new();
    public string BaseUrl { get; }

    public OgcOverHttp(CatalogueApp app)
    {
        _host = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Log(Requests))));
        _host.UseKestrel(0);
        _host.StartServer();
        BaseUrl = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public IEnumerable<string> Paths(string prefix) => Requests.Select(r => r.PathAndQuery).Where(p => p.StartsWith(prefix, StringComparison.Ordinal));

    public string Dump() => string.Join("\n", Requests.Select(r => $"{r.Status} {r.PathAndQuery} (Accept: {r.Accept})"));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    sealed class Log(ConcurrentQueue<(string, string, int)> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, then) =>
            {
                await then(http);
                requests.Enqueue((Uri.UnescapeDataString(http.Request.Path + http.Request.QueryString), http.Request.Headers.Accept.ToString(),
                    http.Response.StatusCode));
            });
            next(app);
        };
    }
}
