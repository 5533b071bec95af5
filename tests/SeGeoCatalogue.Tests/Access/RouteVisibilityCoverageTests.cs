using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Tests.Coverage;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Dcat;
using SeGeoCatalogue.Tests.Exports;
using SeGeoCatalogue.Tests.Ogc;
using SeGeoCatalogue.Tests.Requests;
using SeGeoCatalogue.Tests.Demand;
using SeGeoCatalogue.Tests.GapReasons;

namespace SeGeoCatalogue.Tests.Access;

/// <summary>
/// Every GET endpoint under /api and /ogc must say how its visibility filtering is tested, so a new read
/// endpoint without a visibility test fails the suite. Extend the table when adding a read endpoint.
/// </summary>
public sealed class RouteVisibilityCoverageTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    const string NotDatasetData = "not dataset data";

    /// <summary>Route pattern (no trailing slash) → the test that checks its filtering by viewer, or why it needs none.</summary>
    static readonly Dictionary<string, string> VisibilityCoverage = new()
    {
        ["/api/admin-units"] = NotDatasetData,
        ["/api/admin-units/{pcode}"] = NotDatasetData,
        ["/api/admin-units/at"] = NotDatasetData,
        ["/api/admin-units/layers"] = NotDatasetData,
        ["/api/account/me"] = NotDatasetData,
        ["/api/account/session"] = NotDatasetData,
        ["/api/account/antiforgery"] = NotDatasetData,
        ["/api/account/tokens"] = NotDatasetData,
        ["/api/members"] = NotDatasetData,
        // Curators only; its lines name paths and statuses, never record contents.
        ["/api/audit"] = NotDatasetData,
        ["/api/admin-units/export"] = NotDatasetData,
        ["/api/vocabularies"] = NotDatasetData,
        ["/api/inventory/template.xlsx"] = NotDatasetData,
        ["/api/coverage"] = nameof(CoverageVisibilityTests.Coverage_gaps_and_grid_count_what_the_viewer_may_see_and_keep_sensitive_village_tracts_hidden),
        ["/api/gaps"] = nameof(CoverageVisibilityTests.Coverage_gaps_and_grid_count_what_the_viewer_may_see_and_keep_sensitive_village_tracts_hidden),
        ["/api/coverage/grid"] = nameof(CoverageVisibilityTests.Coverage_gaps_and_grid_count_what_the_viewer_may_see_and_keep_sensitive_village_tracts_hidden),
        ["/api/coverage/counts"] = nameof(CoverageCountsTests.Counts_equal_the_coverage_answer_for_every_unit_for_the_public_and_a_member),
        // Organisations are public: the holders named on public records.
        ["/api/organisations"] = NotDatasetData,
        ["/api/datasets"] = nameof(DatasetReadVisibilityTests.Every_dataset_read_endpoint_shows_each_viewer_exactly_the_records_the_rule_allows),
        ["/api/datasets/{id:int}"] = nameof(DatasetReadVisibilityTests.Every_dataset_read_endpoint_shows_each_viewer_exactly_the_records_the_rule_allows),
        ["/api/datasets/{id:int}/history"] = nameof(DatasetReadVisibilityTests.Every_dataset_read_endpoint_shows_each_viewer_exactly_the_records_the_rule_allows),
        ["/api/datasets/{id:int}/area"] = nameof(DatasetSearchTests.Hidden_records_are_404_and_a_sensitive_footprint_stays_hidden),
        ["/ogc"] = NotDatasetData,
        ["/ogc/conformance"] = NotDatasetData,
        ["/ogc/api"] = NotDatasetData,
        ["/ogc/collections/{collectionId}/queryables"] = NotDatasetData,
        ["/ogc/collections/{collectionId}/sortables"] = NotDatasetData,
        ["/ogc/collections"] = NotDatasetData,
        ["/ogc/collections/{collectionId}"] = nameof(OgcApiTests.The_datasets_collection_extent_covers_the_visible_records_and_their_reference_periods),
        ["/ogc/collections/{collectionId}/items"] = nameof(OgcApiTests.The_datasets_collection_holds_only_what_the_public_may_see),
        ["/ogc/collections/{collectionId}/items/{featureId}"] = nameof(OgcApiTests.A_record_with_a_restricted_footprint_shows_the_public_only_the_townships_it_touches),
        ["/api/datasets/export"] = nameof(ExportsTests.Restricted_records_appear_in_no_download_for_anonymous_callers),
        // f=xlsx: InventoryBadInputTests.The_xlsx_download_holds_exactly_the_records_the_CSV_download_holds_for_each_viewer
        ["/api/dcat"] = nameof(DcatTests.The_catalogue_lists_only_visible_records_and_pages_with_hydra_links),
        ["/api/3/action/{action}"] = nameof(Ckan.CkanApiTests.package_search_filters_by_q_and_fq_pages_and_sorts_and_shows_only_public_records_whoever_asks),
        ["/api/action/{action}"] = nameof(Ckan.CkanApiTests.package_show_and_package_list_give_CKAN_packages_with_resources_licence_and_spatial_extras),
        ["/api/datasets/{id:int}/dcat"] = nameof(DcatTests.Hidden_records_are_404_in_DCAT_and_schema_org),
        ["/api/datasets/{id:int}/schema-org"] = nameof(DcatTests.Hidden_records_are_404_in_DCAT_and_schema_org),
        ["/api/review"] = nameof(VisibilityMatrixTests.The_review_queue_shows_curators_exactly_the_submitted_records_and_refuses_everyone_else),
        ["/api/requests/{id:int}"] = nameof(RequestAccessMatrixTests.Who_sees_and_acts_on_a_request_of_a_member_of_A_for_a_record_of_B),
        ["/api/requests/inbox"] = nameof(RequestAccessMatrixTests.Who_sees_and_acts_on_a_request_of_a_member_of_A_for_a_record_of_B),
        ["/api/requests/mine"] = nameof(RequestAccessMatrixTests.Who_sees_and_acts_on_a_request_of_a_member_of_A_for_a_record_of_B),
        ["/api/requests/notifications"] = nameof(RequestLifeCycleTests.Without_smtp_each_step_leaves_a_notification_for_the_other_side_written_with_the_step),
        ["/api/requests/summary"] = nameof(RequestSummaryTests.The_summary_is_for_curators_only),
        // Signed-in only; dataset_id answers 404 for a record the viewer cannot see.
        ["/api/needs"] = nameof(DemandTests.A_record_shows_its_holder_the_needs_it_answers_its_sector_in_or_around_its_units),
        // Public (marks are not records and name no record); who marked shows as organisation and role only.
        ["/api/gap-marks"] = nameof(GapReasonTests.The_public_sees_marks_with_the_organisation_never_the_email),
    };

    [Fact]
    public void Every_GET_endpoint_under_api_and_ogc_names_the_test_of_its_visibility_filtering()
    {
        var reads = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => (e.RoutePattern.RawText ?? "").TrimEnd('/')) // a group's "/" route is listed without it
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) || p.StartsWith("/ogc", StringComparison.Ordinal))
            .Distinct().Order().ToList();

        var unlisted = reads.Where(p => !VisibilityCoverage.ContainsKey(p)).ToList();
        Assert.True(unlisted.Count == 0,
            $"These read endpoints have no visibility test listed in {nameof(VisibilityCoverage)}: {string.Join(", ", unlisted)}. " +
            "Add a test that checks what each viewer sees through them (see VisibilityMatrixTests) and list it.");
        var stale = VisibilityCoverage.Keys.Except(reads).ToList();
        Assert.True(stale.Count == 0, $"Listed but no longer mapped: {string.Join(", ", stale)}.");
    }
}
