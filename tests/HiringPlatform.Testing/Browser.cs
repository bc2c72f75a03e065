using Microsoft.Playwright;
using Xunit;

namespace HiringPlatform.Testing;

/// <summary>
/// Debian's chromium driven by Playwright (no Playwright browser download): an xunit fixture that launches one headless
/// browser per test class. <see cref="OpenAsync"/> opens a URL in a fresh context (optionally with extra HTTP headers such
/// as Authorization) and records console errors, page errors, failed requests and Content-Security-Policy violations.
/// The chromium binary is <c>HIRING_CHROMIUM</c> when set, else /usr/bin/chromium; <c>./hiring test</c> installs it.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumVariable = "HIRING_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    // Runs in every page before its own content (through the DevTools protocol, so the page's CSP does not apply to it).
    private const string CspProbe = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private IPlaywright? playwright;
    private IBrowser? browser;

    public string ExecutablePath { get; } = FindChromium();

    /// <summary>The chromium binary, or an exception that says how to install it.</summary>
    public static string FindChromium() => FindChromium(Environment.GetEnvironmentVariable(ChromiumVariable), Candidates);

    public static string FindChromium(string? configured, IReadOnlyList<string> candidates)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ChromiumVariable}={configured}, but there is no such file. Point it at a chromium binary or unset it to use /usr/bin/chromium.");
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium is missing: the dashboard's browser tests drive Debian's chromium through Playwright (no Playwright browser download). "
                + $"Install it with `apt-get install -y chromium` (./hiring test does this when missing), or set {ChromiumVariable} to a chromium binary. Looked for: {string.Join(", ", candidates)}.");
    }

    public IBrowser Chromium => browser ?? throw new InvalidOperationException("The browser is not started (InitializeAsync).");

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in a container: no user-namespace sandbox; a small /dev/shm.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--no-default-browser-check"],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>Opens <paramref name="url"/> in a new browser context and waits until the page and its resources have loaded.</summary>
    public async Task<BrowserPage> OpenAsync(string url, IReadOnlyDictionary<string, string>? headers = null, int width = 1440, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = headers?.ToDictionary(h => h.Key, h => h.Value),
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        await context.AddInitScriptAsync(CspProbe);
        var page = await context.NewPageAsync();
        // Generous on a shared 2-core machine: locators and screenshots of a large page can take longer than Playwright's 30 s.
        page.SetDefaultTimeout(90_000);
        var result = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                result.Console.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => result.Errors.Add(error);
        page.RequestFailed += (_, request) => result.FailedRequests.Add($"{request.Method} {request.Url}: {request.Failure}");
        result.Response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        return result;
    }
}

/// <summary>One opened page and what the browser reported while loading it.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IResponse? Response { get; internal set; }

    /// <summary>Console errors and warnings (chromium also logs CSP refusals here).</summary>
    public List<string> Console { get; } = [];

    /// <summary>Uncaught exceptions in the page.</summary>
    public List<string> Errors { get; } = [];

    public List<string> FailedRequests { get; } = [];

    /// <summary>Content-Security-Policy violations seen by the page (securitypolicyviolation events).</summary>
    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the CSP probe did not run']");

    /// <summary>Saves a full-page PNG at <paramref name="repoRelativePath"/> under the repository root and returns its full path.</summary>
    public async Task<string> ScreenshotAsync(string repoRelativePath)
    {
        var path = Path.Combine(RepositoryRoot(), repoRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    /// <summary>The folder holding HiringPlatform.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HiringPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HiringPlatform.sln not found above {AppContext.BaseDirectory}");
    }
}
