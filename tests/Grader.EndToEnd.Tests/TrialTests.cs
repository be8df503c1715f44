using System.Net;
using Grader.Tests.Shared;
using Npgsql;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 18: a designer tries a suite version as a student. The trial is graded by the real worker in Docker as a
/// student's submission is, counts in no course, and only those who may edit the suite find it.
/// </summary>
public sealed class TrialTests(GraderStack stack) : IClassFixture<GraderStack>
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(60);

    private const string Doubling = "print(int(input()) * 2)\n";

    private static string Manifest(string slug, string reference = "") => $"""
        slug: {slug}
        title: 두 배로 만들기
        languages: [python]
        {reference}
        tests:
          - name: small
            points: 4
            visibility: visible
            stdin: "21\n"
            expectedStdout: "42\n"
          - name: large
            points: 6
            visibility: hidden
            stdin: "500\n"
            expectedStdout: "1000\n"
        """;

    [Fact]
    public async Task A_trial_of_a_suite_whose_validation_failed_is_graded_as_a_students_submission_through_the_same_checks()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, designer) = await UserAsync($"designer-{tag}", "designer");
        // The reference's slip: big numbers come back unchanged, so validation fails on "large".
        var suiteId = await UploadAsync(designer, Zip(
            ("suite.yaml", Utf8(Manifest($"double-{tag}", "reference: {language: python, file: solution.py}"))),
            ("solution.py", Utf8("n = int(input())\nprint(n * 2 if n < 100 else n)\n"))));
        Assert.Equal("failed", (await designer.WaitValidatedAsync(suiteId, s_gradingTimeout))["validation"]!["status"]!.GetValue<string>());

        var right = await designer.PostOkAsync($"/api/suites/{suiteId}/trials", new { language = "python", source = Doubling });
        var wrong = await designer.PostOkAsync($"/api/suites/{suiteId}/trials", new { language = "python", source = "print(int(input()) + 21)\n" });
        Assert.Null(right["assignmentId"]);

        var passed = await designer.WaitGradedAsync(right["id"]!.GetValue<Guid>(), s_gradingTimeout);
        Assert.Equal("graded", passed["status"]!.GetValue<string>());
        Assert.Equal("passed", passed["verdict"]!.GetValue<string>());
        Assert.Equal(10m, passed["score"]!.GetValue<decimal>());
        Assert.Equal(suiteId, passed["suiteId"]!.GetValue<Guid>());
        var failed = await designer.WaitGradedAsync(wrong["id"]!.GetValue<Guid>(), s_gradingTimeout);
        Assert.Equal("wrong_answer", failed["verdict"]!.GetValue<string>());
        Assert.Equal(4m, failed["score"]!.GetValue<decimal>());
        // As a student sees it: the hidden test's verdict, not what the program printed for it.
        Assert.Equal("42\n", failed["tests"]![0]!["stdout"]!.GetValue<string>());
        Assert.Null(failed["tests"]![1]!["stdout"]);

        // The intake's checks hold for a trial: a language the suite does not take, a file that is no program.
        var (status, body, _) = await designer.SendAsync(HttpMethod.Post, $"/api/suites/{suiteId}/trials",
            new { language = "scratch", source = "{\"targets\": []}" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("submission.language", body!["code"]!.GetValue<string>());
        using var form = new MultipartFormDataContent { { new ByteArrayContent([0xff, 0xfe, 0x00]), "file", "main.py" } };
        var unreadable = await designer.Http.PostAsync($"/api/suites/{suiteId}/trials", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);
        Assert.Equal(2, await TrialCountAsync(suiteId));
    }

    [Fact]
    public async Task A_trial_shows_in_no_gradebook_or_list_and_nobody_but_the_suites_designers_and_admins_reaches_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, designer) = await UserAsync($"designer-{tag}", "designer");
        var (_, otherDesigner) = await UserAsync($"other-{tag}", "designer");
        var (_, teacher) = await UserAsync($"teacher-{tag}", "teacher");
        var (studentId, student) = await UserAsync($"student-{tag}", "student");
        var suiteId = await UploadAsync(designer, Zip(("suite.yaml", Utf8(Manifest($"double-{tag}")))));
        var courseId = (await teacher.PostOkAsync("/api/courses", new { name = "AI 융합 1반", kind = "convergence" }))["id"]!.GetValue<Guid>();
        await stack.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId, role = "student" });
        var assignmentId = (await teacher.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title = "두 배", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7), maxSubmissions = 1 }))["id"]!.GetValue<Guid>();

        // The student hands in a wrong program; the designer's right trial of the same version must not lift it.
        var studentsId = (await student.SubmitSourceAsync(assignmentId, "print(0)\n"))["id"]!.GetValue<Guid>();
        var trialId = (await designer.PostOkAsync($"/api/suites/{suiteId}/trials", new { language = "python", source = Doubling }))["id"]!.GetValue<Guid>();
        await student.WaitGradedAsync(studentsId, s_gradingTimeout);
        Assert.Equal("passed", (await designer.WaitGradedAsync(trialId, s_gradingTimeout))["verdict"]!.GetValue<string>());
        // An admin may try it too, and read the designer's trial.
        await stack.Admin.PostOkAsync($"/api/suites/{suiteId}/trials", new { language = "python", source = Doubling });
        Assert.Equal(trialId, (await stack.Admin.GetOkAsync($"/api/submissions/{trialId}"))["id"]!.GetValue<Guid>());

        var gradebook = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");
        var row = Assert.Single(gradebook["rows"]!.AsArray())!;
        Assert.Equal($"student-{tag}", row["login"]!.GetValue<string>());
        Assert.Equal(0m, row["scores"]![0]!["score"]!.GetValue<decimal>());
        var listed = await teacher.GetOkAsync($"/api/assignments/{assignmentId}/submissions");
        Assert.Equal([studentsId], listed.AsArray().Select(s => s!["id"]!.GetValue<Guid>()));
        // The cap of one counts the student's own submission only, and the trials none of it.
        var (capped, cappedBody, _) = await student.SendAsync(HttpMethod.Post, $"/api/assignments/{assignmentId}/submissions",
            new { language = "python", source = Doubling });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, capped);
        Assert.Equal("submission.limit", cappedBody!["code"]!.GetValue<string>());

        // Anyone else: not found, to read or to try.
        foreach (var stranger in new[] { teacher, student, otherDesigner })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Get, $"/api/submissions/{trialId}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Post, $"/api/suites/{suiteId}/trials",
                new { language = "python", source = Doubling })).Status);
        }
        Assert.Equal(2, await TrialCountAsync(suiteId));
    }

    private async Task<(Guid Id, GraderClient Client)> UserAsync(string login, string role)
    {
        var (id, token) = await stack.Admin.CreateUserAsync(login, "시험", role);
        return (id, stack.Admin.As(token));
    }

    /// <summary>Trials stored for the version, straight from the database: what was kept, not what an answer says.</summary>
    private async Task<long> TrialCountAsync(Guid suiteId)
    {
        await using var connection = new NpgsqlConnection(stack.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM submissions WHERE assignment_id IS NULL AND suite_id = @p", connection);
        count.Parameters.AddWithValue("p", suiteId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<Guid> UploadAsync(GraderClient designer, byte[] zip)
    {
        var (status, body) = await designer.UploadSuiteZipAsync(zip);
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        return body["id"]!.GetValue<Guid>();
    }
}
