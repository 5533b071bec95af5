using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>The whole curation loop through the pages: submit with a checklist, publish or return from the queue, see the comment.</summary>
public sealed class CurationWorkflowTests(MemberData data) : IClassFixture<MemberData>
{
    readonly WebAppFixture _app = data.App;

    async Task<int> DraftAsync(string title, bool submit = false)
    {
        await using var member = await Seed.SignedInAsync(_app, MemberData.Email, WebAppFixture.Password);
        var holder = (await member.SendAsync("GET", "/api/account/me")).GetProperty("organisation").GetProperty("id").GetInt32();
        var id = (await member.SendAsync("POST", "/api/datasets", Seed.Record(title, holder, ["wash"], "township", "MMR011001")))
            .GetProperty("id").GetInt32();
        if (submit) await member.SendAsync("POST", $"/api/datasets/{id}/submit");
        return id;
    }

    static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/index.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public Task A_member_submits_with_the_checklist_a_curator_publishes_from_the_queue_and_a_visitor_finds_the_record() => _app.RunAsync(async page =>
    {
        var id = await DraftAsync("Mawlamyine latrine census");

        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"dataset.html?id={id}");
        var checklist = page.Locator("#submit-checklist");
        await Assertions.Expect(checklist).ToBeVisibleAsync();
        await Assertions.Expect(checklist.Locator("li").Filter(new() { HasText = "Sectors" })).ToContainTextAsync("WASH");
        await Assertions.Expect(checklist.Locator("li").Filter(new() { HasText = "Coverage" })).ToContainTextAsync("1 linked unit");
        await Assertions.Expect(checklist.Locator("li[data-ok=false]").Filter(new() { HasText = "Summary" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("Submitted for review");
        await Assertions.Expect(checklist).ToBeHiddenAsync();
        await SignOutAsync(page);

        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "review.html");
        var item = page.Locator($"#queue li[data-id='{id}']");
        await Assertions.Expect(item.Locator("dd[data-field=sectors]")).ToContainTextAsync("WASH");
        await Assertions.Expect(item.Locator("dd[data-field=availability]")).ToHaveTextAsync("Public");
        await Assertions.Expect(item.Locator("dd[data-field=holder]")).ToContainTextAsync("WFP");
        var unit = item.Locator("dd[data-field=coverage]").GetByRole(AriaRole.Link, new() { Name = "Mawlamyine" });
        await Assertions.Expect(unit).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("coverage\\.html\\?.*focus=MMR011001"));
        await item.GetByLabel("Visible to").SelectOptionAsync("public");
        await item.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("Published.");
        await SignOutAsync(page);

        var catalogue = new CataloguePage(page);
        await catalogue.WaitAsync();
        await catalogue.SearchAsync("latrine census");
        Assert.Equal(["Mawlamyine latrine census"], await catalogue.ResultTitlesAsync());
        await catalogue.OpenResultAsync("Mawlamyine latrine census");
        await Assertions.Expect(new DatasetPage(page).FieldValue("Curation")).ToHaveTextAsync("Published");
    });

    [Fact]
    public Task A_curator_returns_a_record_with_a_comment_and_the_member_sees_the_comment_on_its_page() => _app.RunAsync(async page =>
    {
        var id = await DraftAsync("Thaton water quality tests", submit: true);

        await new SignInPage(page).SignInAsync(WebAppFixture.CuratorEmail, WebAppFixture.Password, "review.html");
        var item = page.Locator($"#queue li[data-id='{id}']");
        await item.GetByLabel("Comment for the member").FillAsync("Please add the laboratory that ran the tests.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Return to the member" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("Returned to the member.");
        await SignOutAsync(page);

        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"dataset.html?id={id}");
        var notice = page.Locator("#curation-notice");
        await Assertions.Expect(notice).ToContainTextAsync("Returned by a curator");
        await Assertions.Expect(notice.Locator("blockquote")).ToHaveTextAsync("Please add the laboratory that ran the tests.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task After_a_member_saves_a_published_record_the_page_says_it_went_back_to_review() => _app.RunAsync(async page =>
    {
        int id;
        await using (var curator = await Seed.AsCuratorAsync(_app))
        {
            var holder = (await curator.SendAsync("GET", "/api/organisations")).EnumerateArray()
                .First(o => o.GetProperty("name").GetString() == "World Food Programme").GetProperty("id").GetInt32();
            id = await curator.PublishedDatasetAsync(Seed.Record("Kawkareik nutrition survey", holder, ["wash"], "township", "MMR003001"));
        }
        await new SignInPage(page).SignInAsync(MemberData.Email, WebAppFixture.Password, $"edit.html?id={id}");
        await Assertions.Expect(page.Locator("#save-note")).ToContainTextAsync("back to the curators for review");
        await Assertions.Expect(page.GetByLabel("Title (required)")).ToHaveValueAsync("Kawkareik nutrition survey");
        await new EditPage(page).FillAsync("Title (required)", "Kawkareik nutrition survey 2016");
        await new EditPage(page).SaveAsync();

        await page.WaitForURLAsync($"**/dataset.html?id={id}");
        await Assertions.Expect(page.Locator("#curation-notice")).ToContainTextAsync("goes back to review");
        await Assertions.Expect(new DatasetPage(page).FieldValue("Curation")).ToContainTextAsync("Submitted");
    });
}
