using System.Text.Json.Nodes;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ckan;

/// <summary>
/// CKAN's action API envelope: <c>{help, success: true, result}</c>, and its errors <c>{help, success: false,
/// error: {__type, message}}</c> with CKAN's status codes (400 unknown action, 404 not found, 409 validation or search error).
/// Harvesters and ckanapi read these shapes, not ProblemDetails, so this API alone answers with them.
/// </summary>
public static class CkanReply
{
    public static IResult Ok(HttpRequest request, string action, JsonNode? result) =>
        Json(new JsonObject { ["help"] = Help(request, action), ["success"] = true, ["result"] = result }, StatusCodes.Status200OK);

    public static IResult NotFound(HttpRequest request, string action, string message) =>
        Error(request, action, StatusCodes.Status404NotFound, "Not Found Error", message);

    /// <summary>A bad parameter: CKAN names the field beside the message ({"rows": ["…"]}).</summary>
    public static IResult Invalid(HttpRequest request, string action, string field, string message) =>
        Error(request, action, StatusCodes.Status409Conflict, "Validation Error", message, new JsonObject { [field] = new JsonArray(message) });

    public static IResult SearchError(HttpRequest request, string action, string message) =>
        Error(request, action, StatusCodes.Status409Conflict, "Search Query Error", message);

    public static IResult UnknownAction(HttpRequest request, string action) =>
        Error(request, action, StatusCodes.Status400BadRequest, "Bad Request",
            $"Bad request - Action name not known: {action}. Served here (read only, public records): {string.Join(", ", CkanApi.Actions)}.");

    static IResult Error(HttpRequest request, string action, int status, string type, string message, JsonObject? fields = null)
    {
        var error = new JsonObject { ["__type"] = type, ["message"] = message };
        foreach (var (name, value) in fields ?? []) error[name] = value?.DeepClone();
        return Json(new JsonObject { ["help"] = Help(request, action), ["success"] = false, ["error"] = error }, status);
    }

    static string Help(HttpRequest request, string action) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/3/action/help_show?name={Uri.EscapeDataString(action)}";

    static IResult Json(JsonObject body, int status) =>
        Results.Text(body.ToJsonString(JsonConventions.Options), "application/json; charset=utf-8", statusCode: status);
}
