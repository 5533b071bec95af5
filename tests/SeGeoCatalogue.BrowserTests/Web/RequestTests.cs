using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>Organisation A and B with one member each; B holds a published record whose data is shared on request.</summary>
public sealed class RequestData : IAsyncLifetime
{
    public const string RequesterEmail = "moe@a-ngo.test";
    public const string HolderEmail = "thida@b-ngo.test";
    public const string Title = "Hpa-An water point inventory";
    public WebAppFixture App { get; } = new();
    public int DatasetId { get; private set; }

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await using var seed = await Seed.AsCuratorAsync(App);
        await seed.MemberAsync(RequesterEmail, await seed.OrganisationAsync("A Relief Organisation", "ARO"));
        var holder = await seed.OrganisationAsync("B Water Network", "BWN");
        await seed.MemberAsync(HolderEmail, holder);
        var record = Seed.Record(Title, holder, ["wash"], "village-tract", "MMR003001");
        record["availability"] = "on-request";
        DatasetId = await seed.PublishedDatasetAsync(record);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class RequestTests(RequestData data) : IClassFixture<RequestData>
{
    readonly WebAppFixture _app = data.App;

    [Fact]
    public Task A_member_of_A_requests_Bs_data_a_member_of_B_grants_it_with_a_note_and_the_requester_sees_granted_and_the_note() => _app.RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        var requests = new RequestsPage(page);
        const string note = "We will email the tables to you this week.";

        await signIn.SignInAsync(RequestData.RequesterEmail, WebAppFixture.Password, $"dataset.html?id={data.DatasetId}");
        await requests.RequestFromDatasetPageAsync(data.DatasetId, "Planning latrine repairs after the 2025 floods");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/index.html");

        await signIn.SignInAsync(RequestData.HolderEmail, WebAppFixture.Password, "requests.html");
        var incoming = RequestsPage.Request(requests.Inbox, RequestData.Title);
        await Assertions.Expect(incoming).ToContainTextAsync("Planning latrine repairs after the 2025 floods");
        await Assertions.Expect(incoming.Locator(".request-state")).ToHaveTextAsync("open");
        await requests.GrantAsync(RequestData.Title, note);
        // Answered, it leaves the list of open requests.
        await Assertions.Expect(incoming).ToHaveCountAsync(0);
        await page.GotoAsync($"/dataset.html?id={data.DatasetId}");
        await Assertions.Expect(page.Locator("#request-count")).ToContainTextAsync("1 request for this data, 0 waiting for an answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/index.html");

        await signIn.SignInAsync(RequestData.RequesterEmail, WebAppFixture.Password, "requests.html");
        var mine = RequestsPage.Request(requests.Mine, RequestData.Title);
        await Assertions.Expect(mine.Locator(".request-state")).ToHaveTextAsync("granted");
        await Assertions.Expect(mine.Locator(".request-answer")).ToContainTextAsync(note);
        await mine.GetByText("History").ClickAsync();
        await Assertions.Expect(mine.Locator(".request-steps li")).ToHaveCountAsync(2);
    });

    [Fact]
    public Task A_record_that_is_not_available_says_whom_to_talk_to_instead_of_offering_a_request() => _app.RunAsync(async page =>
    {
        int id;
        await using (var seed = await Seed.AsCuratorAsync(_app))
        {
            var holder = await seed.OrganisationAsync("C Health Cluster", "CHC");
            var record = Seed.Record("Clinic patient registers", holder, ["services"], "township", "MMR003001");
            record["availability"] = "not-available";
            record["contact"] = "info@chc.test";
            id = await seed.PublishedDatasetAsync(record);
        }

        await new SignInPage(page).SignInAsync(RequestData.RequesterEmail, WebAppFixture.Password, $"dataset.html?id={id}");

        await Assertions.Expect(page.Locator("#request")).ToContainTextAsync("Talk to C Health Cluster (info@chc.test)");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Request this data" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_member_marks_that_data_is_needed_in_a_township_and_the_coverage_map_outlines_it_with_the_note() => _app.RunAsync(async page =>
    {
        await new SignInPage(page).SignInAsync(RequestData.RequesterEmail, WebAppFixture.Password, "coverage.html?level=township&sector=food-security&demand=1");
        var coverage = new CoveragePage(page);
        await coverage.WaitAsync();
        await Assertions.Expect(coverage.Map.Root).ToHaveAttributeAsync("data-demand", "0");

        await page.GetByLabel("Go to a unit and list its datasets").FocusAsync();
        await page.Keyboard.TypeAsync("Hpa-An (MMR003001)");
        await page.Keyboard.PressAsync("Enter");
        await coverage.UnitDatasets.GetByLabel("What is needed, and why").FillAsync("Village-tract food security data for the 2027 plan");
        await coverage.UnitDatasets.GetByRole(AriaRole.Button, new() { Name = "Mark the need" }).ClickAsync();

        await Assertions.Expect(coverage.Map.Root).ToHaveAttributeAsync("data-demand", "1");
        await Assertions.Expect(coverage.UnitDatasets.Locator(".demand")).ToHaveTextAsync("Needed by 1 organisation: “Village-tract food security data for the 2027 plan”");
    });
}
