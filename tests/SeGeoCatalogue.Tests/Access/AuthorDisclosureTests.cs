using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>
/// Sign-in addresses are personal: the public sees who wrote a record as an organisation and a role; names and
/// e-mails only members of the author's organisation and curators.
/// </summary>
public sealed partial class AuthorDisclosureTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    /// <summary>Every GET route under /api and /ogc → a URL that exercises it ({0} = the record id).</summary>
    static readonly Dictionary<string, string[]> Routes = new()
    {
        ["/api/admin-units"] = ["/api/admin-units?level=state&geometry=none"],
        ["/api/admin-units/{pcode}"] = ["/api/admin-units/MMR011?geometry=none"],
        ["/api/admin-units/at"] = ["/api/admin-units/at?lon=97.63&lat=16.47"],
        ["/api/admin-units/layers"] = ["/api/admin-units/layers"],
        ["/api/admin-units/export"] = ["/api/admin-units/export?level=state&f=csv"],
        ["/api/account/me"] = ["/api/account/me"],
        ["/api/account/session"] = ["/api/account/session"],
        ["/api/account/antiforgery"] = ["/api/account/antiforgery"],
        ["/api/account/tokens"] = ["/api/account/tokens"],
        ["/api/members"] = ["/api/members"],
        ["/api/audit"] = ["/api/audit"],
        ["/api/review"] = ["/api/review"],
        ["/api/vocabularies"] = ["/api/vocabularies"],
        ["/api/organisations"] = ["/api/organisations"],
        ["/api/gap-marks"] = ["/api/gap-marks"],
        ["/api/inventory/template.xlsx"] = ["/api/inventory/template.xlsx"],
        ["/api/coverage"] = ["/api/coverage?level=township&geometry=none"],
        ["/api/gaps"] = ["/api/gaps?level=township&geometry=none"],
        ["/api/coverage/grid"] = ["/api/coverage/grid?level=township", "/api/coverage/grid?level=township&f=csv"],
        ["/api/coverage/counts"] = ["/api/coverage/counts?level=township", "/api/coverage/counts?level=village-tract&sector=wash"],
        ["/api/datasets"] = ["/api/datasets", "/api/datasets?q=rainfall"],
        ["/api/datasets/{id:int}"] = ["/api/datasets/{0}"],
        ["/api/datasets/{id:int}/history"] = ["/api/datasets/{0}/history"],
        ["/api/datasets/{id:int}/area"] = ["/api/datasets/{0}/area?geometry=none"],
        ["/api/datasets/export"] = ["/api/datasets/export?f=csv", "/api/datasets/export?f=geojson", "/api/datasets/export?f=gpkg"],
        ["/api/dcat"] = ["/api/dcat"],
        ["/api/datasets/{id:int}/dcat"] = ["/api/datasets/{0}/dcat"],
        ["/api/datasets/{id:int}/schema-org"] = ["/api/datasets/{0}/schema-org"],
        ["/api/3/action/{action}"] = ["/api/3/action/package_search?rows=1000", "/api/3/action/package_show?id={0}",
                                      "/api/3/action/organization_list?all_fields=true", "/api/3/action/organization_show?id=1&include_datasets=true"],
        ["/api/action/{action}"] = ["/api/action/package_list"],
        ["/ogc"] = ["/ogc"],
        ["/ogc/conformance"] = ["/ogc/conformance"],
        ["/ogc/api"] = ["/ogc/api"],
        ["/ogc/collections/{collectionId}/queryables"] = ["/ogc/collections/datasets/queryables"],
        ["/ogc/collections/{collectionId}/sortables"] = ["/ogc/collections/catalogue/sortables"],
        ["/ogc/collections"] = ["/ogc/collections"],
        ["/ogc/collections/{collectionId}"] = ["/ogc/collections/datasets"],
        ["/ogc/collections/{collectionId}/items"] = ["/ogc/collections/datasets/items", "/ogc/collections/catalogue/items", "/ogc/collections/coverage-wash-township/items?limit=5"],
        ["/ogc/collections/{collectionId}/items/{featureId}"] = ["/ogc/collections/datasets/items/{0}", "/ogc/collections/catalogue/items/{0}"],
        ["/api/requests/inbox"] = ["/api/requests/inbox"],
        ["/api/requests/mine"] = ["/api/requests/mine"],
        ["/api/requests/{id:int}"] = ["/api/requests/1"],
        ["/api/requests/notifications"] = ["/api/requests/notifications"],
        ["/api/requests/summary"] = ["/api/requests/summary", "/api/requests/summary?f=csv"],
        ["/api/needs"] = ["/api/needs", "/api/needs?dataset_id={0}"],
    };

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();

    [Fact]
    public async Task No_response_of_any_GET_route_shows_an_anonymous_visitor_an_email_address()
    {
        var (id, emails) = await PublishedRecordWithHistoryAsync();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => (e.RoutePattern.RawText ?? "").TrimEnd('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) || p.StartsWith("/ogc", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Empty(mapped.Except(Routes.Keys));

        var anonymous = fixture.NewClient();
        var leaks = new List<string>();
        foreach (var url in Routes.Values.SelectMany(u => u).Select(u => string.Format(System.Globalization.CultureInfo.InvariantCulture, u, id)))
        {
            var response = await anonymous.GetAsync(url);
            var body = Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            foreach (Match m in EmailAddress().Matches(body + "\n" + headers)) leaks.Add($"{url}: {m.Value}");
            foreach (var email in new[] { emails.Member, emails.Curator }.Where(e => body.Contains(e, StringComparison.OrdinalIgnoreCase))) leaks.Add($"{url}: {email}");
        }
        Assert.True(leaks.Count == 0, "E-mail addresses shown to an anonymous visitor:\n" + string.Join("\n", leaks.Distinct()));

        // What the public does see: the organisation and the role.
        var record = JsonNode.Parse(await anonymous.GetStringAsync($"/api/datasets/{id}"))!;
        Assert.Equal("member", (string)record["created_by"]!["role"]!);
        Assert.StartsWith("Rainfall holder", (string)record["created_by"]!["organisation"]!);
        Assert.Equal("curator", (string)record["updated_by"]!["role"]!);
        var history = JsonNode.Parse(await anonymous.GetStringAsync($"/api/datasets/{id}/history"))!.AsArray();
        Assert.Equal(["updated", "published", "submitted", "created"], history.Select(h => (string)h!["action"]!));
        Assert.Equal(["curator", "curator", "member", "member"], history.Select(h => (string)h!["changed_by"]!["role"]!));
    }

    [Theory]
    [InlineData("same-organisation member", true)]
    [InlineData("other-organisation member", false)]
    [InlineData("curator", true)]
    public async Task Names_and_emails_of_authors_are_shown_only_to_their_organisation_and_curators(string viewer, bool seesNames)
    {
        var (id, emails) = await PublishedRecordWithHistoryAsync();
        var holder = await fixture.App.ScalarAsync<int>("SELECT holder_id FROM datasets WHERE id = @id", ("id", id));
        var client = fixture.NewClient();
        client.Authorize(viewer switch
        {
            "same-organisation member" => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, holder),
            "other-organisation member" => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Member, await fixture.CreateOrganisationAsync("Reader")),
            _ => await TestAccounts.TokenAsync(fixture.App.Services, Roles.Curator, null),
        });

        var record = JsonNode.Parse(await client.GetStringAsync($"/api/datasets/{id}"))!;
        var history = await client.GetStringAsync($"/api/datasets/{id}/history");

        Assert.Equal(seesNames ? emails.Member : null, (string?)record["created_by"]!["email"]);
        Assert.Equal(seesNames, history.Contains(emails.Member, StringComparison.Ordinal));
        // A curator's name is for curators; members of an organisation see their own colleagues only.
        Assert.Equal(viewer == "curator", history.Contains(emails.Curator, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_shows_labels_and_readable_values_not_codes_or_fingerprints()
    {
        var (id, _) = await PublishedRecordWithHistoryAsync();

        var history = JsonNode.Parse(await fixture.NewClient().GetStringAsync($"/api/datasets/{id}/history"))!.AsArray();
        var created = history.Single(h => (string)h!["action"]! == "created")!["changes"]!.AsArray();
        JsonNode Change(string field) => created.Single(c => (string)c!["field"]! == field)!;

        Assert.Equal("Sectors", (string)Change("sectors")["label"]!);
        Assert.Equal(["8 Food security", "7 WASH"], Change("sectors")["new"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("Holder", (string)Change("holder_id")["label"]!);
        Assert.StartsWith("Rainfall holder", (string)Change("holder_id")["new"]!);
        Assert.Equal("Household/individual", (string)Change("disaggregation_level")["new"]!);
        Assert.Equal("Household survey", (string)Change("methods")["new"]![0]!);
        var footprint = (string)Change("area.footprint")["new"]!;
        Assert.Contains("5 vertices", footprint);
        var text = history.ToJsonString();
        Assert.DoesNotContain("fingerprint", text);
        Assert.DoesNotContain("\"food-security\"", text);
        Assert.DoesNotContain("\"household-survey\"", text);
    }

    /// <summary>A member creates and submits a record with a footprint; a curator publishes it as public and edits it.</summary>
    async Task<(int Id, (string Member, string Curator) Emails)> PublishedRecordWithHistoryAsync()
    {
        var holder = await fixture.CreateOrganisationAsync("Rainfall holder");
        var memberEmail = fixture.UniqueEmail("rain.member");
        var curatorEmail = fixture.UniqueEmail("rain.curator");
        await fixture.CreateUserAsync(memberEmail, Roles.Member, holder);
        await fixture.CreateUserAsync(curatorEmail, Roles.Curator, null);
        var member = await fixture.SignInAsync(memberEmail);
        var curator = await fixture.SignInAsync(curatorEmail);

        var body = DatasetTestApp.Body(holder, "Rainfall stations", new JsonObject
        {
            ["pcodes"] = new JsonArray("MMR011001"), ["footprint"] = DatasetTestApp.Box(97.60, 16.45, 97.66, 16.50),
        });
        body["sectors"] = new JsonArray("food-security", "wash");
        body["contact"] = "Rainfall desk";
        var created = await member.PostAsJsonAsync("/api/datasets", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (int)(await Json.ReadAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/datasets/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await curator.PostAsJsonAsync($"/api/datasets/{id}/publish", new { visibility = "public" })).StatusCode);
        var etag = (await curator.GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag;
        body["title"] = "Rainfall stations 2015";
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        var edited = await curator.SendAsync(put);
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        return (id, (memberEmail, curatorEmail));
    }
}
