namespace HiringPlatform.LoopPlanner.Questions;

using System.Text.Json;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>One question of the default bank file: a fixed id (so seeding twice adds nothing) and the question.</summary>
public sealed record SeedQuestion(Guid Id, QuestionRequest Question);

public sealed record SeedFile(IReadOnlyList<SeedQuestion> Questions);

/// <summary>
/// The default question bank (Questions/question-bank.v1.json) added at start-up as QuestionAdded
/// events for each question not in the store yet. The file is validated like a request; a bad
/// entry stops the service naming the file and the entry.
/// </summary>
public static class QuestionSeed
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "Questions", "question-bank.v1.json");

    public static IReadOnlyList<(Guid Id, QuestionContent Content)> Load(string path, CompetencyFramework framework)
    {
        var file = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{path}: empty question bank file.");
        var errors = new List<string>();
        var result = new List<(Guid, QuestionContent)>();
        for (var i = 0; i < file.Questions.Count; i++)
        {
            var seed = file.Questions[i];
            var problems = QuestionEndpoints.Validate(seed.Question, framework, revising: false);
            if (seed.Id == Guid.Empty)
            {
                problems["id"] = ["Required."];
            }
            errors.AddRange(problems.SelectMany(pair => pair.Value.Select(message => $"questions[{i}].{pair.Key}: {message}")));
            if (problems.Count == 0)
            {
                result.Add((seed.Id, QuestionEndpoints.ToContent(seed.Question)));
            }
        }
        var duplicates = file.Questions.GroupBy(q => q.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        errors.AddRange(duplicates.Select(id => $"questions: id {id} appears more than once."));
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: invalid question bank:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors));
        }
        return result;
    }

    /// <summary>Adds the default questions the store does not hold yet.</summary>
    public static async Task ApplyAsync(IServiceProvider services, string serviceName, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<QuestionBankOptions>>().Value;
        var path = options.SeedPath switch
        {
            null => QuestionSeed.DefaultPath,
            "" => null,
            var configured => configured,
        };
        if (path is null)
        {
            return;
        }
        var framework = services.GetRequiredService<CompetencyFramework>();
        var seeds = Load(path, framework);
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var session = store.LightweightSession();
        var ids = seeds.Select(s => s.Id).ToArray();
        var existing = (await session.LoadManyAsync<QuestionDetails>(cancellationToken, ids)).Select(q => q.Id).ToHashSet();
        var missing = seeds.Where(seed => !existing.Contains(seed.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var (id, content) in missing)
        {
            session.Events.StartStream<QuestionDetails>(id, QuestionEndpoints.DecideAdd(id, content, framework,
                options.ToLintSettings(), clock.GetUtcNow(), Actors.System(serviceName)));
            Applications.PlanningContext.StartCount(session, id);
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // Another instance seeded the same questions first.
        }
    }
}
