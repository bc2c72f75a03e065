namespace HiringPlatform.ServiceDefaults.Http;

using System.Text;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

/// <summary>
/// The one rule for text anyone sends: no C0 control characters but tab, line feed and carriage
/// return (PostgreSQL cannot store NUL in jsonb, and nobody means the others), no unpaired
/// surrogate (it is not text: it cannot be encoded as UTF-8), and no string longer than
/// <see cref="DefaultMaxLength"/> characters unless the endpoint allows more
/// (<see cref="WithLongText{TBuilder}"/>). Field-specific limits (a name's 200 characters) stay with
/// each field's own validation; this rule is what every field has in common.
/// </summary>
public static class TextInput
{
    public const int DefaultMaxLength = 10_000;

    /// <summary>What is wrong with <paramref name="text"/>, or null when it is acceptable.</summary>
    public static string? Problem(string text, int maxLength = DefaultMaxLength)
    {
        if (text.Length > maxLength)
        {
            return $"At most {maxLength} characters (got {text.Length}).";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                return $"Control character U+{(int)c:X4} at position {i}: only tab, line feed and carriage return are allowed.";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"Unpaired surrogate U+{(int)c:X4} at position {i}: not valid Unicode text.";
            }
        }
        return null;
    }

    /// <summary>
    /// Every string (and property name) in a JSON body that breaks the rule, by its path as the
    /// validation errors name fields (<c>slots[0].notes</c>). Null when the body is not JSON that can
    /// be read: model binding then answers 400 naming where it broke.
    /// </summary>
    public static Dictionary<string, string[]>? Check(ReadOnlySpan<byte> json, int maxLength = DefaultMaxLength)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var path = new List<(string? Property, int Index)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Add((null, reader.TokenType == JsonTokenType.StartArray ? 0 : -1));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Read(ref reader, out var nameProblem);
                        path[^1] = (name ?? "?", -1);
                        nameProblem ??= name is null ? null : Problem(name, 200);
                        if (nameProblem is not null)
                        {
                            errors.TryAdd(Path(path), [$"Property name: {nameProblem}"]);
                        }
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        var value = Read(ref reader, out var valueProblem);
                        valueProblem ??= value is null ? null : Problem(value, maxLength);
                        if (valueProblem is not null)
                        {
                            errors.TryAdd(Path(path), [valueProblem]);
                        }
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return errors;
    }

    /// <summary>Lets an endpoint take longer strings than <see cref="DefaultMaxLength"/> (e.g. a whole calendar).</summary>
    public static TBuilder WithLongText<TBuilder>(this TBuilder builder, int maxLength) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LongTextAllowed(maxLength));

    private static string? Read(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        if (!reader.ValueIsEscaped && !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            problem = "Not valid UTF-8 text.";
            return null;
        }
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) or bytes that are not UTF-8.
            problem = "Not valid Unicode text (an unpaired surrogate or invalid UTF-8).";
            return null;
        }
    }

    // A value inside an array moves the array's index on; inside an object the property name already placed it.
    private static void Advance(List<(string? Property, int Index)> path)
    {
        if (path.Count > 0 && path[^1] is { Property: null, Index: >= 0 } array)
        {
            path[^1] = (null, array.Index + 1);
        }
    }

    private static string Path(List<(string? Property, int Index)> path)
    {
        var text = new StringBuilder();
        foreach (var (property, index) in path)
        {
            if (property is not null)
            {
                text.Append(text.Length == 0 ? "" : ".").Append(property);
            }
            else if (index > 0)
            {
                // Advance ran before the value, so the value's index is one less.
                text.Append('[').Append(index - 1).Append(']');
            }
        }
        return text.Length == 0 ? "body" : text.ToString();
    }
}

/// <summary>The endpoint takes strings up to this length (instead of <see cref="TextInput.DefaultMaxLength"/>).</summary>
public sealed record LongTextAllowed(int MaxLength);

/// <summary>
/// Applies <see cref="TextInput"/> to every request before an endpoint sees it: JSON bodies of
/// writes, query parameters and the Idempotency-Key. A breach is a 422 naming each field, and
/// nothing runs.
/// </summary>
public sealed class TextInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                if ((Problem(name) ?? Problem(value ?? "")) is { } problem)
                {
                    errors.TryAdd(name, [problem]);
                }
            }
        }
        if (context.Request.Headers.TryGetValue(Idempotency.IdempotencyMiddleware.Header, out var keys)
            && Problem(keys.ToString()) is { } keyProblem)
        {
            errors.TryAdd(Idempotency.IdempotencyMiddleware.Header, [keyProblem]);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && IsJson(context.Request.ContentType))
        {
            var maxLength = context.GetEndpoint()?.Metadata.GetMetadata<LongTextAllowed>()?.MaxLength ?? TextInput.DefaultMaxLength;
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            foreach (var (field, messages) in TextInput.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), maxLength) ?? [])
            {
                errors.TryAdd(field, messages);
            }
        }

        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var details = new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = ProblemTypes.Validation,
            Title = "The request is invalid",
            Detail = "Some text is not acceptable (control characters, unpaired surrogates or over-long); see errors. Nothing was changed.",
        };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    private static string? Problem(string text) => TextInput.Problem(text, TextInput.DefaultMaxLength);

    private static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}
