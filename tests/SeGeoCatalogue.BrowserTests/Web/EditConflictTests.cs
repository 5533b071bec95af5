using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Two people edit the same record in two browsers: the second save meets the 412 page.</summary>
public sealed class EditConflictTests(MemberData data) : IClassFixture<MemberData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task The_second_save_shows_what_the_other_person_changed_and_can_put_its_own_values_on_their_version() => _app.RunAsync(async page =>
    {
        int id;
        await using (var member = await Seed.SignedInAsync(_app, MemberData.Email, WebAppFixture.Password))
        {
            var holder = (await member.SendAsync("GET", "/api/account/me")).GetProperty("organisation").GetProperty("id").GetInt32();
            id = (await member.SendAsync("POST", "/api/datasets", Seed.Record("Hlaingbwe nutrition survey", holder, ["food-security"], "township", "MMR003002")))
                .GetProperty("id").GetInt32();
        }
        // Mine: opened first, saved last.
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"edit.html?id={id}");
        var mine = new EditPage(page);
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveValueAsync("Hlaingbwe nutrition survey");

        // Theirs: another browser opens the same record, changes the title and saves first.
        await SaveInAnotherBrowserAsync(id, "Title (required)", "Hlaingbwe nutrition survey 2016");

        await mine.FillAsync("Contact", "nutrition@wfp.test");
        await mine.SaveAsync();

        var conflict = page.Locator("#conflict");
        await Assertions.Expect(conflict.GetByRole(AriaRole.Heading, new() { Name = "Someone else changed this record" })).ToBeFocusedAsync();
        // Only the title changed on their side: one row, mine beside theirs. The contact is mine alone, so it is not listed.
        var rows = conflict.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator("th")).ToHaveTextAsync("Title");
        await Assertions.Expect(rows.Locator("td")).ToHaveTextAsync(["Hlaingbwe nutrition survey", "Hlaingbwe nutrition survey 2016"]);
        Assert.Contains($"edit.html?id={id}", page.Url);
        await Axe.AssertNoSeriousViolationsAsync(page);

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Save my values over their version" }).ClickAsync();

        await page.WaitForURLAsync($"**/dataset.html?id={id}");
        var dataset = new DatasetPage(page);
        await Assertions.Expect(dataset.Title).ToHaveTextAsync("Hlaingbwe nutrition survey");
        await Assertions.Expect(dataset.FieldValue("Contact")).ToContainTextAsync("nutrition@wfp.test");
    });

    [Fact]
    public Task Loading_their_version_shows_their_values_in_the_form() => _app.RunAsync(async page =>
    {
        int id;
        await using (var member = await Seed.SignedInAsync(_app, MemberData.Email, WebAppFixture.Password))
        {
            var holder = (await member.SendAsync("GET", "/api/account/me")).GetProperty("organisation").GetProperty("id").GetInt32();
            id = (await member.SendAsync("POST", "/api/datasets", Seed.Record("Kawkareik school census", holder, ["services"], "township", "MMR003005")))
                .GetProperty("id").GetInt32();
        }
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"edit.html?id={id}");
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveValueAsync("Kawkareik school census");
        await SaveInAnotherBrowserAsync(id, "Source", "Township education office");

        await new EditPage(page).FillAsync("Title (required)", "Kawkareik school census 2015");
        await new EditPage(page).SaveAsync();
        var conflict = page.Locator("#conflict");
        await Assertions.Expect(conflict.Locator("tbody tr[data-field=Source] td")).ToHaveTextAsync(["(empty)", "Township education office"]);

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Load their version" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Source", new() { Exact = true })).ToHaveValueAsync("Township education office");
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveValueAsync("Kawkareik school census");
        await Assertions.Expect(conflict).ToBeHiddenAsync();
    });

    /// <summary>Another person (own cookies, own page) opens the record's form, changes one field and saves.</summary>
    async Task SaveInAnotherBrowserAsync(int id, string label, string value)
    {
        await using var other = await (await Chromium.GetAsync()).NewContextAsync(new() { BaseURL = _app.BaseUrl });
        var page = await other.NewPageAsync();
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"edit.html?id={id}");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        var edit = new EditPage(page);
        await edit.FillAsync(label, value);
        await edit.SaveAsync();
        await page.WaitForURLAsync($"**/dataset.html?id={id}");
    }
}
