namespace HiringPlatform.Deploy.Tests;

using System.Xml.Linq;

/// <summary>Files of the repository this test assembly was built from.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative)
    {
        var path = PathOf(relative);
        Assert.True(File.Exists(path), $"{relative} is missing from the repository root {Root}");
        return File.ReadAllText(path);
    }

    /// <summary>The assembly a project builds: its AssemblyName, or else the project file's name.</summary>
    public static string AssemblyNameOf(string project)
    {
        var document = XDocument.Load(PathOf(project));
        var declared = document.Descendants()
            .FirstOrDefault(element => element.Name.LocalName == "AssemblyName")?.Value.Trim();
        return string.IsNullOrEmpty(declared) ? Path.GetFileNameWithoutExtension(project) : declared;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HiringPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No HiringPlatform.sln above {AppContext.BaseDirectory}");
    }
}
