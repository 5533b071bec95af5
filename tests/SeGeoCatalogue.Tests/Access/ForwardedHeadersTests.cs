using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>X-Forwarded-For is believed only from the proxies configuration names; loopback is not trusted by default.</summary>
public sealed class ForwardedHeadersTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("10.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.1", "203.0.113.7")]
    public async Task The_audit_records_the_forwarded_address_only_from_a_configured_proxy(string? proxy, string expectedIp)
    {
        var app = fixture.App.WithWebHostBuilder(b =>
        {
            if (proxy is not null) b.UseSetting("ForwardedHeaders:KnownProxies:0", proxy);
            // The request arrives from loopback, as from a proxy on the same machine (TestServer has no address).
            b.ConfigureServices(s => s.AddTransient<IStartupFilter, FromLoopback>());
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var email = fixture.UniqueEmail("nobody");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in") { Content = JsonContent.Create(new { email, password = "wrong password" }) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);

        Assert.Equal(expectedIp, await fixture.App.ScalarAsync<string>("SELECT ip FROM audit_log WHERE user_name = @e", ("e", email)));
    }

    sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Loopback;
                return inner(http);
            });
            next(app);
        };
    }
}
