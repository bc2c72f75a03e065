namespace HiringPlatform.Deploy.Tests;

using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

/// <summary>A rendered Kubernetes object: the parsed YAML map with typed accessors.</summary>
public sealed class K8sObject(Dictionary<object, object> node)
{
    public Dictionary<object, object> Node { get; } = node;

    public string ApiVersion => Node.GetValueOrDefault("apiVersion") as string ?? "";

    public string Kind => Node.GetValueOrDefault("kind") as string ?? "";

    public string Name => Get("metadata", "name") as string ?? "";

    public string? Namespace => Get("metadata", "namespace") as string;

    public string Id => $"{Kind}/{Name}";

    public object? Get(params string[] path) => Kustomize.Get(Node, path);

    public override string ToString() => Id;
}

/// <summary>
/// The subset of kustomize that deploy/kubernetes uses, implemented here so the manifests can be
/// rendered and checked without a cluster or a kustomize binary: <c>resources</c> (files and
/// kustomization folders), <c>patches</c> (strategic-merge patch files, with or without a
/// <c>target</c> of kind / name), <c>namespace</c>, <c>labels</c> (metadata only) and
/// <c>images</c> (newName / newTag). Anything else in a kustomization.yaml fails the render, so
/// the manifests cannot silently outgrow what is checked. When kubectl is installed, a test
/// compares this render with <c>kubectl kustomize</c>.
/// </summary>
public static class Kustomize
{
    private static readonly HashSet<string> Supported =
        ["apiVersion", "kind", "resources", "patches", "namespace", "labels", "images"];

    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"];

    public static IReadOnlyList<K8sObject> Render(string relativeDir) =>
        RenderDirectory(Repository.PathOf(relativeDir)).Select(node => new K8sObject(node)).ToList();

    public static List<Dictionary<object, object>> ParseDocuments(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Dictionary<object, object>>();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }
            var text = new StringBuilder();
            new YamlStream(document).Save(new StringWriter(text), assignAnchors: false);
            if (deserializer.Deserialize<Dictionary<object, object>>(text.ToString()) is { } map)
            {
                documents.Add(map);
            }
        }
        return documents;
    }

    private static List<Dictionary<object, object>> RenderDirectory(string dir)
    {
        var file = Path.Combine(dir, "kustomization.yaml");
        Assert.True(File.Exists(file), $"{file} is missing");
        var kustomization = ParseDocuments(File.ReadAllText(file)).Single();
        var unsupported = kustomization.Keys.Cast<string>().Where(key => !Supported.Contains(key)).ToList();
        Assert.True(unsupported.Count == 0,
            $"{file} uses {string.Join(", ", unsupported)}, which the test's kustomize subset does not implement");

        var objects = new List<Dictionary<object, object>>();
        foreach (var resource in Strings(kustomization.GetValueOrDefault("resources")))
        {
            var path = Path.GetFullPath(Path.Combine(dir, resource));
            if (Directory.Exists(path))
            {
                objects.AddRange(RenderDirectory(path));
            }
            else
            {
                Assert.True(File.Exists(path), $"{file} lists {resource}, which does not exist");
                objects.AddRange(ParseDocuments(File.ReadAllText(path)));
            }
        }

        foreach (var patch in Maps(kustomization.GetValueOrDefault("patches")))
        {
            var patchFile = Path.Combine(dir, (string)patch["path"]);
            var body = ParseDocuments(File.ReadAllText(patchFile)).Single();
            var target = patch.GetValueOrDefault("target") as Dictionary<object, object>;
            var kind = target?.GetValueOrDefault("kind") as string ?? body["kind"] as string;
            var name = target is null ? Get(body, "metadata", "name") as string : target.GetValueOrDefault("name") as string;
            var matched = objects.Where(o => (string)o["kind"] == kind && (name is null || Get(o, "metadata", "name") as string == name)).ToList();
            Assert.True(matched.Count > 0, $"the patch {patch["path"]} in {file} matches no object");
            foreach (var target1 in matched)
            {
                var patchBody = Clone(body);
                // With a target, the patch's own name is a placeholder: the target's name is kept.
                ((Dictionary<object, object>)patchBody["metadata"]).Remove("name");
                Merge(target1, patchBody);
            }
        }

        if (kustomization.GetValueOrDefault("namespace") is string ns)
        {
            foreach (var o in objects.Where(o => !ClusterScoped.Contains((string)o["kind"])))
            {
                Metadata(o)["namespace"] = ns;
            }
        }

        foreach (var labels in Maps(kustomization.GetValueOrDefault("labels")))
        {
            var pairs = (Dictionary<object, object>)labels["pairs"];
            Assert.False(labels.ContainsKey("includeSelectors") || labels.ContainsKey("includeTemplates"),
                "the kustomize subset applies labels to metadata only");
            foreach (var o in objects)
            {
                var metadata = Metadata(o);
                if (metadata.GetValueOrDefault("labels") is not Dictionary<object, object> existing)
                {
                    metadata["labels"] = existing = [];
                }
                foreach (var (key, value) in pairs)
                {
                    existing[key] = value;
                }
            }
        }

        foreach (var image in Maps(kustomization.GetValueOrDefault("images")))
        {
            foreach (var container in objects.SelectMany(o => Containers(o).Concat(InitContainers(o))))
            {
                var (imageName, tag) = SplitImage((string)container["image"]);
                if (imageName == (string)image["name"])
                {
                    container["image"] = (image.GetValueOrDefault("newName") as string ?? imageName)
                        + (image.GetValueOrDefault("newTag") is string newTag ? ":" + newTag : tag is null ? "" : ":" + tag);
                }
            }
        }
        return objects;
    }

    /// <summary>The containers of a workload's pod template (not its init containers).</summary>
    public static IEnumerable<Dictionary<object, object>> Containers(Dictionary<object, object> o) =>
        Maps(Get(o, "spec", "template", "spec", "containers"));

    /// <summary>The init containers of a workload's pod template: they run to completion, in order, before the containers start.</summary>
    public static IEnumerable<Dictionary<object, object>> InitContainers(Dictionary<object, object> o) =>
        Maps(Get(o, "spec", "template", "spec", "initContainers"));

    public static (string Name, string? Tag) SplitImage(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    public static object? Get(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is Dictionary<object, object> map ? map.GetValueOrDefault(key) : null;
        }
        return node;
    }

    public static IEnumerable<Dictionary<object, object>> Maps(object? node) =>
        node is List<object> list ? list.OfType<Dictionary<object, object>>() : [];

    public static IEnumerable<string> Strings(object? node) =>
        node is List<object> list ? list.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture)!) : [];

    /// <summary>Strategic merge as far as these manifests need it: maps merge, lists of named maps merge by name, other lists are replaced.</summary>
    private static void Merge(Dictionary<object, object> target, Dictionary<object, object> patch)
    {
        foreach (var (key, value) in patch)
        {
            var existing = target.GetValueOrDefault(key);
            if (value is Dictionary<object, object> map && existing is Dictionary<object, object> existingMap)
            {
                Merge(existingMap, map);
            }
            else if (value is List<object> list && existing is List<object> existingList
                     && list.All(item => item is Dictionary<object, object> m && m.ContainsKey("name"))
                     && existingList.All(item => item is Dictionary<object, object> m && m.ContainsKey("name")))
            {
                foreach (Dictionary<object, object> item in list)
                {
                    var same = existingList.Cast<Dictionary<object, object>>().FirstOrDefault(m => Equals(m["name"], item["name"]));
                    if (same is null)
                    {
                        existingList.Add(item);
                    }
                    else
                    {
                        Merge(same, item);
                    }
                }
            }
            else
            {
                target[key] = value;
            }
        }
    }

    private static Dictionary<object, object> Metadata(Dictionary<object, object> o)
    {
        if (o.GetValueOrDefault("metadata") is not Dictionary<object, object> metadata)
        {
            o["metadata"] = metadata = [];
        }
        return metadata;
    }

    private static Dictionary<object, object> Clone(Dictionary<object, object> map) =>
        map.ToDictionary(pair => pair.Key, pair => CloneNode(pair.Value));

    private static object CloneNode(object node) => node switch
    {
        Dictionary<object, object> map => Clone(map),
        List<object> list => list.Select(CloneNode).ToList(),
        _ => node,
    };

    /// <summary>A canonical text of a node (sorted keys), to compare two renders.</summary>
    public static string Canonical(object? node) => node switch
    {
        Dictionary<object, object> map => "{" + string.Join(",", map.OrderBy(p => (string)p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}:{Canonical(p.Value)}")) + "}",
        List<object> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        null => "null",
        _ => Convert.ToString(node, CultureInfo.InvariantCulture)!,
    };
}
