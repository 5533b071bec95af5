// The API reference (Swagger UI from the npm registry, served from wwwroot/lib): the whole API's OpenAPI document,
// and the OGC API's own at ?spec=ogc. No inline script or style, so it runs under the service's CSP.
const spec = new URLSearchParams(location.search).get("spec") === "ogc" ? "/ogc/api" : "/openapi/v1.json";
window.SwaggerUIBundle({ url: spec, dom_id: "#docs", deepLinking: true });
