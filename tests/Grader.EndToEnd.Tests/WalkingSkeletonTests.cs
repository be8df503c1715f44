using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 2: a Python submission goes in over HTTP and comes back graded by a container, with the real API
/// process, a real worker process, PostgreSQL, Hangfire and Docker.
/// </summary>
public sealed class WalkingSkeletonTests(GraderStack stack) : IClassFixture<GraderStack>
{
    private static readonly object s_threeTestSuite = new
    {
        slug = "sum-two-numbers-" + Guid.NewGuid().ToString("N")[..8],
        title = "두 수의 합",
        languages = new[] { "python" },
        limits = new { timeSeconds = 2, memoryMb = 128 },
        tests = new object[]
        {
            new { name = "small", points = 2, visibility = "visible", stdin = "1 2\n", expectedStdout = "3\n" },
            new { name = "negative", points = 3, visibility = "hidden", stdin = "-5 2\n", expectedStdout = "-3\n", compare = "trim" },
            new { name = "large", points = 5, visibility = "hidden", stdin = "1000000000 2000000000\n", expectedStdout = "3000000000\n", compare = "exact" },
        },
    };

    [Fact]
    public async Task A_right_and_a_wrong_program_are_graded_within_seconds()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(s_threeTestSuite);

        var right = await student.SubmitSourceAsync(assignmentId, "a, b = map(int, input('두 수를 입력하세요: ').split())\nprint(a + b)\n");
        var wrong = await student.SubmitSourceAsync(assignmentId, "a, b = map(int, input().split())\nprint(a - b)\n");
        Assert.Equal("queued", right["status"]!.GetValue<string>());

        var stopwatch = Stopwatch.StartNew();
        var rightResult = await student.WaitGradedAsync(right["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));
        var wrongResult = await student.WaitGradedAsync(wrong["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"grading took {stopwatch.Elapsed}\n{stack.Logs()}");

        Assert.Equal("graded", rightResult["status"]!.GetValue<string>());
        Assert.Equal("passed", rightResult["verdict"]!.GetValue<string>());
        Assert.Equal(10m, rightResult["score"]!.GetValue<decimal>());
        Assert.Equal(10m, rightResult["maxScore"]!.GetValue<decimal>());
        var tests = rightResult["tests"]!.AsArray();
        Assert.Equal(["small", "negative", "large"], tests.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(tests, t => Assert.Equal("passed", t!["verdict"]!.GetValue<string>()));
        Assert.Equal("3\n", tests[0]!["stdout"]!.GetValue<string>());

        Assert.Equal("graded", wrongResult["status"]!.GetValue<string>());
        Assert.Equal("wrong_answer", wrongResult["verdict"]!.GetValue<string>());
        Assert.Equal(0m, wrongResult["score"]!.GetValue<decimal>());
        var wrongTests = wrongResult["tests"]!.AsArray();
        Assert.All(wrongTests, t => Assert.Equal("wrong_answer", t!["verdict"]!.GetValue<string>()));
        // A student sees a hidden test's verdict and points, never the program's output for it.
        Assert.Null(wrongTests[1]!["stdout"]);
        Assert.Equal("-1\n", wrongTests[0]!["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_program_that_loops_forever_is_a_time_limit_and_leaves_no_container()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(new
        {
            slug = "loop-" + Guid.NewGuid().ToString("N")[..8],
            title = "무한 반복",
            languages = new[] { "python" },
            limits = new { timeSeconds = 1, memoryMb = 64 },
            tests = new object[] { new { name = "once", points = 1, visibility = "visible", stdin = "", expectedStdout = "done" } },
        });

        var submitted = await student.SubmitSourceAsync(assignmentId, "while True:\n    pass\n");
        var stopwatch = Stopwatch.StartNew();
        var result = await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));

        Assert.Equal("time_limit_exceeded", result["verdict"]!.GetValue<string>());
        // 1 s of CPU, 4 s of wall clock at most, plus the container: well under 15 s even on a loaded machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        Assert.Equal("", await DockerCli.ListContainersAsync($"label=grader.label={submitted["id"]}"));
    }

    [Fact]
    public async Task Bad_requests_get_problem_json_and_store_nothing()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(s_threeTestSuite);

        var (missing, missingBody, missingResponse) = await student.SendAsync(HttpMethod.Post,
            $"/api/assignments/{Guid.NewGuid()}/submissions", new { language = "python", source = "print(1)" });
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("application/problem+json", missingResponse.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(missingBody!["title"]?.GetValue<string>()));

        var anonymous = new GraderClient(stack.Api.BaseAddress, null);
        var (unauthorised, _, unauthorisedResponse) = await anonymous.SendAsync(HttpMethod.Post,
            $"/api/assignments/{assignmentId}/submissions", new { language = "python", source = "print(1)" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised);
        Assert.Equal("application/problem+json", unauthorisedResponse.Content.Headers.ContentType?.MediaType);

        var malformed = await student.Http.PostAsync($"/api/assignments/{assignmentId}/submissions", GraderClient.Json("{\"source\": "));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var (empty, emptyBody, _) = await student.SendAsync(HttpMethod.Post,
            $"/api/assignments/{assignmentId}/submissions", new { language = "python", source = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty);
        Assert.NotNull(emptyBody!["errors"]);

        var english = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{assignmentId}/submissions")
        {
            Content = GraderClient.Json("{\"language\": \"cobol\", \"source\": \"DISPLAY 1\"}"),
        };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishResponse = await student.Http.SendAsync(english);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, englishResponse.StatusCode);
        var englishBody = JsonNode.Parse(await englishResponse.Content.ReadAsStringAsync())!;
        Assert.Equal("This assignment does not accept that language.", englishBody["title"]!.GetValue<string>());

        var list = await student.GetOkAsync($"/api/assignments/{assignmentId}/submissions");
        Assert.Empty(list.AsArray());
    }
}
