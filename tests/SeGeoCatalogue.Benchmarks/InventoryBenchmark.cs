using System.Globalization;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Inventory;

namespace SeGeoCatalogue.Benchmarks;

/// <summary>
/// The inventory upload at 1,000 rows (<c>--rows N</c>): a member's workbook made with the service's own writer, loaded as a
/// dry run (median of 3) and committed (twice, each a new set of records). Removes its records and organisation afterwards.
/// </summary>
public static class InventoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        await using var host = await BenchmarkHost.StartAsync();
        var db = host.App.Services.GetRequiredService<NpgsqlDataSource>();
        var (holder, token) = await MemberAsync(host.App.Services);
        host.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            var file = await WorkbookAsync(db, count);
            Console.WriteLine($"workbook of {count:N0} rows: {file.Length / 1024.0:F0} KB");
            await Timing.MeasureAsync($"POST /api/inventory dry run ({count:N0} rows)", 3, () => UploadAsync(host.Client, file, false), warmup: 1);
            for (var i = 0; i < 2; i++)
            {
                var watch = Stopwatch.StartNew();
                await UploadAsync(host.Client, file, true);
                Console.WriteLine($"POST /api/inventory?commit=true ({count:N0} rows, one transaction): {watch.Elapsed.TotalMilliseconds:F0} ms");
            }
            var export = Stopwatch.StartNew();
            (await host.Client.GetAsync($"/api/datasets/export?f=xlsx&holder={holder}")).EnsureSuccessStatusCode();
            Console.WriteLine($"GET /api/datasets/export?f=xlsx ({2 * count:N0} records): {export.Elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await using var clean = db.CreateCommand("""
                DELETE FROM dataset_changes WHERE dataset_id IN (SELECT id FROM datasets WHERE holder_id = @h);
                DELETE FROM dataset_units WHERE dataset_id IN (SELECT id FROM datasets WHERE holder_id = @h);
                DELETE FROM dataset_links WHERE dataset_id IN (SELECT id FROM datasets WHERE holder_id = @h);
                DELETE FROM datasets WHERE holder_id = @h;
                """);
            clean.Parameters.AddWithValue("h", holder);
            await clean.ExecuteNonQueryAsync();
        }
        return 0;
    }

    static async Task UploadAsync(HttpClient client, byte[] file, bool commit)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "inventory.xlsx" } };
        var response = await client.PostAsync(commit ? "/api/inventory?commit=true" : "/api/inventory", form);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Rows like a member's inventory: township and village-tract picks, two sectors, dates, links, Myanmar text.</summary>
    static async Task<byte[]> WorkbookAsync(NpgsqlDataSource db, int count)
    {
        await using var conn = await db.OpenConnectionAsync();
        var townships = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT pcode FROM admin_units WHERE level = 3 AND retired_at IS NULL ORDER BY pcode", conn))
        await using (var rows = await cmd.ExecuteReaderAsync())
            while (await rows.ReadAsync()) townships.Add(rows.GetString(0));
        var columns = InventoryColumns.All.Select(c => c.Name).ToList();
        var stream = new MemoryStream();
        await InventoryWorkbook.WriteAsync(stream, conn, 5_000, sheet =>
        {
            for (var i = 0; i < count; i++)
            {
                var cells = new object?[columns.Count];
                void Set(string name, object? value) => cells[columns.IndexOf(name)] = value;
                Set("title", $"[Bench] Inventory record {i}");
                Set("summary", $"ရေ နှင့် သန့်ရှင်းရေး, benchmark row {i}");
                Set("sectors", Vocabularies.Sectors[i % 15].Code + "; wash");
                Set("disaggregation_level", "village-tract");
                Set("methods", "household-survey");
                Set("period_start", new DateOnly(2015, 1 + i % 12, 1));
                Set("period_end", new DateOnly(2016, 1 + i % 12, 1));
                Set("availability", "public");
                Set("links", $"Report | https://example.org/{i}");
                Set("pcodes", $"{townships[i % townships.Count]}; {townships[(i * 7) % townships.Count]}");
                sheet.Row(cells);
            }
            return Task.CompletedTask;
        }, default);
        return stream.ToArray();
    }

    internal static async Task<(int Holder, string Token)> MemberAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var organisation = new Organisation { Name = $"Inventory benchmark {Guid.NewGuid():N}", Type = "ingo", CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CatalogueUser>>();
        var email = $"inventory-bench-{Guid.NewGuid():N}@example.test";
        var user = new CatalogueUser { UserName = email, Email = email, DisplayName = "bench", OrganisationId = organisation.Id, CreatedAt = DateTimeOffset.UtcNow };
        if (!(await users.CreateAsync(user, Guid.NewGuid().ToString())).Succeeded || !(await users.AddToRoleAsync(user, Roles.Member)).Succeeded)
            throw new InvalidOperationException("could not create the benchmark member");
        var secret = ApiToken.NewSecret();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "benchmark", Hash = ApiToken.HashOf(secret), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (organisation.Id, secret);
    }
}
