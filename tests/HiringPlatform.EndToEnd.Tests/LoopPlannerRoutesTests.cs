namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>The loop planner's framework, roles, questions and loop routes answer through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LoopPlannerRoutesTests(PlatformFixture platform)
{
    [Fact]
    public async Task Framework_roles_questions_and_a_candidates_loop_are_reachable_through_the_gateway()
    {
        var framework = await platform.Client.GetFromJsonAsync<JsonElement>("/api/v1/framework/loop-templates/staff");
        Assert.Equal(7, framework.GetArrayLength());

        var role = await platform.Recruiter.PostAsJsonAsync("/api/v1/roles", new { name = "ML engineer, ranking", requiredCompetencies = new[] { "ml-systems" } });
        Assert.Equal(HttpStatusCode.Created, role.StatusCode);

        var lint = await platform.Client.GetFromJsonAsync<JsonElement>("/api/v1/questions/lint");
        Assert.True(lint.GetProperty("questions").GetInt32() >= 20);

        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name = "Routed", email = $"routed-{Guid.NewGuid():N}@example.com", role = "ml-engineer", level = "abbreviated",
        });
        var candidateId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var loop = await platform.Client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{candidateId}/loop");
        Assert.Equal(3, loop.GetProperty("slots").GetArrayLength());
    }
}
