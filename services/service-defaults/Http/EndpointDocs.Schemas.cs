namespace HiringPlatform.ServiceDefaults.Http;

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

/// <summary>Schemas exactly as the JSON is written (see <see cref="TransformSchema"/>).</summary>
public static partial class EndpointDocs
{
    /// <summary>
    /// Schemas exactly as the JSON is written: nulls are never written (WhenWritingNull), so a
    /// property that can be null is never required; a TimeOnly is written as <c>HH:mm:ss</c>, which
    /// is not the RFC 3339 <c>time</c> format (that needs an offset), so it is described by a pattern; a text property
    /// marked <see cref="ClosedSetAttribute"/> and every enum written as text is a string <c>enum</c>.
    /// </summary>
    public static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var (name, property) in properties)
            {
                if (IsNullable(property))
                {
                    required.Remove(name);
                }
            }
        }
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ClosedSetAttribute), inherit: true)
            is [ClosedSetAttribute closed, ..])
        {
            // A list of the set's values (e.g. event types) describes its items.
            var target = schema.Type is { } listType && listType.HasFlag(JsonSchemaType.Array) && schema.Items is OpenApiSchema items ? items : schema;
            target.Enum = [.. closed.Values().Select(value => (JsonNode)JsonValue.Create(value))];
            if (target.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            {
                target.Enum.Add(null!);
            }
        }
        if (schema.Enum is { Count: > 0 } values && schema.Type is null && values.All(v => v is JsonValue text && text.TryGetValue<string>(out _)))
        {
            schema.Type = JsonSchemaType.String;
        }
        if (schema.Format == "time")
        {
            schema.Format = null;
            schema.Pattern = @"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,7})?)?$";
        }
        return Task.CompletedTask;
    }

    private static readonly System.Reflection.NullabilityInfoContext Nullability = new();

    /// <summary>
    /// An inline schema made for a type (a oneOf alternative) has lost which properties are nullable: the type tells,
    /// property by property, down through the platform's own nested records and lists of them.
    /// </summary>
    private static void NotRequiredWhenNullable(IOpenApiSchema? candidate, Type type)
    {
        if (candidate is not OpenApiSchema schema || schema.Properties is null)
        {
            return;
        }
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (Nullable.GetUnderlyingType(property.PropertyType) is not null
                || Nullability.Create(property).ReadState == System.Reflection.NullabilityState.Nullable)
            {
                schema.Required?.Remove(name);
            }
            if (!schema.Properties.TryGetValue(name, out var inner) || property.PropertyType.Namespace?.StartsWith("HiringPlatform", StringComparison.Ordinal) != true
                && !property.PropertyType.IsGenericType)
            {
                continue;
            }
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var item]
                && item.Namespace?.StartsWith("HiringPlatform", StringComparison.Ordinal) == true)
            {
                NotRequiredWhenNullable((inner as OpenApiSchema)?.Items, item);
            }
            else if (!property.PropertyType.IsGenericType)
            {
                NotRequiredWhenNullable(inner, property.PropertyType);
            }
        }
    }

    private static void NotRequiredWhenNullable(IOpenApiSchema? candidate, HashSet<OpenApiSchema> seen)
    {
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var (name, property) in properties.Where(p => IsNullable(p.Value)))
            {
                required.Remove(name);
            }
        }
        foreach (var inner in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties))
        {
            NotRequiredWhenNullable(inner, seen);
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(alternative => alternative.Type is JsonSchemaType.Null);
}
