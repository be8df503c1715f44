using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Submissions;

/// <summary>
/// Every way the API refuses a submission, answered byte for byte as SPEC.md's clients and the end-to-end tests
/// read it: status, problem <c>code</c>, Korean title, detail and the per-field error. The bodies were taken from
/// the API before its refusals became one typed result, so a change of wire in that rewrite fails here.
/// </summary>
public sealed class SubmissionRefusalWireTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Program = "print(input())\n";

    private readonly Classroom _classroom = new(api);

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "text/plain body", 400,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"요청을 읽을 수 없습니다. 형식을 확인하세요.","status":400,"detail":"Content-Type","code":"bad_request"}""" },
        { "broken JSON", 400,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"요청을 읽을 수 없습니다. 형식을 확인하세요.","status":400,"detail":"body","code":"bad_request"}""" },
        { "key too long", 400,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Idempotency-Key는 1~200자 하나여야 합니다.","status":400,"detail":"Idempotency-Key","code":"idempotency.invalid"}""" },
        { "key reused", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"이 Idempotency-Key는 다른 제출에 이미 쓰였습니다.","status":422,"code":"idempotency.reused"}""" },
        { "no source", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"필수 항목입니다.","status":422,"detail":"source","errors":{"file":["필수 항목입니다."]},"code":"field.required"}""" },
        { "form without file", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"필수 항목입니다.","status":422,"detail":"file","errors":{"file":["필수 항목입니다."]},"code":"field.required"}""" },
        { "source too large", 413,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.14","title":"파일이 너무 큽니다.","status":413,"detail":"source","code":"too_large"}""" },
        { "unknown language", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"이 과제에서 받지 않는 언어입니다.","status":422,"detail":"cobol","errors":{"file":["이 과제에서 받지 않는 언어입니다."]},"code":"submission.language"}""" },
        { "language not accepted", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"이 과제에서 받지 않는 언어입니다.","status":422,"detail":"blockly","errors":{"file":["이 과제에서 받지 않는 언어입니다."]},"code":"submission.language"}""" },
        { "unknown extension", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"이 과제에서 받지 않는 언어입니다.","status":422,"detail":"main.rb","errors":{"file":["이 과제에서 받지 않는 언어입니다."]},"code":"submission.language"}""" },
        { "not UTF-8", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"파일을 읽을 수 없습니다.","status":422,"detail":"main.py","errors":{"file":["파일을 읽을 수 없습니다."]},"code":"submission.file"}""" },
        { "zip without main.py", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"zip 파일 맨 위에 main.py가 있어야 합니다.","status":422,"detail":"program.zip: main.py: The zip holds no main.py at its top.","errors":{"file":["zip 파일 맨 위에 main.py가 있어야 합니다."]},"code":"submission.zip_main"}""" },
        { "unrunnable block", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"채점기가 실행할 수 없는 블록이 있습니다.","status":422,"detail":"'source'의 'robot_dance' 블록","errors":{"file":["채점기가 실행할 수 없는 블록이 있습니다."]},"code":"submission.block"}""" },
        { "late", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"마감이 지나 제출할 수 없습니다.","status":422,"code":"submission.late"}""" },
        { "limit", 422,
            """{"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"제출 횟수를 모두 썼습니다.","status":422,"code":"submission.limit"}""" },
        { "too many", 429,
            """{"title":"너무 자주 제출했습니다. 잠시 후 다시 시도하세요.","status":429,"code":"too_many"}""" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_answers_as_it_always_did(string refusal, int status, string body)
    {
        var (assignmentId, student) = await StudentAsync(refusal);
        var path = $"/api/assignments/{assignmentId}/submissions";
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        switch (refusal)
        {
            case "text/plain body":
                request.Content = new StringContent(Program, Encoding.UTF8, "text/plain");
                break;
            case "broken JSON":
                request.Content = new StringContent("{\"source\":", Encoding.UTF8, "application/json");
                break;
            case "key too long":
                request.Headers.Add("Idempotency-Key", new string('k', 201));
                request.Content = Source(Program);
                break;
            case "key reused":
                await Submit(student, path, Source(Program), "same-key");
                request.Headers.Add("Idempotency-Key", "same-key");
                request.Content = Source("print(2)\n");
                break;
            case "no source":
                request.Content = Source("  ");
                break;
            case "form without file":
                request.Content = new MultipartFormDataContent { { new StringContent("x"), "other" } };
                break;
            case "source too large":
                request.Content = Source(new string('#', 512 * 1024 + 1));
                break;
            case "unknown language":
                request.Content = JsonContent.Create(new { language = "cobol", source = Program });
                break;
            case "language not accepted":
                request.Content = JsonContent.Create(new { language = "blockly", source = BlocklyProgram("text_print") });
                break;
            case "unknown extension":
                request.Content = File("main.rb", "puts 1\n"u8.ToArray());
                break;
            case "not UTF-8":
                request.Content = File("main.py", [0xFF, 0xFE, 0x00]);
                break;
            case "zip without main.py":
                request.Content = File("program.zip", Zip("helper.py"));
                break;
            case "unrunnable block":
                request.Content = JsonContent.Create(new { language = "blockly", source = BlocklyProgram("robot_dance") });
                break;
            case "late":
            case "too many":
                request.Content = Source(Program);
                break;
            case "limit":
                await Submit(student, path, Source(Program), null);
                request.Content = Source(Program);
                break;
        }

        var response = await student.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // The trace id is the request's own; everything else is the same for every such request.
        var answered = Regex.Replace(await response.Content.ReadAsStringAsync(), ",\"traceId\":\"[0-9a-f-]+\"", "");
        Assert.Equal(body, answered);
        Assert.Equal(refusal == "too many", response.Headers.RetryAfter?.Delta is not null);
    }

    private static StringContent Source(string source) =>
        new($$"""{"language":"python","source":{{System.Text.Json.JsonSerializer.Serialize(source)}}}""", Encoding.UTF8, "application/json");

    private static MultipartFormDataContent File(string name, byte[] content) =>
        new() { { new ByteArrayContent(content), "file", name } };

    private static string BlocklyProgram(string block) =>
        $$$"""{"blocks":{"languageVersion":0,"blocks":[{"type":"{{{block}}}","id":"a"}]}}""";

    private static byte[] Zip(string entry)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("x = 1\n");
        }
        return buffer.ToArray();
    }

    private static async Task Submit(GraderClient student, string path, HttpContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        using var response = await student.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>
    /// A student of a fresh course with one Python assignment, each refusal its own (its own rate limit): due
    /// yesterday and refusing late work for "late", one submission allowed for "limit", the burst used up for "too many".
    /// </summary>
    private async Task<(Guid AssignmentId, GraderClient Student)> StudentAsync(string refusal)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var (studentId, student) = await _classroom.UserAsync("student", "김바다");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignmentId = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new
        {
            title = "따라 말하기",
            suiteId = await _classroom.SuiteAsync(),
            dueAt = refusal == "late" ? DateTimeOffset.UtcNow.AddDays(-1) : DateTimeOffset.UtcNow.AddDays(7),
            maxSubmissions = refusal == "limit" ? 1 : (int?)null,
            latePenalty = new { mode = refusal == "late" ? "refuse" : "accept" },
        });
        if (refusal == "too many")
        {
            for (var burst = 0; burst < 10; burst++) await Submit(student, $"/api/assignments/{assignmentId}/submissions", Source(Program), null);
        }
        return (assignmentId, student);
    }
}
