using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Grader.Api.Tests.Admin;

/// <summary>Hangfire's dashboard at /hangfire: an admin sees the grading queue; nobody else gets in.</summary>
public sealed class QueueDashboardTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task An_admin_sees_a_submitted_programs_job_waiting_in_the_queue()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var (studentId, student) = await _classroom.UserAsync("student");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignment = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "따라 말하기", suiteId = await _classroom.SuiteAsync(), dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var submissionId = (await student.SubmitSourceAsync(assignment, "print(input())\n"))["id"]!.GetValue<Guid>();

        // No worker runs here: the job stays enqueued, with the submission's id as its argument.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string page;
        do
        {
            var response = await _classroom.Admin.Http.GetAsync("/hangfire/jobs/enqueued/submissions");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
        } while (!page.Contains("GradeSubmissionAsync") && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains("GradeSubmissionAsync", page);

        Assert.Contains(submissionId.ToString(), await JobPageAsync(page));

        // The overview's live counters, which its script posts for with the page's anti-forgery token, as a browser does.
        var overview = await _classroom.Admin.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var html = await overview.Content.ReadAsStringAsync();
        using var stats = new HttpRequestMessage(HttpMethod.Post, "/hangfire/stats")
        {
            Content = new FormUrlEncodedContent([new("metrics[]", "enqueued:count-or-null")]),
        };
        stats.Headers.Add(Meta(html, "csrf-header"), Meta(html, "csrf-token"));
        stats.Headers.Add("Cookie", overview.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var counters = await _classroom.Admin.Http.SendAsync(stats);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        var enqueued = JsonNode.Parse(await counters.Content.ReadAsStringAsync())!["enqueued:count-or-null"]!;
        Assert.True(enqueued["intValue"]!.GetValue<long>() >= 1, enqueued.ToJsonString());

        // Without the token the same post is refused: the dashboard's buttons cannot be pressed from another site.
        var forged = await _classroom.Admin.Http.PostAsync("/hangfire/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count-or-null")]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    /// <summary>The first job's own page, linked from the enqueued list; it shows the job's arguments.</summary>
    private async Task<string> JobPageAsync(string list)
    {
        var link = Regex.Match(list, "href=\"(/hangfire/jobs/details/[^\"]+)\"").Groups[1].Value;
        return await _classroom.Admin.Http.GetStringAsync(link);
    }

    private static string Meta(string html, string name) =>
        Regex.Match(html, $"<meta name=\"{name}\" content=\"([^\"]+)\"").Groups[1].Value;

    [Theory]
    [InlineData("teacher")]
    [InlineData("student")]
    [InlineData("designer")]
    public async Task Anyone_but_an_admin_is_forbidden(string role)
    {
        var (_, user) = await _classroom.UserAsync(role);
        var response = await user.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_credentials_a_browser_is_sent_to_sign_in_and_a_bad_token_is_401()
    {
        using var anonymous = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
