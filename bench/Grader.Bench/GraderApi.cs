using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Grader.Bench;

public sealed record Phases(DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? ContainerReadyAt,
    DateTimeOffset? TestsFinishedAt, DateTimeOffset? GradedAt);

public sealed record SubmissionState(Guid Id, string Status, decimal? Score, decimal MaxScore, Phases Phases);

/// <summary>What one run of submissions through Grader gave: its wall time, the submissions' phases, POST latencies.</summary>
public sealed record GraderRun(TimeSpan Elapsed, IReadOnlyList<SubmissionState> Submissions, IReadOnlyList<double> PostMs)
{
    public int NotFullMarks => Submissions.Count(s => s.Status != "graded" || s.Score != s.MaxScore);
}

/// <summary>Grader over its public HTTP API, as a class would use it: a teacher's course, a suite, students submitting
/// (one student per client, so the per-student submission limit never stands in for the grader).</summary>
public sealed class GraderApi(HttpClient http, string adminToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _tag = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
    private readonly List<string> _studentTokens = [];
    private string? _teacherToken, _designerToken;
    private Guid _courseId;

    public async Task SetUpCourseAsync(int students, CancellationToken ct)
    {
        _teacherToken = (await CreateUserAsync("teacher", ct)).Token;
        _designerToken = (await CreateUserAsync("designer", ct)).Token;
        _courseId = (await PostAsync<Created>("/api/courses", _teacherToken, new { name = "bench", kind = "convergence" }, ct)).Id;
        for (var i = 0; i < students; i++)
        {
            var student = await CreateUserAsync("student", ct, $"student-{i}");
            await PostAsync<JsonElement>($"/api/courses/{_courseId}/members", adminToken,
                new { userId = student.Id, role = "student" }, ct);
            _studentTokens.Add(student.Token);
        }
    }

    /// <summary>A suite for the workload and an assignment on it; returns the assignment.</summary>
    public async Task<Guid> CreateAssignmentAsync(Workload workload, CancellationToken ct)
    {
        using var suiteBody = new StringContent(workload.SuiteJson($"bench-{workload.Name}-{Guid.NewGuid().ToString("N")[..16]}"),
            Encoding.UTF8, "application/json");
        var suite = await SendAsync<Created>(HttpMethod.Post, "/api/suites", _designerToken!, suiteBody, ct);
        return (await PostAsync<Created>($"/api/courses/{_courseId}/assignments", _teacherToken!,
            new { title = $"bench {workload.Name}", suiteId = suite.Id, dueAt = DateTimeOffset.UtcNow.AddDays(7) }, ct)).Id;
    }

    /// <summary>Posts <paramref name="submissions"/> copies of the program from <paramref name="clients"/> clients at once,
    /// waits until all are graded, and measures from the first POST to the last GradedAt.</summary>
    public async Task<GraderRun> SubmitAndWaitAsync(Guid assignmentId, Workload workload, int submissions, int clients,
        CancellationToken ct)
    {
        var postMs = new double[submissions];
        var next = -1;
        var startedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, submissions)).Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); i < submissions; i = Interlocked.Increment(ref next))
                postMs[i] = await SubmitAsync(assignmentId, workload, client, ct);
        }));
        var graded = await WaitUntilGradedAsync(assignmentId, submissions, ct);
        var lastGraded = graded.Max(s => s.Phases.GradedAt ?? DateTimeOffset.UtcNow);
        return new GraderRun(lastGraded - startedAt, graded, postMs);
    }

    /// <summary>One submission at a time, each waited for: what one child sees when the workers are idle. The first
    /// one only warms the API and the worker up and is left out.</summary>
    public async Task<GraderRun> SubmitOneByOneAsync(Guid assignmentId, Workload workload, int submissions, CancellationToken ct)
    {
        await SubmitAsync(assignmentId, workload, 0, ct);
        var warmUp = (await WaitUntilGradedAsync(assignmentId, 1, ct)).Single().Id;
        var postMs = new List<double>();
        var startedAt = DateTimeOffset.UtcNow;
        for (var i = 1; i <= submissions; i++)
        {
            postMs.Add(await SubmitAsync(assignmentId, workload, i, ct));
            await WaitUntilGradedAsync(assignmentId, i + 1, ct);
        }
        var graded = (await WaitUntilGradedAsync(assignmentId, submissions + 1, ct)).Where(s => s.Id != warmUp).ToList();
        return new GraderRun(graded.Max(s => s.Phases.GradedAt!.Value) - startedAt, graded, postMs);
    }

    private async Task<double> SubmitAsync(Guid assignmentId, Workload workload, int student, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await PostAsync<SubmissionState>($"/api/assignments/{assignmentId}/submissions", _studentTokens[student % _studentTokens.Count],
            new { language = workload.Language, source = workload.Program }, ct);
        return clock.Elapsed.TotalMilliseconds;
    }

    private async Task<IReadOnlyList<SubmissionState>> WaitUntilGradedAsync(Guid assignmentId, int expected, CancellationToken ct)
    {
        while (true)
        {
            var all = await SendAsync<List<SubmissionState>>(HttpMethod.Get, $"/api/assignments/{assignmentId}/submissions",
                _teacherToken!, null, ct);
            if (all.Count >= expected && all.All(s => s.Status is "graded" or "failed"))
                return all;
            await Task.Delay(PollInterval, ct);
        }
    }

    private sealed record Created(Guid Id);

    private sealed record CreatedUser(Guid Id, string Token);

    private Task<CreatedUser> CreateUserAsync(string role, CancellationToken ct, string? name = null) =>
        PostAsync<CreatedUser>("/api/users", adminToken,
            new { login = $"bench-{name ?? role}-{_tag}", name = $"bench {name ?? role}", role }, ct);

    private Task<T> PostAsync<T>(string path, string token, object body, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Post, path, token, JsonContent.Create(body, options: Json), ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string token, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }
}
