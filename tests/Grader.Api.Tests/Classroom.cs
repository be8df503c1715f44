using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;
using Grader.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests;

/// <summary>
/// Sets up courses over HTTP as teachers do, and writes graded submissions straight into the database, since
/// no worker runs in these tests.
/// </summary>
internal sealed class Classroom(ApiFactory api)
{
    /// <summary>A due date in the past (23:59 in Seoul), so on-time and late submissions can both be written.</summary>
    public static readonly DateTimeOffset DueAt = new(2026, 4, 10, 14, 59, 0, TimeSpan.Zero);

    public GraderClient Admin => api.Admin;

    public async Task<(Guid Id, GraderClient Client)> UserAsync(string role, string name = "사용자")
    {
        var (id, token) = await Admin.CreateUserAsync($"{role}-{Guid.NewGuid():N}"[..24], name, role);
        return (id, Admin.As(token));
    }

    /// <summary>A suite worth 10 points without a reference, so it is usable at once.</summary>
    public async Task<Guid> SuiteAsync(string language = "python")
    {
        var (_, designer) = await UserAsync("designer");
        return await designer.CreateSuiteAsync(EchoSuite("echo-" + Guid.NewGuid().ToString("N")[..8], language: language));
    }

    /// <summary>The manifest of a one-test suite worth 10 points, without a reference.</summary>
    public static object EchoSuite(string slug, string title = "따라 말하기", string language = "python") => new
    {
        slug,
        title,
        languages = new[] { language },
        tests = new object[] { new { name = "one", points = 10, visibility = "visible", stdin = "1\n", expectedStdout = "1\n" } },
    };

    public static async Task<Guid> CreateAsync(GraderClient teacher, string path, object request) =>
        (await teacher.PostOkAsync(path, request))["id"]!.GetValue<Guid>();

    /// <summary>Uploads a roster as a text/csv body and returns the students' ids by login.</summary>
    public static async Task<Dictionary<string, Guid>> EnrolAsync(GraderClient teacher, Guid courseId, string csv)
    {
        var (status, body) = await RosterAsync(teacher, courseId, csv);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["students"]!.AsArray().ToDictionary(s => s!["login"]!.GetValue<string>(), s => s!["userId"]!.GetValue<Guid>());
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> RosterAsync(GraderClient teacher, Guid courseId, string csv)
    {
        var response = await teacher.Http.PostAsync($"/api/courses/{courseId}/roster", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>
    /// Stores a graded submission made <paramref name="afterDue"/> after the due date (negative: before it), of
    /// <paramref name="program"/> (by default a one-line echo).
    /// </summary>
    public Task<Guid> GradedAsync(Guid assignmentId, Guid studentId, decimal score, TimeSpan afterDue, string program = "print(input())\n") =>
        api.WithDbAsync(async db =>
        {
            var assignment = await db.Assignments.SingleAsync(a => a.Id == assignmentId);
            return await StoreAsync(db, Graded(assignmentId, assignment.SuiteId, studentId, program, score,
                assignment.DueAt + afterDue, late: afterDue > TimeSpan.Zero, []));
        });

    /// <summary>
    /// Stores a graded trial of <paramref name="program"/> against a suite version by <paramref name="designerId"/>
    /// (no assignment), with one failed test that printed <paramref name="stdout"/>.
    /// </summary>
    public Task<Guid> TrialAsync(Guid suiteId, Guid designerId, string program, string stdout) =>
        api.WithDbAsync(db => StoreAsync(db, Graded(null, suiteId, designerId, program, 0, DateTimeOffset.UtcNow, late: false,
            [new SubmissionTestResult { Name = "one", Verdict = Verdict.WrongAnswer, MaxPoints = 10, Visibility = TestVisibility.Visible, Stdout = stdout }])));

    private static Submission Graded(Guid? assignmentId, Guid suiteId, Guid studentId, string program, decimal score, DateTimeOffset submittedAt,
        bool late, List<SubmissionTestResult> tests)
    {
        var submission = new Submission
        {
            AssignmentId = assignmentId,
            StudentId = studentId,
            Language = ProgramLanguage.Python,
            FileName = "main.py",
            Content = Encoding.UTF8.GetBytes(program),
            MaxScore = 10,
            SuiteId = suiteId,
            Late = late,
            SubmittedAt = submittedAt,
        };
        var gradedAt = submission.SubmittedAt + TimeSpan.FromSeconds(1);
        submission.RecordGrade(tests, score, score == 10 ? Verdict.Passed : Verdict.WrongAnswer, profileJson: null,
            containerReadyAt: null, testsFinishedAt: gradedAt, failureReason: null, now: gradedAt);
        return submission;
    }

    private static async Task<Guid> StoreAsync(GraderDbContext db, Submission submission)
    {
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    }

    /// <summary>The gradebook as CSV lines, after checking the byte-order mark Excel needs for Korean.</summary>
    public static async Task<(string[] Lines, HttpResponseMessage Response)> CsvAsync(GraderClient client, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return (text[..^2].Split("\r\n"), response);
    }
}
