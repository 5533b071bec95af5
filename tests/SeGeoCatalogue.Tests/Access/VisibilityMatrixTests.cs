using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>Seeds one record per curation state × visibility, all held by one organisation, and four viewers.</summary>
public sealed class VisibilityMatrixFixture : AccessFixture
{
    public const string Anonymous = "anonymous", Holder = "member of the holder", Other = "member of another organisation", Curator = "curator";
    public static readonly string[] Viewers = [Anonymous, Holder, Other, Curator];

    /// <summary>(curation state, visibility) → record id.</summary>
    public Dictionary<(string State, string Visibility), int> Records { get; } = [];
    public int DeletedRecord { get; private set; }
    public Dictionary<string, Viewer> ViewerOf { get; } = [];
    public Dictionary<string, string?> EmailOf { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var holder = await CreateOrganisationAsync("Holder");
        var other = await CreateOrganisationAsync("Other");
        foreach (var state in new[] { "draft", "submitted", "published" })
            foreach (var visibility in new[] { "public", "network", "private" })
                Records[(state, visibility)] = await CreateDatasetAsync(holder, state, visibility);
        DeletedRecord = await CreateDatasetAsync(holder, "published", "public", deleted: true);

        var holderMember = await CreateUserAsync(EmailOf[Holder] = UniqueEmail("holder"), Roles.Member, holder);
        var otherMember = await CreateUserAsync(EmailOf[Other] = UniqueEmail("other"), Roles.Member, other);
        var curator = await CreateUserAsync(EmailOf[Curator] = UniqueEmail("curator"), Roles.Curator, null);
        EmailOf[Anonymous] = null;
        ViewerOf[Anonymous] = Viewer.Public;
        ViewerOf[Holder] = await ViewerOfAsync(holderMember);
        ViewerOf[Other] = await ViewerOfAsync(otherMember);
        ViewerOf[Curator] = await ViewerOfAsync(curator);
    }
}

/// <summary>
/// The visibility rule of issue 5, written out by hand: the public sees published public records; members also
/// see published network records and every record of their own organisation; curators see everything; deleted
/// records nobody. Checked through the SQL form, the EF form and every dataset read endpoint.
/// </summary>
public sealed class VisibilityMatrixTests(VisibilityMatrixFixture fixture) : IClassFixture<VisibilityMatrixFixture>
{
    //                                                         anonymous holder other  curator
    static readonly (string State, string Visibility, bool[] Sees)[] Expected =
    [
        ("draft",     "public",  [false, true,  false, true]),
        ("draft",     "network", [false, true,  false, true]),
        ("draft",     "private", [false, true,  false, true]),
        ("submitted", "public",  [false, true,  false, true]),
        ("submitted", "network", [false, true,  false, true]),
        ("submitted", "private", [false, true,  false, true]),
        ("published", "public",  [true,  true,  true,  true]),
        ("published", "network", [false, true,  true,  true]),
        ("published", "private", [false, true,  false, true]),
    ];

    public static TheoryData<string> Viewers => new(VisibilityMatrixFixture.Viewers);

    IEnumerable<int> ExpectedFor(string viewer, string? state = null)
    {
        var column = Array.IndexOf(VisibilityMatrixFixture.Viewers, viewer);
        return Expected.Where(e => e.Sees[column] && (state is null || e.State == state))
            .Select(e => fixture.Records[(e.State, e.Visibility)]).Order();
    }

    int[] AllSeeded => [.. fixture.Records.Values, fixture.DeletedRecord];

    [Theory, MemberData(nameof(Viewers))]
    public async Task The_SQL_form_of_the_rule_lets_each_viewer_see_exactly_the_expected_records(string viewer)
    {
        await using var cmd = fixture.App.DataSource.CreateCommand();
        cmd.CommandText = $"SELECT d.id FROM datasets d WHERE {DatasetVisibility.Sql(fixture.ViewerOf[viewer], cmd)} AND d.id = ANY(@seeded) ORDER BY d.id";
        cmd.Parameters.AddWithValue("seeded", AllSeeded);
        var seen = new List<int>();
        await using (var rows = await cmd.ExecuteReaderAsync())
            while (await rows.ReadAsync()) seen.Add(rows.GetInt32(0));

        Assert.Equal(ExpectedFor(viewer), seen);
    }

    [Theory, MemberData(nameof(Viewers))]
    public async Task The_EF_form_of_the_rule_lets_each_viewer_see_exactly_the_expected_records(string viewer)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDb>();
        var seeded = AllSeeded;

        var seen = await db.Datasets.VisibleTo(fixture.ViewerOf[viewer]).Where(d => seeded.Contains(d.Id)).Select(d => d.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(ExpectedFor(viewer), seen);
    }

    [Fact]
    public void The_viewers_built_from_the_accounts_claims_carry_their_roles_and_organisation()
    {
        Assert.Equal((true, false), (fixture.ViewerOf[VisibilityMatrixFixture.Holder].IsMember, fixture.ViewerOf[VisibilityMatrixFixture.Holder].IsCurator));
        Assert.NotEqual(fixture.ViewerOf[VisibilityMatrixFixture.Holder].OrganisationId, fixture.ViewerOf[VisibilityMatrixFixture.Other].OrganisationId);
        Assert.True(fixture.ViewerOf[VisibilityMatrixFixture.Curator].IsCurator);
        Assert.Equal(fixture.EmailOf[VisibilityMatrixFixture.Curator], fixture.ViewerOf[VisibilityMatrixFixture.Curator].Name);
    }

    [Theory, MemberData(nameof(Viewers))]
    public async Task The_review_queue_shows_curators_exactly_the_submitted_records_and_refuses_everyone_else(string viewer)
    {
        var client = fixture.EmailOf[viewer] is { } email ? await fixture.SignInAsync(email) : fixture.NewClient();

        var response = await client.GetAsync("/api/review?limit=500");

        if (viewer != VisibilityMatrixFixture.Curator)
        {
            Assert.Equal(viewer == VisibilityMatrixFixture.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Record", await response.Content.ReadAsStringAsync());
            return;
        }
        var page = await Json.ReadAsync(response);
        var listed = page["items"]!.AsArray().Select(i => (int)i!["id"]!).Where(AllSeeded.Contains).Order();
        Assert.Equal(ExpectedFor(viewer, "submitted"), listed);
        Assert.Equal(3, (int)page["total"]!);
    }
}
