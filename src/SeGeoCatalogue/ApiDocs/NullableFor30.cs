using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>
/// OpenAPI 3.0 has no null type, only <c>nullable: true</c> beside a type. The generator writes a nullable value that
/// also reads from a string (int? with number handling) or a nullable object as anyOf/oneOf with a branch that is only
/// null, which 3.0 cannot express (a bare nullable). Here the null branch goes and the other branches (or, for a
/// reference, an allOf wrapper of type object) carry nullable instead: the same values, valid 3.0.
/// </summary>
public static class NullableFor30
{
    /// <summary>Rewrites every schema of the finished document (the null branches of references are only added at the end).</summary>
    public static void Apply(OpenApiDocument document)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? []) Walk(schema, seen);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? []) Walk(parameter.Schema, seen);
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? []) Walk(media.Schema, seen);
            foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
                foreach (var media in response.Content?.Values.AsEnumerable() ?? []) Walk(media.Schema, seen);
        }
    }

    static void Walk(IOpenApiSchema? node, HashSet<OpenApiSchema> seen)
    {
        if (node is not OpenApiSchema schema || !seen.Add(schema)) return;
        Rewrite(schema);
        foreach (var child in (schema.Properties?.Values.AsEnumerable() ?? [])
                     .Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
                     .Append(schema.Items).Append(schema.AdditionalProperties))
            Walk(child, seen);
    }

    static void Rewrite(OpenApiSchema schema)
    {
        // A number the service also reads from a string ("12"): documented as the number alone, which every client sends.
        if (schema.Type is { } flags && flags.HasFlag(JsonSchemaType.String)
            && (flags.HasFlag(JsonSchemaType.Integer) || flags.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = flags & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        var nullable = schema.Type is { } t && t.HasFlag(JsonSchemaType.Null);
        nullable |= Drop(schema.AnyOf) | Drop(schema.OneOf);
        var branches = schema.AnyOf is { Count: > 0 } ? schema.AnyOf : schema.OneOf;
        if (!nullable || branches is not { Count: > 0 } || schema.Type is { } own && (own & ~JsonSchemaType.Null) != 0) return;

        schema.Type = null;
        if (branches.All(b => b is OpenApiSchema { Type: not null }))
        {
            foreach (var b in branches.Cast<OpenApiSchema>()) b.Type |= JsonSchemaType.Null;
            return;
        }
        // References (an object such as AreaInput): nullable object, all of the reference.
        schema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
        schema.AllOf = [.. branches];
        schema.AnyOf = null;
        schema.OneOf = null;
    }

    static bool Drop(IList<IOpenApiSchema>? branches)
    {
        if (branches is null) return false;
        var nulls = branches.Where(IsOnlyNull).ToList();
        foreach (var n in nulls) branches.Remove(n);
        return nulls.Count > 0;
    }

    static bool IsOnlyNull(IOpenApiSchema s) => s is OpenApiSchema o && (o.Type == JsonSchemaType.Null || (o.Type is null && IsNull(o.Enum)));

    static bool IsNull(IList<JsonNode>? values) => values is [var only] && (only is null || only.GetValueKind() == System.Text.Json.JsonValueKind.Null);
}
