namespace HiringPlatform.Calibration.Engine.Import;

/// <summary>The shipped blueprints of the known interview types (DOMAIN.md).</summary>
public static class ShippedBlueprints
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Competency, double Weight)>> ByType =
        new Dictionary<string, IReadOnlyList<(string, double)>>(StringComparer.Ordinal)
        {
            ["coding"] = [("algorithms", .5), ("maintainable-code", .4), ("communication", .1)],
            ["data-modeling"] = [("ml-code", .3), ("exploratory-data-analysis", .3), ("ml-methods", .3), ("communication", .1)],
            ["math-quiz"] = [("math-reasoning", .6), ("ml-methods", .4)],
            ["system-design"] = [("distributed-systems", .4), ("production-systems", .4), ("communication", .2)],
            ["ml-system-design"] = [("ml-systems", .35), ("product-judgment", .3), ("exploratory-data-analysis", .15), ("production-systems", .2)],
            ["project-deep-dive"] = [("seniority", .35), ("communication", .35), ("motivation", .3)],
            ["career-chat"] = [("growth-potential", .4), ("motivation", .3), ("culture-and-work-fit", .3)],
        };
}
