namespace HiringPlatform.ServiceDefaults.Idempotency;

using System.Security.Cryptography;
using System.Text;
using HiringPlatform.ServiceDefaults.Problems;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

/// <summary>
/// What a POST with an <c>Idempotency-Key</c> answered, kept per caller and key: the same key with
/// the same request replays the first answer; with a different request it is refused (422); while
/// the first is still running, a second is told so (409). A record is kept for
/// <see cref="IdempotencyOptions.Retention"/> (24 h by default): past it the key is forgotten, and
/// <see cref="IdempotencyPurge"/> deletes it.
/// </summary>
public sealed record IdempotentRequest(
    string Id,
    string RequestHash,
    bool Completed,
    int StatusCode,
    string? ContentType,
    string? Location,
    byte[]? Body,
    DateTimeOffset CreatedAt,
    string? ETag = null,
    bool BodyProtected = false,
    string? Path = null);

public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;
    private const int MaxStoredBody = 256 * 1024;

    /// <summary>The purpose stored answers are encrypted under: they may carry personal data or a secret shown once.</summary>
    public const string BodyPurpose = "HiringPlatform.Idempotency.ResponseBody.v1";

    public async Task InvokeAsync(HttpContext context, IDocumentStore store, IProblemDetailsService problems, TimeProvider clock,
        IOptions<IdempotencyOptions> options, IDataProtectionProvider protection)
    {
        var protector = protection.CreateProtector(BodyPurpose);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || values.Count != 1)
        {
            await Problem(context, problems, StatusCodes.Status400BadRequest, ProblemTypes.MalformedRequest,
                $"{Header} must be one value of 1 to {MaxKeyLength} characters.");
            return;
        }

        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(
            [.. Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n"), .. buffer.ToArray()]));
        var caller = context.User.FindFirst("sub")?.Value ?? Actors.Anonymous;
        var id = $"{caller}\n{key}";

        await using (var session = store.LightweightSession())
        {
            if (await session.LoadAsync<IdempotentRequest>(id, context.RequestAborted) is { } existing)
            {
                if (!options.Value.IsExpired(existing, clock.GetUtcNow()))
                {
                    await Answer(context, problems, existing, requestHash, protector);
                    return;
                }
                // Past the retention the key is forgotten (the purge may not have run yet): this is a new request.
                session.Delete(existing);
                await session.SaveChangesAsync(context.RequestAborted);
            }
            session.Insert(new IdempotentRequest(id, requestHash, false, 0, null, null, null, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(context.RequestAborted);
            }
            catch (DocumentAlreadyExistsException)
            {
                await Problem(context, problems, StatusCodes.Status409Conflict, ProblemTypes.RequestInProgress,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
                return;
            }
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            context.Response.Body = original;
            await using var session = store.LightweightSession();
            if (completed && context.Response.StatusCode < 500 && captured.Length <= MaxStoredBody)
            {
                session.Store(new IdempotentRequest(id, requestHash, true, context.Response.StatusCode, context.Response.ContentType,
                    context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    protector.Protect(captured.ToArray()), clock.GetUtcNow(),
                    context.Response.Headers.ETag.ToString() is { Length: > 0 } tag ? tag : null, BodyProtected: true,
                    Path: context.Request.Path.Value));
            }
            else
            {
                // A failure is not an answer to replay: the client may retry with the same key.
                session.Delete<IdempotentRequest>(id);
            }
            await session.SaveChangesAsync(CancellationToken.None);
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task Answer(HttpContext context, IProblemDetailsService problems, IdempotentRequest existing, string requestHash,
        IDataProtector protector)
    {
        if (existing.RequestHash != requestHash)
        {
            await Problem(context, problems, StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused,
                "This Idempotency-Key was used for a different request; use a new key for a new request.");
            return;
        }
        if (!existing.Completed)
        {
            await Problem(context, problems, StatusCodes.Status409Conflict, ProblemTypes.RequestInProgress,
                "A request with this Idempotency-Key is still being processed; retry shortly.");
            return;
        }
        context.Response.StatusCode = existing.StatusCode;
        context.Response.Headers[ReplayedHeader] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }
        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }
        if (existing.ETag is not null)
        {
            context.Response.Headers.ETag = existing.ETag;
        }
        if (existing.Body is { Length: > 0 } body)
        {
            // Records stored before answers were encrypted replay as they were kept.
            await context.Response.Body.WriteAsync(existing.BodyProtected ? protector.Unprotect(body) : body, context.RequestAborted);
        }
    }

    private static async Task Problem(HttpContext context, IProblemDetailsService problems, int status, string type, string detail)
    {
        context.Response.StatusCode = status;
        if (type == ProblemTypes.RequestInProgress)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = "Idempotency-Key", Detail = detail },
        });
    }
}
