namespace HiringPlatform.ServiceDefaults.Http;

using System.Reflection;

/// <summary>
/// A text property that takes one of a closed set of values, named by the class that holds the set: its static
/// <c>All</c> (or the static member named), a list or array of strings. The OpenAPI documents describe the property as
/// that <c>enum</c>, so a generated client gets the values and a validator refuses any other; the set stays written
/// once, where the rule is.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ClosedSetAttribute(Type holder, string member = "All") : Attribute
{
    public Type Holder { get; } = holder;

    public string Member { get; } = member;

    /// <summary>The set's values, read from the holder's static member.</summary>
    public IReadOnlyList<string> Values() =>
        (Holder.GetField(Member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? Holder.GetProperty(Member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)) is IEnumerable<string> all
            ? [.. all]
            : throw new InvalidOperationException($"{Holder.Name} has no public static {Member} listing its values.");
}
