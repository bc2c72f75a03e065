namespace HiringPlatform.Deploy.Tests;

using System.Text.RegularExpressions;

/// <summary>
/// The production overlay's PrometheusRule alerts on the symptoms docs/operations.md names, only on metrics that page
/// documents (in their Prometheus names), and every alert is named in that page.
/// </summary>
public sealed partial class AlertRuleTests
{
    private static readonly string Operations = Repository.Read("docs/operations.md");

    /// <summary>Each documented instrument under the names the collector's Prometheus exporter gives it.</summary>
    private static HashSet<string> PrometheusNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match row in DocumentedRow().Matches(Operations))
        {
            var name = row.Groups[1].Value.Replace('.', '_') + (row.Groups[3].Value == "s" ? "_seconds" : "");
            switch (row.Groups[2].Value)
            {
                case "counter":
                    names.Add(name + "_total");
                    break;
                case "histogram":
                    names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                    break;
                default:
                    names.Add(name);
                    break;
            }
        }
        return names;
    }

    private static List<Dictionary<object, object>> Rules()
    {
        var rule = Assert.Single(Kustomize.Render(KubernetesManifestTests.Production), o => o.Kind == "PrometheusRule");
        var groups = Assert.IsType<List<object>>(rule.Get("spec", "groups"));
        return groups.Cast<Dictionary<object, object>>()
            .SelectMany(group => Assert.IsType<List<object>>(group["rules"]).Cast<Dictionary<object, object>>())
            .ToList();
    }

    [Fact]
    public void Every_alert_uses_only_documented_metrics_has_a_duration_a_severity_a_summary_and_a_runbook()
    {
        var documented = PrometheusNames();
        Assert.True(documented.Count >= 20, $"docs/operations.md documents {documented.Count} Prometheus series");
        foreach (var rule in Rules())
        {
            var alert = rule["alert"] as string ?? "";
            Assert.Matches("^Hiring[A-Z][A-Za-z]+$", alert);
            var expr = Assert.IsType<string>(rule["expr"]);
            var metrics = MetricName().Matches(expr).Select(m => m.Value).Distinct().ToList();
            Assert.NotEmpty(metrics);
            foreach (var metric in metrics)
            {
                Assert.True(documented.Contains(metric), $"{alert}: {metric} is not a documented metric's Prometheus name");
            }
            Assert.Matches("^[0-9]+[mh]$", Assert.IsType<string>(rule["for"]));
            var labels = Assert.IsType<Dictionary<object, object>>(rule["labels"]);
            Assert.Contains(labels["severity"] as string, new[] { "warning", "critical" });
            var annotations = Assert.IsType<Dictionary<object, object>>(rule["annotations"]);
            Assert.False(string.IsNullOrWhiteSpace(annotations["summary"] as string), $"{alert} has no summary");
            Assert.StartsWith("docs/operations.md#", annotations["runbook"] as string ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_symptom_of_the_operations_page_has_an_alert_and_each_alert_is_named_there()
    {
        var rules = Rules();
        var alerts = rules.Select(rule => (string)rule["alert"]).ToList();
        Assert.Equal(alerts.Count, alerts.Distinct().Count());
        foreach (var alert in alerts)
        {
            Assert.Contains($"`{alert}`", Operations, StringComparison.Ordinal);
        }
        foreach (var symptom in new[] { "stuck unscheduled", "overdue", "_error", "projection behind" })
        {
            Assert.True(rules.Any(rule => ((Dictionary<object, object>)rule["annotations"])["runbook"] is string runbook
                    && runbook.Contains(symptom, StringComparison.Ordinal)),
                $"no alert's runbook points at the symptom '{symptom}'");
        }
        // Only the production overlay has it: the base needs no Prometheus Operator.
        Assert.DoesNotContain(Kustomize.Render(KubernetesManifestTests.Base), o => o.Kind == "PrometheusRule");
    }

    [Fact]
    public void Prometheus_scrapes_the_port_where_the_collector_exports_the_platforms_metrics()
    {
        var objects = Kustomize.Render(KubernetesManifestTests.Production);
        var config = Assert.Single(Kustomize.ParseDocuments(Assert.IsType<string>(
            Assert.Single(objects, o => o.Kind == "ConfigMap" && o.Name == "otel-collector").Get("data", "config.yaml"))));
        var endpoint = Assert.IsType<string>(Kustomize.Get(config, "exporters", "prometheus", "endpoint"));
        var port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("prometheus", Kustomize.Strings(Kustomize.Get(config, "service", "pipelines", "metrics", "exporters")));

        var monitor = Assert.Single(objects, o => o.Kind == "ServiceMonitor");
        var service = Assert.Single(objects, o => o.Kind == "Service" && o.Name == "otel-collector");
        Assert.Equal("otel-collector", Kustomize.Get(monitor.Get("spec", "selector", "matchLabels"), "app.kubernetes.io/name"));
        Assert.Equal("otel-collector", Kustomize.Get(service.Node, "metadata", "labels", "app.kubernetes.io/name"));
        var scraped = Assert.Single(Kustomize.Maps(monitor.Get("spec", "endpoints")))["port"];
        var servicePort = Assert.Single(Kustomize.Maps(service.Get("spec", "ports")), p => Equals(p["name"], scraped));
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(servicePort["port"], System.Globalization.CultureInfo.InvariantCulture));
        // The monitoring namespace reaches that port of the collector.
        Assert.Contains(objects, o => o.Kind == "NetworkPolicy"
            && Equals(Kustomize.Get(o.Node, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"), "otel-collector")
            && Kustomize.Maps(o.Get("spec", "ingress")).Any(rule =>
                Kustomize.Maps(rule.GetValueOrDefault("from")).Any(peer => peer.ContainsKey("namespaceSelector"))
                && Kustomize.Maps(rule.GetValueOrDefault("ports")).Any(p => Convert.ToString(p["port"], System.Globalization.CultureInfo.InvariantCulture) == port.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [GeneratedRegex(@"^\| `(hiring\.[a-z_.]+)` \| (counter|histogram|gauge) \| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    [GeneratedRegex(@"\bhiring_[a-z_]+")]
    private static partial Regex MetricName();
}
