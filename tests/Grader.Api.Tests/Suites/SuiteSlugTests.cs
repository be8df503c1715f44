using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Grader.Api.Tests.Suites;

/// <summary>A suite's slug belongs to the designer who published its first version (issue 13, item 4).</summary>
public sealed class SuiteSlugTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task Another_designer_cannot_publish_a_version_of_someone_elses_slug()
    {
        var (_, owner) = await _classroom.UserAsync("designer");
        var (_, other) = await _classroom.UserAsync("designer");
        var slug = "echo-" + Guid.NewGuid().ToString("N")[..8];
        await owner.CreateSuiteAsync(Classroom.EchoSuite(slug));

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/suites")
        {
            Content = JsonContent.Create(Classroom.EchoSuite(slug, "바꿔치기")),
        };
        upload.Headers.AcceptLanguage.ParseAdd("en");
        var refused = await other.Http.SendAsync(upload);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("suite.slug_taken", problem["code"]!.GetValue<string>());
        Assert.Contains("another designer", problem["title"]!.GetValue<string>());
        var versions = (await owner.GetOkAsync($"/api/suites?slug={slug}")).AsArray();
        Assert.Equal(["따라 말하기"], versions.Select(v => v!["title"]!.GetValue<string>()));

        // The owner goes on publishing, and so may an admin.
        Assert.Equal(2, (await owner.PostOkAsync("/api/suites", Classroom.EchoSuite(slug)))["version"]!.GetValue<int>());
        Assert.Equal(3, (await _classroom.Admin.PostOkAsync("/api/suites", Classroom.EchoSuite(slug)))["version"]!.GetValue<int>());
    }
}
