namespace HiringPlatform.Deploy.Tests;

using System.Globalization;

/// <summary>docker-compose.yml cannot run on a machine without Docker; these tests read it instead.</summary>
public sealed class DockerComposeTests
{
    private readonly Compose _compose = Compose.Load();

    [Theory]
    [MemberData(nameof(Platform.HostNames), MemberType = typeof(Platform))]
    public void Every_host_is_built_from_its_own_project_with_the_assembly_that_project_builds(string name)
    {
        var host = Platform.Named(name);
        var service = _compose.Service(name);

        Assert.Equal("deploy/docker/Dockerfile", service.Dockerfile);
        Assert.True(File.Exists(Repository.PathOf("deploy/docker/Dockerfile")), "deploy/docker/Dockerfile is missing");
        Assert.Equal(host.Project, service.BuildArgs.GetValueOrDefault("PROJECT"));
        Assert.True(File.Exists(Repository.PathOf(host.Project)), $"{name}: build arg PROJECT={host.Project} does not exist on disk");
        Assert.Equal(host.Dll, service.BuildArgs.GetValueOrDefault("DLL"));
        Assert.Equal(Path.GetFileNameWithoutExtension(host.Dll), Repository.AssemblyNameOf(host.Project));
    }

    [Theory]
    [MemberData(nameof(Platform.ServiceNames), MemberType = typeof(Platform))]
    public void Every_service_reaches_postgres_through_a_compose_service_on_its_container_port(string name)
    {
        var environment = _compose.Service(name).Environment;
        Assert.True(environment.TryGetValue("ConnectionStrings__postgres", out var connection), $"{name} has no ConnectionStrings__postgres");

        var settings = connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
        var host = settings.GetValueOrDefault("Host") ?? "";
        var port = int.Parse(settings.GetValueOrDefault("Port") ?? "5432", CultureInfo.InvariantCulture);

        Assert.Contains(port, _compose.Service(host).ContainerPorts);
        Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault("Database")), $"{name}: no Database in {connection}");
        Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault("Username")), $"{name}: no Username in {connection}");
        Assert.Equal(_compose.Service(host).Environment["POSTGRES_PASSWORD"], settings.GetValueOrDefault("Password"));
    }

    [Theory]
    [MemberData(nameof(Platform.ServiceNames), MemberType = typeof(Platform))]
    public void Every_service_reaches_rabbitmq_through_a_compose_service_on_its_container_port(string name)
    {
        var environment = _compose.Service(name).Environment;
        Assert.True(environment.TryGetValue("ConnectionStrings__rabbitmq", out var connection), $"{name} has no ConnectionStrings__rabbitmq");

        var uri = new Uri(connection);
        Assert.Equal("amqp", uri.Scheme);
        Assert.Contains(uri.Port, _compose.Service(uri.Host).ContainerPorts);
        var broker = _compose.Service(uri.Host).Environment;
        Assert.Equal($"{broker["RABBITMQ_DEFAULT_USER"]}:{broker["RABBITMQ_DEFAULT_PASS"]}", Uri.UnescapeDataString(uri.UserInfo));
    }

    [Theory]
    [MemberData(nameof(Platform.ServiceNames), MemberType = typeof(Platform))]
    public void Every_service_starts_only_after_rabbitmq_and_postgres_are_healthy(string name)
    {
        var dependsOn = _compose.Service(name).DependsOn;

        Assert.Equal("service_healthy", dependsOn.GetValueOrDefault("rabbitmq"));
        Assert.Equal("service_healthy", dependsOn.GetValueOrDefault("postgres"));
    }

    [Theory]
    [MemberData(nameof(Platform.HostNames), MemberType = typeof(Platform))]
    public void Every_host_names_itself_in_traces_by_its_compose_service_name(string name)
    {
        var environment = _compose.Service(name).Environment;

        Assert.Equal(name, environment.GetValueOrDefault("OTEL_SERVICE_NAME"));
        var endpoint = new Uri(environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT") ?? "");
        Assert.Contains(endpoint.Port, _compose.Service(endpoint.Host).ContainerPorts);
    }

    [Theory]
    [MemberData(nameof(Platform.HostNames), MemberType = typeof(Platform))]
    public void Every_host_listens_exposes_and_health_checks_the_same_port(string name)
    {
        var service = _compose.Service(name);
        var port = ListeningPort(service);

        Assert.Contains(port, service.ContainerPorts);
        Assert.Contains($"http://127.0.0.1:{port}/health/ready", service.HealthcheckTest, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(service.Environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")), $"{name} has no ASPNETCORE_ENVIRONMENT");
    }

    [Fact]
    public void The_gateway_sends_each_cluster_to_a_compose_service_on_the_port_it_listens_on()
    {
        const string Prefix = "ReverseProxy__Clusters__";
        const string Suffix = "__Destinations__primary__Address";
        var addresses = _compose.Service("gateway").Environment
            .Where(pair => pair.Key.StartsWith(Prefix, StringComparison.Ordinal) && pair.Key.EndsWith(Suffix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[Prefix.Length..^Suffix.Length], pair => new Uri(pair.Value));

        Assert.Equal(Platform.Services.Select(service => service.Name).Order(), addresses.Keys.Order());
        foreach (var (cluster, address) in addresses)
        {
            Assert.Equal(cluster, address.Host);
            Assert.Equal(ListeningPort(_compose.Service(address.Host)), address.Port);
        }
    }

    [Fact]
    public void The_gateways_public_url_is_where_it_is_published_so_the_openapi_documents_name_a_reachable_server()
    {
        var gateway = _compose.Service("gateway");
        var publicUrl = new Uri(gateway.Environment["Gateway__PublicUrl"]);

        Assert.Equal(gateway.Published.Single().HostPort, publicUrl.Port);
        Assert.Equal("/", publicUrl.AbsolutePath);
    }

    [Fact]
    public void Only_the_gateway_is_published_to_the_world_and_the_uis_only_on_loopback()
    {
        var published = _compose.Services.Values.Where(service => service.Published.Count > 0).ToList();

        Assert.Equal(["gateway", "jaeger", "rabbitmq"], published.Select(service => service.Name).Order());
        Assert.Equal([ListeningPort(_compose.Service("gateway"))], _compose.Service("gateway").Published.Select(port => port.ContainerPort));
        Assert.All(_compose.Service("rabbitmq").Published, port => Assert.Equal(("127.0.0.1", 15672), (port.Ip, port.ContainerPort)));
        Assert.All(_compose.Service("jaeger").Published, port => Assert.Equal(("127.0.0.1", 16686), (port.Ip, port.ContainerPort)));
    }

    [Fact]
    public void The_infrastructure_services_are_the_agreed_images_with_health_checks()
    {
        Assert.Contains("rabbitmq-diagnostics -q ping", _compose.Service("rabbitmq").HealthcheckTest, StringComparison.Ordinal);
        Assert.Contains("pg_isready", _compose.Service("postgres").HealthcheckTest, StringComparison.Ordinal);
        Assert.Equal("true", _compose.Service("jaeger").Environment.GetValueOrDefault("COLLECTOR_OTLP_ENABLED"));
        Assert.Contains(4317, _compose.Service("jaeger").ContainerPorts);
    }

    [Fact]
    public void Every_variable_the_compose_file_uses_is_defined_in_env_example()
    {
        var used = _compose.AllStrings().SelectMany(EnvExample.VariablesIn).ToHashSet();
        var missing = used.Where(variable => !_compose.Env.Values.ContainsKey(variable)).Order().ToList();

        Assert.NotEmpty(used);
        Assert.True(missing.Count == 0, $".env.example does not define: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_real_env_file_is_ignored_by_git_and_docker_while_env_example_holds_placeholders()
    {
        var gitignore = Repository.Read(".gitignore").Split('\n').Select(line => line.Trim());
        var dockerignore = Repository.Read(".dockerignore").Split('\n').Select(line => line.Trim());

        Assert.Contains(".env", gitignore);
        Assert.Contains(".env", dockerignore);
        Assert.All(
            _compose.Env.Values.Where(pair => pair.Key.Contains("PASSWORD", StringComparison.Ordinal)),
            pair => Assert.Equal("change-me", pair.Value));
    }

    private static int ListeningPort(ComposeService service)
    {
        var urls = service.Environment.GetValueOrDefault("ASPNETCORE_URLS");
        Assert.False(string.IsNullOrEmpty(urls), $"{service.Name} has no ASPNETCORE_URLS");
        return new Uri(urls.Split(';')[0].Replace("+", "localhost", StringComparison.Ordinal)).Port;
    }
}
