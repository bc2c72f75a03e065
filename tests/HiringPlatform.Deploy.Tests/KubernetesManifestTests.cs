namespace HiringPlatform.Deploy.Tests;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

/// <summary>
/// deploy/kubernetes rendered (base and production) and checked without a cluster: every object
/// has the fields its kind requires, every reference resolves, and every image, port, probe,
/// environment variable and secret matches what the hosts expect and docker-compose.yml says.
/// </summary>
public sealed class KubernetesManifestTests
{
    public const string Base = "deploy/kubernetes/base";
    public const string Production = "deploy/kubernetes/overlays/production";
    private const string Namespace = "hiring-platform";
    private const string ConnectionsSecret = "hiring-connections";

    public static TheoryData<string> Renders() => [Base, Production];

    /// <summary>apiVersion per kind for every kind the manifests use (the operators' CRDs included).</summary>
    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["Namespace"] = "v1",
        ["Service"] = "v1",
        ["ConfigMap"] = "v1",
        ["Deployment"] = "apps/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
        ["PodDisruptionBudget"] = "policy/v1",
        ["NetworkPolicy"] = "networking.k8s.io/v1",
        ["Ingress"] = "networking.k8s.io/v1",
        ["RabbitmqCluster"] = "rabbitmq.com/v1beta1",
        ["Cluster"] = "postgresql.cnpg.io/v1",
        ["PrometheusRule"] = "monitoring.coreos.com/v1",
        ["ServiceMonitor"] = "monitoring.coreos.com/v1",
    };

    [Theory, MemberData(nameof(Renders))]
    public void Every_object_has_a_known_kind_its_apiVersion_a_name_and_the_platform_namespace(string dir)
    {
        var objects = Kustomize.Render(dir);
        Assert.NotEmpty(objects);
        foreach (var o in objects)
        {
            Assert.True(ApiVersions.TryGetValue(o.Kind, out var apiVersion), $"{o.Id} in {dir}: kind '{o.Kind}' is not one the tests know");
            Assert.Equal(apiVersion, o.ApiVersion);
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", o.Name);
            Assert.True(o.Name.Length <= 63, $"{o.Id}: name longer than 63");
            if (o.Kind == "Namespace")
            {
                Assert.Equal(Namespace, o.Name);
                Assert.Null(o.Namespace);
            }
            else
            {
                Assert.Equal(Namespace, o.Namespace);
            }
            Assert.Equal("hiring-platform", o.Get("metadata", "labels", "app.kubernetes.io/part-of"));
        }
        Assert.Equal(objects.Count, objects.Select(o => o.Id).Distinct().Count());
    }

    [Theory, MemberData(nameof(Renders))]
    public void Deployments_have_the_required_fields_selectors_that_match_their_pods_and_requests_on_every_container(string dir)
    {
        foreach (var deployment in Kustomize.Render(dir).Where(o => o.Kind == "Deployment"))
        {
            var selector = Map(deployment.Get("spec", "selector", "matchLabels"), $"{deployment.Id} spec.selector.matchLabels");
            var podLabels = Map(deployment.Get("spec", "template", "metadata", "labels"), $"{deployment.Id} pod labels");
            Assert.NotEmpty(selector);
            foreach (var (key, value) in selector)
            {
                Assert.True(podLabels.TryGetValue(key, out var label) && Equals(label, value),
                    $"{deployment.Id}: the selector {key}={value} does not match the pod template");
            }
            var containers = Kustomize.Containers(deployment.Node).ToList();
            Assert.NotEmpty(containers);
            foreach (var container in containers)
            {
                Assert.False(string.IsNullOrEmpty(container.GetValueOrDefault("name") as string), $"{deployment.Id}: a container has no name");
                Assert.False(string.IsNullOrEmpty(container.GetValueOrDefault("image") as string), $"{deployment.Id}: a container has no image");
                Assert.NotNull(Kustomize.Get(container, "resources", "requests", "cpu"));
                Assert.NotNull(Kustomize.Get(container, "resources", "requests", "memory"));
                Assert.NotNull(Kustomize.Get(container, "readinessProbe"));
                Assert.NotNull(Kustomize.Get(container, "livenessProbe"));
                foreach (var port in Kustomize.Maps(container.GetValueOrDefault("ports")))
                {
                    var number = Int(port["containerPort"]);
                    Assert.InRange(number, 1, 65535);
                }
            }
            foreach (var init in Kustomize.InitContainers(deployment.Node))
            {
                Assert.False(string.IsNullOrEmpty(init.GetValueOrDefault("image") as string), $"{deployment.Id}: an init container has no image");
                Assert.NotNull(Kustomize.Get(init, "resources", "requests", "cpu"));
                Assert.NotNull(Kustomize.Get(init, "resources", "requests", "memory"));
            }
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void Every_service_applies_its_schema_with_its_own_image_before_it_starts_and_the_gateway_has_none(string dir)
    {
        var objects = Kustomize.Render(dir);
        foreach (var host in Platform.Hosts)
        {
            var deployment = Single(objects, "Deployment", host.Name);
            var inits = Kustomize.InitContainers(deployment.Node).ToList();
            if (host.IsGateway)
            {
                Assert.Empty(inits);
                continue;
            }
            // Outside Development a host changes no schema at start (SchemaCommand): the init container must.
            var init = Assert.Single(inits);
            var container = Assert.Single(Kustomize.Containers(deployment.Node));
            Assert.Equal(container["image"], init["image"]);
            Assert.Equal(new object[] { "dotnet", host.Dll, "--apply-schema" }, Assert.IsType<List<object>>(init["command"]));
            Assert.True(SourceMentions("\"--apply-schema\""), "no host takes --apply-schema");
            var env = Env(init);
            var main = Env(container);
            Assert.Equal(main["ASPNETCORE_ENVIRONMENT"].Value, env["ASPNETCORE_ENVIRONMENT"].Value);
            foreach (var key in new[] { "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq" })
            {
                Assert.Equal(main[key].SecretName, env[key].SecretName);
                Assert.Equal(main[key].SecretKey, env[key].SecretKey);
            }
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void Every_host_is_a_Deployment_with_its_compose_image_port_8080_probes_on_the_health_endpoints_and_a_Service(string dir)
    {
        var objects = Kustomize.Render(dir);
        var compose = Compose.Load();
        foreach (var host in Platform.Hosts)
        {
            var deployment = Single(objects, "Deployment", host.Name);
            var container = Assert.Single(Kustomize.Containers(deployment.Node));
            var composeImage = Assert.IsType<string>(Kustomize.Get(compose.Document, "services", host.Name, "image"));
            var (image, _) = Kustomize.SplitImage((string)container["image"]);
            Assert.True(image == composeImage || image.EndsWith("/" + composeImage, StringComparison.Ordinal),
                $"{host.Name}: image {image} is not the compose image {composeImage} (from deploy/docker/Dockerfile), with or without a registry");
            Assert.Equal("deploy/docker/Dockerfile", compose.Service(host.Name).Dockerfile);

            var port = Assert.Single(Kustomize.Maps(container["ports"]));
            Assert.Equal(8080, Int(port["containerPort"]));
            Assert.Contains(8080, compose.Service(host.Name).ContainerPorts);
            var env = Env(container);
            Assert.Equal(compose.Service(host.Name).Environment["ASPNETCORE_URLS"], env["ASPNETCORE_URLS"].Value);
            Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"].Value);

            foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                Assert.Equal(path, Kustomize.Get(container, probe, "httpGet", "path"));
                Assert.Equal(8080, ResolvePort(container, Kustomize.Get(container, probe, "httpGet", "port")));
            }

            var service = Single(objects, "Service", host.Name);
            Assert.True(Selects(service.Get("spec", "selector"), deployment), $"Service {host.Name} does not select its Deployment's pods");
            var servicePort = Assert.Single(Kustomize.Maps(service.Get("spec", "ports")));
            Assert.Equal(8080, Int(servicePort["port"]));
            Assert.Equal(8080, ResolvePort(container, servicePort["targetPort"]));
            Assert.Equal("ClusterIP", service.Get("spec", "type") as string ?? "ClusterIP");
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void Every_host_has_the_telemetry_settings_and_every_service_its_connection_strings_from_one_Secret(string dir)
    {
        var objects = Kustomize.Render(dir);
        var compose = Compose.Load();
        var collector = Single(objects, "Service", "otel-collector");
        foreach (var host in Platform.Hosts)
        {
            var env = Env(Assert.Single(Kustomize.Containers(Single(objects, "Deployment", host.Name).Node)));
            Assert.Equal(host.Name, env["OTEL_SERVICE_NAME"].Value);
            Assert.Equal(compose.Service(host.Name).Environment["OTEL_SERVICE_NAME"], env["OTEL_SERVICE_NAME"].Value);
            var otlp = new Uri(env["OTEL_EXPORTER_OTLP_ENDPOINT"].Value!);
            Assert.Equal(collector.Name, otlp.Host);
            Assert.Contains(Kustomize.Maps(collector.Get("spec", "ports")), p => Int(p["port"]) == otlp.Port);

            // Every variable compose gives the host, Kubernetes gives it too (values differ: hosts, secrets).
            foreach (var key in compose.Service(host.Name).Environment.Keys)
            {
                Assert.True(env.ContainsKey(key), $"{dir}: {host.Name} lacks {key}, which docker-compose.yml sets");
            }
            foreach (var key in env.Keys.Where(k => !compose.Service(host.Name).Environment.ContainsKey(k)))
            {
                // Extra settings must be real configuration keys of the hosts.
                var configKey = key.Replace("__", ":", StringComparison.Ordinal);
                Assert.True(SourceMentions($"\"{configKey}\""), $"{host.Name} sets {key}, which no host reads ({configKey})");
            }

            if (host.IsGateway)
            {
                Assert.DoesNotContain(env.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
                continue;
            }
            foreach (var name in new[] { "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq" })
            {
                var variable = env[name];
                Assert.Null(variable.Value);
                Assert.Equal(ConnectionsSecret, variable.SecretName);
                Assert.Equal(name, variable.SecretKey);
            }
            // The names the services read: ConnectionStrings:postgres and ConnectionStrings:rabbitmq.
            Assert.True(SourceMentions("GetConnectionString(\"postgres\")") && SourceMentions("GetConnectionString(\"rabbitmq\")"));
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void The_gateway_routes_every_cluster_of_its_appsettings_to_the_Service_of_that_name(string dir)
    {
        var objects = Kustomize.Render(dir);
        var env = Env(Assert.Single(Kustomize.Containers(Single(objects, "Deployment", "gateway").Node)));
        using var settings = JsonDocument.Parse(Repository.Read("gateway/appsettings.json"));
        var clusters = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().ToList();
        Assert.NotEmpty(clusters);
        foreach (var cluster in clusters)
        {
            foreach (var destination in cluster.Value.GetProperty("Destinations").EnumerateObject())
            {
                var key = $"ReverseProxy__Clusters__{cluster.Name}__Destinations__{destination.Name}__Address";
                Assert.True(env.ContainsKey(key), $"the gateway does not set {key}");
                var address = new Uri(env[key].Value!);
                var service = Single(objects, "Service", address.Host);
                Assert.Contains(Kustomize.Maps(service.Get("spec", "ports")), p => Int(p["port"]) == address.Port);
                Assert.Equal(cluster.Name, address.Host);
            }
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void The_gateways_public_url_is_the_ingress_host_so_the_openapi_documents_name_a_reachable_server(string dir)
    {
        var objects = Kustomize.Render(dir);
        var env = Env(Assert.Single(Kustomize.Containers(Single(objects, "Deployment", "gateway").Node)));
        var publicUrl = new Uri(env["Gateway__PublicUrl"].Value!);
        var ingress = Single(objects, "Ingress", "gateway");

        Assert.Contains(publicUrl.Host, Kustomize.Maps(ingress.Get("spec", "rules")).Select(rule => rule["host"] as string));
        var tls = Kustomize.Maps(ingress.Get("spec", "tls")).SelectMany(t => Kustomize.Strings(t.GetValueOrDefault("hosts")));
        Assert.Equal(tls.Contains(publicUrl.Host) ? "https" : publicUrl.Scheme, publicUrl.Scheme);
        Assert.Equal("/", publicUrl.AbsolutePath);
    }

    [Theory, MemberData(nameof(Renders))]
    public void Every_host_has_an_autoscaler_and_a_disruption_budget_that_point_at_it(string dir)
    {
        var objects = Kustomize.Render(dir);
        foreach (var host in Platform.Hosts)
        {
            var deployment = Single(objects, "Deployment", host.Name);
            var hpa = Single(objects, "HorizontalPodAutoscaler", host.Name);
            Assert.Equal("Deployment", hpa.Get("spec", "scaleTargetRef", "kind"));
            Assert.Equal("apps/v1", hpa.Get("spec", "scaleTargetRef", "apiVersion"));
            Assert.Equal(host.Name, hpa.Get("spec", "scaleTargetRef", "name"));
            Assert.InRange(Int(hpa.Get("spec", "minReplicas")), 1, Int(hpa.Get("spec", "maxReplicas")));
            Assert.NotEmpty(Kustomize.Maps(hpa.Get("spec", "metrics")));

            var pdb = Single(objects, "PodDisruptionBudget", host.Name);
            Assert.True(Selects(pdb.Get("spec", "selector", "matchLabels"), deployment), $"PDB {host.Name} does not select its pods");
            Assert.True(pdb.Get("spec", "minAvailable") is null ^ pdb.Get("spec", "maxUnavailable") is null,
                $"PDB {host.Name} needs exactly one of minAvailable and maxUnavailable");
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void Only_the_gateway_is_exposed_and_everything_else_is_closed_by_network_policies(string dir)
    {
        var objects = Kustomize.Render(dir);
        Assert.All(objects.Where(o => o.Kind == "Service"),
            service => Assert.Equal("ClusterIP", service.Get("spec", "type") as string ?? "ClusterIP"));
        var ingress = Assert.Single(objects, o => o.Kind == "Ingress");
        var backends = Kustomize.Maps(ingress.Get("spec", "rules"))
            .SelectMany(rule => Kustomize.Maps(Kustomize.Get(rule, "http", "paths")))
            .Select(path => Kustomize.Get(path, "backend", "service")).ToList();
        Assert.NotEmpty(backends);
        foreach (var backend in backends)
        {
            Assert.Equal("gateway", Kustomize.Get(backend, "name"));
            var portName = Kustomize.Get(backend, "port", "name") as string;
            Assert.Contains(Kustomize.Maps(Single(objects, "Service", "gateway").Get("spec", "ports")), p => Equals(p["name"], portName));
        }

        var policies = objects.Where(o => o.Kind == "NetworkPolicy").ToList();
        Assert.All(policies, policy =>
        {
            Assert.NotNull(policy.Get("spec", "podSelector"));
            Assert.Contains("Ingress", Kustomize.Strings(policy.Get("spec", "policyTypes")));
        });
        Assert.Contains(policies, policy => Map(policy.Get("spec", "podSelector"), "podSelector").Count == 0
            && Kustomize.Get(policy.Node, "spec", "ingress") is null);

        // Traffic from outside the namespace (a namespaceSelector) reaches the gateway, the
        // operators' own targets and the collector's metrics port only; service pods take traffic
        // from the gateway alone.
        var outside = policies.Where(policy => Kustomize.Maps(policy.Get("spec", "ingress"))
            .SelectMany(rule => Kustomize.Maps(rule.GetValueOrDefault("from")))
            .Any(peer => peer.ContainsKey("namespaceSelector") || peer.ContainsKey("ipBlock"))).ToList();
        foreach (var policy in outside)
        {
            var selected = policy.Get("spec", "podSelector", "matchLabels") as Dictionary<object, object>;
            Assert.True(selected is not null && selected.Count > 0, $"{policy.Id} opens every pod to other namespaces");
            Assert.False(objects.Where(o => o.Kind == "Deployment" && o.Name is not ("gateway" or "otel-collector")).Any(d => Selects(selected, d)),
                $"{policy.Id} opens a service other than the gateway to other namespaces");
            if (objects.Any(o => o.Kind == "Deployment" && o.Name == "otel-collector" && Selects(selected, o)))
            {
                var ports = Kustomize.Maps(policy.Get("spec", "ingress")).SelectMany(rule => Kustomize.Maps(rule.GetValueOrDefault("ports")))
                    .Select(port => Int(port["port"])).ToList();
                Assert.True(ports.Count > 0 && ports.All(port => port == 8889), $"{policy.Id} opens the collector beyond its metrics port");
            }
        }
        foreach (var host in Platform.Services)
        {
            var deployment = Single(objects, "Deployment", host.Name);
            var rules = policies.Where(p => Selects(p.Get("spec", "podSelector", "matchLabels"), deployment)
                    && Map(p.Get("spec", "podSelector"), "podSelector").Count > 0)
                .SelectMany(p => Kustomize.Maps(p.Get("spec", "ingress"))).ToList();
            Assert.NotEmpty(rules);
            var peers = rules.SelectMany(rule => Kustomize.Maps(rule.GetValueOrDefault("from"))).ToList();
            Assert.All(peers, peer => Assert.Equal("gateway", Kustomize.Get(peer, "podSelector", "matchLabels", "app.kubernetes.io/name")));
        }
    }

    [Theory, MemberData(nameof(Renders))]
    public void RabbitMQ_is_a_three_node_operator_cluster_and_PostgreSQL_a_CloudNativePG_cluster_with_a_replica(string dir)
    {
        var objects = Kustomize.Render(dir);
        var rabbit = Assert.Single(objects, o => o.Kind == "RabbitmqCluster");
        Assert.Equal(3, Int(rabbit.Get("spec", "replicas")));
        Assert.NotNull(rabbit.Get("spec", "persistence", "storage"));
        var postgres = Assert.Single(objects, o => o.Kind == "Cluster");
        Assert.True(Int(postgres.Get("spec", "instances")) >= 2, "PostgreSQL needs a primary and at least one replica");
        Assert.Equal("hiring", postgres.Get("spec", "bootstrap", "initdb", "database"));
        Assert.NotNull(postgres.Get("spec", "storage", "size"));
        // Quorum queues: the services declare them when Messaging:QuorumQueues is on.
        foreach (var host in Platform.Services)
        {
            var env = Env(Assert.Single(Kustomize.Containers(Single(objects, "Deployment", host.Name).Node)));
            Assert.Equal("true", env["Messaging__QuorumQueues"].Value);
        }
        Assert.True(SourceMentions("SetQuorumQueue("), "no host declares quorum queues");
    }

    [Fact]
    public void The_production_overlay_runs_more_than_one_replica_of_every_host_and_pins_a_release_image()
    {
        var objects = Kustomize.Render(Production);
        foreach (var host in Platform.Hosts)
        {
            var deployment = Single(objects, "Deployment", host.Name);
            Assert.True(Int(deployment.Get("spec", "replicas")) > 1, $"production runs one replica of {host.Name}");
            Assert.True(Int(Single(objects, "HorizontalPodAutoscaler", host.Name).Get("spec", "minReplicas")) > 1,
                $"production lets the autoscaler take {host.Name} down to one replica");
            var (_, tag) = Kustomize.SplitImage((string)Assert.Single(Kustomize.Containers(deployment.Node))["image"]);
            Assert.False(tag is null or "latest", $"production runs {host.Name} without a release tag");
        }
        Assert.True(Int(Assert.Single(objects, o => o.Kind == "Cluster").Get("spec", "instances")) >= 3);
    }

    [Theory, MemberData(nameof(Renders))]
    public async Task The_tests_render_matches_kubectl_kustomize_when_kubectl_is_installed(string dir)
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            return; // No binary on this machine: the subset above is the render.
        }
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Repository.PathOf(dir));
        using var process = Process.Start(start)!;
        var reading = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return;
        }
        var output = await reading;
        var error = await errors;
        if (process.ExitCode != 0 && (error.Contains("not found", StringComparison.OrdinalIgnoreCase)
                                      || error.Contains("unknown command", StringComparison.OrdinalIgnoreCase)))
        {
            return; // A kubectl without kustomize.
        }
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {dir} failed: {error}");
        var theirs = Kustomize.ParseDocuments(output).Select(node => new K8sObject(node))
            .ToDictionary(o => o.Id, o => Kustomize.Canonical(o.Node));
        var ours = Kustomize.Render(dir).ToDictionary(o => o.Id, o => Kustomize.Canonical(o.Node));
        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        foreach (var (id, text) in theirs)
        {
            Assert.True(text == ours[id], $"{id} differs:{Environment.NewLine}kubectl: {text}{Environment.NewLine}tests:   {ours[id]}");
        }
    }

    private sealed record EnvVar(string? Value, string? SecretName, string? SecretKey);

    private static Dictionary<string, EnvVar> Env(Dictionary<object, object> container) =>
        Kustomize.Maps(container.GetValueOrDefault("env")).ToDictionary(
            e => (string)e["name"],
            e => new EnvVar(e.GetValueOrDefault("value") as string,
                Kustomize.Get(e, "valueFrom", "secretKeyRef", "name") as string,
                Kustomize.Get(e, "valueFrom", "secretKeyRef", "key") as string));

    private static K8sObject Single(IEnumerable<K8sObject> objects, string kind, string name)
    {
        var matches = objects.Where(o => o.Kind == kind && o.Name == name).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind}/{name}, found {matches.Count}");
        return matches[0];
    }

    private static Dictionary<object, object> Map(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"{what} is not a map");

    private static bool Selects(object? selector, K8sObject deployment)
    {
        if (selector is not Dictionary<object, object> labels || labels.Count == 0)
        {
            return false;
        }
        var podLabels = deployment.Get("spec", "template", "metadata", "labels") as Dictionary<object, object> ?? [];
        return labels.All(pair => podLabels.TryGetValue(pair.Key, out var value) && Equals(value, pair.Value));
    }

    private static int ResolvePort(Dictionary<object, object> container, object? port) => port switch
    {
        string name when !int.TryParse(name, out _) => Int(Kustomize.Maps(container["ports"]).Single(p => Equals(p["name"], name))["containerPort"]),
        _ => Int(port),
    };

    private static int Int(object? value) => int.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);

    private static readonly Lazy<string> Sources = new(() => string.Join("\n",
        new[] { "services", "gateway" }.Select(Repository.PathOf)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    private static bool SourceMentions(string text) => Sources.Value.Contains(text, StringComparison.Ordinal);
}
