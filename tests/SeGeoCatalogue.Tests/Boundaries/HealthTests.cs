using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_turns_503_while_the_database_is_unreachable_and_200_when_it_is_back()
    {
        var direct = await PostGisServer.CreateDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(direct);
        await using var relay = new TcpRelay(target.Host!, target.Port);
        relay.Open();
        var viaRelay = new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var app = new CatalogueApp(viaRelay);
        await app.StartAsync();
        var client = app.CreateClient();

        var up = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        var units = JsonNode.Parse(await up.Content.ReadAsStringAsync())!["units"]!;
        Assert.Equal(BoundaryData.Read("townships.geojson").Count, (int)units["township"]!);

        relay.Cut();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);

        relay.Open();
        HttpStatusCode status = default;
        for (var i = 0; i < 20 && status != HttpStatusCode.OK; i++)
        {
            status = (await client.GetAsync("/health")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(500);
        }
        Assert.Equal(HttpStatusCode.OK, status);
        await PostGisServer.DropDatabaseAsync(direct);
    }
}
