using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// How a caller proves who they are: the session cookie of POST /api/account/sign-in, or an API token (POST
/// /api/account/tokens) as a bearer token. Routes behind a policy need one of them; every other route is open to anyone
/// and shows a signed-in member more (their organisation's restricted records), so its requirement lists "none" first.
/// </summary>
public static class Security
{
    const string Session = "session";
    const string Token = "token";

    public static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AccountServices.SessionCookie,
            Description = "The session cookie set by POST /api/account/sign-in. Writes with it also need the header " +
                          $"{WebSecurity.AntiforgeryHeader} (GET /api/account/antiforgery).",
        };
        document.Components.SecuritySchemes[Token] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An API token from POST /api/account/tokens, as Authorization: Bearer <token> (no antiforgery header needed).",
        };
    }

    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var required = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var document = context.Document;
        List<OpenApiSecurityRequirement> requirements =
        [
            new() { [new OpenApiSecuritySchemeReference(Session, document)] = [] },
            new() { [new OpenApiSecuritySchemeReference(Token, document)] = [] },
        ];
        if (!required) requirements.Insert(0, new OpenApiSecurityRequirement());
        operation.Security = requirements;
        return Task.CompletedTask;
    }
}
