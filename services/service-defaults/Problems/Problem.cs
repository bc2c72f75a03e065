namespace HiringPlatform.ServiceDefaults.Problems;

using Microsoft.AspNetCore.Http;

/// <summary>The problem+json answers endpoints return for the outcomes they know about.</summary>
public static class Problem
{
    /// <summary>422 listing every invalid field with what is wrong with it.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(
            errors.ToDictionary(pair => pair.Key, pair => pair.Value),
            detail: detail ?? "The request has invalid fields; see errors.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The request is invalid",
            type: ProblemTypes.Validation);

    public static IResult NotFound(string what, object id) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"{what} not found",
            detail: $"No {what.ToLowerInvariant()} with id '{id}'.",
            type: ProblemTypes.NotFound);

    public static IResult Conflict(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The request conflicts with the current state",
            detail: detail,
            type: ProblemTypes.Conflict);
}
