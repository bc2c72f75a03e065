using System.Text.Encodings.Web;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// The analyst dashboard of one report as one self-contained HTML page: the <see cref="DashboardDocument"/> component and
/// its sections, rendered to a string by ASP.NET Core's <see cref="HtmlRenderer"/> (static rendering: no browser, no
/// Blazor host, no script). Inline CSS and SVG only, no font or external resource, so it works under
/// <see cref="ContentSecurityPolicy"/>. Razor encodes every text from the model. Stable hooks for tests and tools:
/// sections have ids, and rows carry <c>data-interviewer</c>, <c>data-status</c>, <c>data-detector</c>,
/// <c>data-competency</c> and <c>data-candidate</c> attributes.
/// </summary>
public static class DashboardPage
{
    /// <summary>The policy the page is written for (serve it with this header).</summary>
    public const string ContentSecurityPolicy = ContentSecurityPolicies.SelfContainedPage;

    public const FlagStatus Actionable = FlagStatus.Actionable;
    public const FlagStatus Watch = FlagStatus.Watch;

    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton<HtmlEncoder>(PageEncoder.Instance)
        .BuildServiceProvider();

    /// <summary>Detectors that use demographic data: shown only to the compliance role (<see cref="ReportReader"/>).</summary>
    public static bool IsComplianceDetector(string detector) => ReportReader.IsGroupFinding(detector);

    /// <summary>
    /// The page as HTML. The components compute everything from their parameters and never await, so the render is
    /// complete when <see cref="HtmlRenderer.BeginRenderingComponent{TComponent}(ParameterView)"/> returns.
    /// </summary>
    public static string Render(DashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DashboardDocument.Model)] = model });
        var html = renderer.Dispatcher.InvokeAsync(() => renderer.BeginRenderingComponent<DashboardDocument>(parameters).ToHtmlString());
        return html.GetAwaiter().GetResult();
    }
}
