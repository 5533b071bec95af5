using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;
using SeGeoCatalogue.Tests.Inventory;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>A member downloads the template, fills it, sees the check's problems beside their rows, fixes them and applies.</summary>
public sealed class InventoryTests : IAsyncLifetime
{
    const string MemberEmail = "aye@inventory-ngo.test";
    readonly WebAppFixture _app = new();
    int _holder;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(_app);
        _holder = await seed.OrganisationAsync("Inventory NGO", "INGO");
        await seed.MemberAsync(MemberEmail, _holder);
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    static Dictionary<string, object?> Row(string title, string sectors) => new()
        { ["title"] = title, ["sectors"] = sectors, ["availability"] = "public", ["pcodes"] = "MMR003001", ["period_start"] = new DateOnly(2024, 1, 1) };

    [Fact]
    public Task A_member_checks_a_workbook_sees_each_problem_beside_its_row_fixes_it_and_applies_all_rows() => _app.RunAsync(async page =>
    {
        await new SignInPage(page).SignInAsync(MemberEmail, WebAppFixture.Password, "inventory.html");
        var inventory = new InventoryPage(page);
        var template = await inventory.DownloadTemplateAsync();
        Assert.Contains("Records", Workbooks.SheetNames(template).Select(s => s.Name));

        await inventory.CheckAsync(Workbooks.Fill(template, [Row("Water points 2024", "wash"), Row("Clinics 2024", "health"), Row("ကျေးရွာ စာရင်း", "food-security")]));
        await Assertions.Expect(inventory.Summary).ToContainTextAsync("3 rows: 2 new");
        await Assertions.Expect(inventory.Summary).ToContainTextAsync("1 problem to fix");
        await Assertions.Expect(inventory.Row(3)).ToHaveClassAsync("has-problem");
        await Assertions.Expect(inventory.Row(3)).ToContainTextAsync("sectors: 'health' is not a sector; did you mean 'services'?");
        await Assertions.Expect(inventory.Row(2)).ToContainTextAsync("new record");
        await Assertions.Expect(inventory.Apply).ToBeDisabledAsync();
        Assert.Equal(0L, await _app.App.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE holder_id = @h", ("h", _holder)));

        await inventory.CheckAsync(Workbooks.Fill(template, [Row("Water points 2024", "wash"), Row("Clinics 2024", "services"), Row("ကျေးရွာ စာရင်း", "food-security")]));
        await Assertions.Expect(inventory.Summary).ToContainTextAsync("No problems");
        await inventory.Apply.ClickAsync();
        await Assertions.Expect(inventory.Summary).ToContainTextAsync("Stored. 3 rows: 3 new");
        await Assertions.Expect(inventory.Apply).ToBeDisabledAsync();
        Assert.Equal(3L, await _app.App.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE holder_id = @h", ("h", _holder)));
        Assert.Equal("ကျေးရွာ စာရင်း", await _app.App.ScalarAsync<string>("SELECT title FROM datasets WHERE holder_id = @h AND 'food-security' = ANY(sectors)", ("h", _holder)));
    });
}
