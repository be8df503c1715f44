using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>A stack whose students may submit 20 times in a row, then once an hour: the rate limit shows in a test.</summary>
public sealed class RateLimitedStack : IAsyncLifetime
{
    public const int Burst = 20;

    public GraderStack Stack { get; } = new()
    {
        Settings =
        {
            ["Grader__RateLimits__Submissions__Burst"] = Burst.ToString(),
            ["Grader__RateLimits__Submissions__Period"] = "01:00:00",
        },
    };

    public Task InitializeAsync() => Stack.InitializeAsync();

    public Task DisposeAsync() => Stack.DisposeAsync();
}

/// <summary>
/// Issue 7: what guards the intake. Random bytes, truncated archives and oversized bodies on every upload
/// endpoint get a 4xx problem and store nothing; a student past the rate limit gets 429 with Retry-After; an admin requeues failed submissions and watches the queue.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class IntakeGuardTests(RateLimitedStack fixture) : IClassFixture<RateLimitedStack>
{
    private static readonly byte[] s_randomBytes = new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 4096);

    private GraderStack Stack => fixture.Stack;

    private SubmissionRows Rows => new(Stack.Database.ConnectionString);

    [Fact]
    public async Task Random_truncated_and_oversized_uploads_get_a_4xx_problem_and_store_nothing()
    {
        var room = await FaultClass.EnrolAsync(Stack, FaultClass.DoublingSuite(), students: 1);
        var (_, designerToken) = await Stack.Admin.CreateUserAsync($"designer-{Guid.NewGuid():N}"[..20], "박설계", "designer");
        var designer = Stack.Admin.As(designerToken);
        var submissions = $"/api/assignments/{room.AssignmentId}/submissions";
        var roster = $"/api/courses/{room.CourseId}/roster";
        var suiteZip = Zip(("suite.yaml", "slug: broken\ntitle: 깨짐\nlanguages: [python]\ntests:\n  - {name: a, stdin: '1', expectedStdout: '1'}\n"));
        var programZip = Zip(("main.py", FaultClass.DoublingProgram));
        var suitesBefore = await Rows.CountAsync("suites");
        var usersBefore = await Rows.CountAsync("users");
        var membersBefore = await Rows.CountAsync("course_members");

        var attempts = new (GraderClient Client, string Path, string What, Func<HttpContent> Body, HttpStatusCode? Expected)[]
        {
            (room.Students[0], submissions, "random .py", () => File("main.py", s_randomBytes), null),
            (room.Students[0], submissions, "random .zip", () => File("program.zip", s_randomBytes), null),
            (room.Students[0], submissions, "truncated .zip", () => File("program.zip", Half(programZip)), null),
            (room.Students[0], submissions, "random .sb3", () => File("game.sb3", s_randomBytes), null),
            (room.Students[0], submissions, "random project.json", () => File("project.json", s_randomBytes), null),
            (room.Students[0], submissions, "random JSON body", () => Raw(s_randomBytes, "application/json"), null),
            (room.Students[0], submissions, "random multipart body", () => Raw(s_randomBytes, "multipart/form-data; boundary=x0x0x0"), null),
            (room.Students[0], submissions, "truncated multipart body", () => TruncatedForm("main.py", FaultClass.DoublingProgram), null),
            (room.Students[0], submissions, "random octet-stream", () => Raw(s_randomBytes, "application/octet-stream"), null),
            (room.Students[0], submissions, "source over 512 KB", () => JsonContent(new { language = "python", source = new string('#', 600_000) }), HttpStatusCode.RequestEntityTooLarge),
            (room.Students[0], submissions, "9 MB file", () => File("main.py", new byte[9 << 20]), HttpStatusCode.RequestEntityTooLarge),
            (room.Students[0], submissions, "9 MB chunked", () => Chunked(9 << 20), HttpStatusCode.RequestEntityTooLarge),
            (designer, "/api/suites", "random zip", () => Raw(s_randomBytes, "application/zip"), null),
            (designer, "/api/suites", "truncated zip", () => Raw(Half(suiteZip), "application/zip"), null),
            (designer, "/api/suites", "random JSON", () => Raw(s_randomBytes, "application/json"), null),
            (designer, "/api/suites", "random file", () => File("suite.zip", s_randomBytes), null),
            (designer, "/api/suites", "truncated multipart body", () => TruncatedForm("suite.zip", Encoding.Latin1.GetString(suiteZip)), null),
            (designer, "/api/suites", "17 MB zip", () => Raw(new byte[17 << 20], "application/zip"), HttpStatusCode.RequestEntityTooLarge),
            (room.Teacher, roster, "random CSV", () => Raw(s_randomBytes, "text/csv"), null),
            (room.Teacher, roster, "random file", () => File("roster.csv", s_randomBytes), null),
            (room.Teacher, roster, "truncated multipart body", () => TruncatedForm("roster.csv", "학번,아이디,이름\n1,kim,김\n"), null),
            (room.Teacher, roster, "2 MB CSV", () => Raw(new byte[2 << 20], "text/csv"), HttpStatusCode.RequestEntityTooLarge),
        };

        foreach (var (client, path, what, body, expected) in attempts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body() };
            // A client that waits for 100-continue sends nothing the server refuses by its headers.
            request.Headers.ExpectContinue = expected == HttpStatusCode.RequestEntityTooLarge;
            using var response = await client.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500 and not 404, $"{what} → {path}: {status} {text}\n{Stack.Api.ReadLog()}");
            if (expected is not null) Assert.True(expected == response.StatusCode, $"{what} → {path}: {status} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await Rows.OfAssignmentAsync(room.AssignmentId));
        Assert.Equal(suitesBefore, await Rows.CountAsync("suites"));
        Assert.Equal(usersBefore, await Rows.CountAsync("users"));
        Assert.Equal(membersBefore, await Rows.CountAsync("course_members"));
    }

    [Fact]
    public async Task A_student_past_the_rate_limit_gets_429_with_retry_after_and_nothing_is_stored()
    {
        var room = await FaultClass.EnrolAsync(Stack, FaultClass.DoublingSuite(), students: 2);
        var path = $"/api/assignments/{room.AssignmentId}/submissions";
        // Refused programs count as well: the limit guards the API, not the queue.
        for (var n = 0; n < RateLimitedStack.Burst; n++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity,
                (await room.Students[0].SendAsync(HttpMethod.Post, path, new { language = "python", source = "" })).Status);
        }

        var (status, body, response) = await room.Students[0].SendAsync(HttpMethod.Post, path,
            new { language = "python", source = FaultClass.DoublingProgram });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too_many", body!["code"]!.GetValue<string>());
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        // The limit is per student: a classmate still submits.
        Assert.Equal(HttpStatusCode.Accepted, (await room.Students[1].SendAsync(HttpMethod.Post, path,
            new { language = "python", source = FaultClass.DoublingProgram })).Status);
        Assert.Single(await Rows.OfAssignmentAsync(room.AssignmentId));
    }

    [Fact]
    public async Task An_admin_requeues_failed_submissions_and_watches_the_queue()
    {
        var room = await FaultClass.EnrolAsync(Stack, FaultClass.DoublingSuite(), students: 1);
        var student = room.Students[0];
        var admin = Stack.Admin;
        var id = FaultClass.IdOf(await student.SubmitSourceAsync(room.AssignmentId, FaultClass.DoublingProgram));
        await student.WaitGradedAsync(id, TimeSpan.FromSeconds(30));

        await Rows.MarkFailedAsync(id, "The sandbox could not run the submission: Docker is not reachable");
        var queue = await admin.GetOkAsync("/api/admin/queue");
        Assert.Equal(1, queue["submissions"]!["failed"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/admin/queue")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Post, "/api/admin/submissions/requeue", new { })).Status);

        var byId = await admin.PostOkAsync("/api/admin/submissions/requeue", new { ids = new[] { id } });
        Assert.Equal([id], byId["ids"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Equal("passed", (await student.WaitGradedAsync(id, TimeSpan.FromSeconds(30)))["verdict"]!.GetValue<string>());

        await Rows.MarkFailedAsync(id, "Grading did not finish after 7 attempts.");
        var all = await admin.Http.PostAsync("/api/admin/submissions/requeue", null);
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        Assert.Equal("graded", (await student.WaitGradedAsync(id, TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
        Assert.Equal(0, (await admin.GetOkAsync("/api/admin/queue"))["submissions"]!["failed"]!.GetValue<int>());
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static MultipartFormDataContent File(string name, byte[] content) =>
        new() { { new ByteArrayContent(content), "file", name } };

    private static ByteArrayContent Raw(byte[] content, string contentType)
    {
        var raw = new ByteArrayContent(content);
        raw.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return raw;
    }

    /// <summary>The first half of a real multipart form: the body ends before its closing boundary.</summary>
    private static HttpContent TruncatedForm(string fileName, string content)
    {
        var form = File(fileName, Encoding.Latin1.GetBytes(content));
        var bytes = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var truncated = new ByteArrayContent(Half(bytes));
        truncated.Headers.ContentType = form.Headers.ContentType;
        return truncated;
    }

    /// <summary>A JSON source of unknown length, so the server can only find out it is too large by reading it.</summary>
    private static HttpContent Chunked(int bytes)
    {
        var json = Encoding.UTF8.GetBytes("{\"language\": \"python\", \"source\": \"" + new string('#', bytes) + "\"}");
        var chunked = new ChunkedContent(new StreamContent(new MemoryStream(json)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return chunked;
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static byte[] Zip(params (string Path, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var stream = archive.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Hides the length of the content it wraps, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
