namespace HiringPlatform.Testing;

using System.Reflection;
using JasperFx.Events;

/// <summary>
/// Every write records who acted: each event type of a service carries a string Actor. The event
/// types are those its projections apply, plus every record named as a past-tense business fact.
/// </summary>
public static class ActorAudit
{
    public static IReadOnlyList<Type> EventTypes(Assembly service)
    {
        var records = service.GetTypes().Where(t => t.IsClass && !t.IsNested && t.GetMethod("<Clone>$") is not null).ToList();
        var projected = service.GetTypes()
            .Where(t => t.Name.EndsWith("Projection", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "Create" or "Apply" or "Project")
            .SelectMany(m => m.GetParameters().Take(1))
            .Select(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IEvent<>)
                ? p.ParameterType.GetGenericArguments()[0]
                : p.ParameterType);
        var facts = records.Where(t => t.Name.EndsWith("ed", StringComparison.Ordinal) || t.Name.EndsWith("Held", StringComparison.Ordinal));
        return [.. projected.Concat(facts).Where(t => t.Assembly == service).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The names of the service's event types without a string Actor property.</summary>
    public static IReadOnlyList<string> EventTypesWithoutActor(Assembly service) =>
        [.. EventTypes(service).Where(t => t.GetProperty("Actor")?.PropertyType != typeof(string)).Select(t => t.Name)];
}
