namespace HiringPlatform.Deploy.Tests;

/// <summary>One deployable host: its compose/OTEL name, project, assembly and local port.</summary>
public sealed record Host(string Name, string Project, string Dll, int LocalPort)
{
    public bool IsGateway => Name == "gateway";
}

/// <summary>The fixed facts every deployment file must agree with.</summary>
public static class Platform
{
    public static readonly IReadOnlyList<Host> Hosts =
    [
        new("gateway", "gateway/HiringPlatform.Gateway.csproj", "HiringPlatform.Gateway.dll", 5100),
        new("loop-planner", "services/loop-planner/HiringPlatform.LoopPlanner.csproj", "HiringPlatform.LoopPlanner.dll", 5101),
        new("scheduling", "services/scheduling/HiringPlatform.Scheduling.csproj", "HiringPlatform.Scheduling.dll", 5102),
        new("scorecard", "services/scorecard/HiringPlatform.Scorecard.csproj", "HiringPlatform.Scorecard.dll", 5103),
        new("calibration", "services/calibration/HiringPlatform.Calibration.csproj", "HiringPlatform.Calibration.dll", 5104),
        new("webhooks", "services/webhooks/HiringPlatform.Webhooks.csproj", "HiringPlatform.Webhooks.dll", 5105),
    ];

    public static IEnumerable<Host> Services => Hosts.Where(host => !host.IsGateway);

    public static TheoryData<string> HostNames() => [.. Hosts.Select(host => host.Name)];

    public static TheoryData<string> ServiceNames() => [.. Services.Select(host => host.Name)];

    public static Host Named(string name) => Hosts.Single(host => host.Name == name);

    /// <summary>Local infrastructure ports (./hiring defaults).</summary>
    public const int PostgresPort = 5433;
    public const int RabbitMqPort = 5673;
    public const int RabbitMqManagementPort = 15673;
}
