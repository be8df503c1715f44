using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 9: block programs handed in as a child saves them (.sb3, .ent, Blockly JSON), graded by the real API,
/// worker and grader-runner-blocks image; unrunnable files are refused at submission with the block named.
/// </summary>
public sealed class BlockProgramTests(GraderStack stack) : IClassFixture<GraderStack>
{
    /// <summary>Blockly's number prompt is float(...), so it prints 42.0 where Scratch and Entry say 42: float comparison.</summary>
    private static object DoubleSuite() => new
    {
        slug = "double-blocks-" + Guid.NewGuid().ToString("N")[..8],
        title = "두 배",
        languages = new[] { "scratch", "entry", "blockly" },
        limits = new { timeSeconds = 1, memoryMb = 128 },
        requires = new[] { "ask" },
        requiresPoints = 1,
        profilePoints = 2,
        tests = new object[]
        {
            new { name = "whole", points = 2, visibility = "visible", stdin = "21\n", expectedStdout = "42\n", compare = "float" },
            new { name = "decimal", points = 2, visibility = "hidden", stdin = "2.5\n", expectedStdout = "5\n", compare = "float" },
        },
    };

    [Fact]
    public async Task The_double_program_in_Scratch_Entry_and_Blockly_is_graded_right_and_a_wrong_version_wrong()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(DoubleSuite());
        var entryProject = ProjectJsonOfEnt(Fixture("entry", "double.ent"));
        var submissions = new (string Name, string FileName, byte[] Content, bool Right)[]
        {
            ("scratch", "double.sb3", Fixture("scratch", "double.sb3"), true),
            ("entry", "double.ent", Fixture("entry", "double.ent"), true),
            ("blockly", "double.json", Fixture("blockly", "double.json"), true),
            ("scratch x3", "double.sb3", Sb3(ScratchProjectOf(Fixture("scratch", "double.sb3")).Replace("[4,\"2\"]", "[4,\"3\"]")), false),
            ("entry x3", "project.json", Encoding.UTF8.GetBytes(TimesThreeInEntry(entryProject)), false),
            ("blockly x3", "workspace.json", Encoding.UTF8.GetBytes(Text("blockly", "double.json").Replace("\"NUM\":2", "\"NUM\":3")), false),
        };

        var queued = new List<(string Name, bool Right, Guid Id)>();
        foreach (var (name, fileName, content, right) in submissions)
            queued.Add((name, right, (await student.SubmitFileAsync(assignmentId, fileName, content))["id"]!.GetValue<Guid>()));

        foreach (var (name, right, id) in queued)
        {
            var result = await student.WaitGradedAsync(id, TimeSpan.FromSeconds(180));
            var tests = result["tests"]!.AsArray();
            var context = $"{name}: {result.ToJsonString()}";
            Assert.True(result["status"]!.GetValue<string>() == "graded", context);
            Assert.Equal(["whole", "decimal", "requires: ask", "computational thinking"], tests.Select(t => t!["name"]!.GetValue<string>()));
            Assert.True((right ? "passed" : "wrong_answer") == result["verdict"]!.GetValue<string>(), context);
            Assert.True((right ? "passed" : "wrong_answer") == tests[1]!["verdict"]!.GetValue<string>(), context);
            Assert.True("passed" == tests[2]!["verdict"]!.GetValue<string>(), context);

            // The profile is feedback in every view, and here worth its share of 2 points.
            var profile = result["profile"]!;
            var total = profile["total"]!.GetValue<int>();
            Assert.InRange(total, 1, 21);
            Assert.Equal(2, profile["userInteractivity"]!.GetValue<int>());
            Assert.Equal(Math.Round(2m * total / 21, 2), tests[3]!["points"]!.GetValue<decimal>());
            Assert.Equal(tests.Sum(t => t!["points"]!.GetValue<decimal>()), result["score"]!.GetValue<decimal>());
            Assert.Equal(7m, result["maxScore"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task A_forever_loop_is_a_time_limit()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(DoubleSuite());

        var submitted = await student.SubmitFileAsync(assignmentId, "project.json", Fixture("scratch", "forever.json"));
        var result = await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(120));

        Assert.Equal("time_limit_exceeded", result["verdict"]!.GetValue<string>());
        Assert.Equal("", await DockerCli.ListContainersAsync($"label=grader.label={submitted["id"]}"));
    }

    [Fact]
    public async Task Unrunnable_files_are_refused_naming_the_block_and_nothing_is_stored()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(DoubleSuite());
        var videoBlock = ScratchProjectOf(Fixture("scratch", "double.sb3"))
            .Replace("\"opcode\":\"motion_movesteps\"", "\"opcode\":\"videoSensing_videoToggle\"");
        Assert.Contains("videoSensing_videoToggle", videoBlock);

        var (status, body) = await SubmitAsync(student, assignmentId, "double.sb3", Sb3(videoBlock), "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("The program uses a block the grader cannot run.", body["title"]!.GetValue<string>());
        Assert.Contains("videoSensing_videoToggle", body["detail"]!.GetValue<string>());
        Assert.Contains("Cat", body["detail"]!.GetValue<string>());

        (status, body) = await SubmitAsync(student, assignmentId, "mouse.json", Fixture("entry", "unsupported.json"), "ko");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("채점기가 실행할 수 없는 블록이 있습니다.", body["title"]!.GetValue<string>());
        Assert.Contains("coordinate_mouse", body["detail"]!.GetValue<string>());

        var turtle = Text("blockly", "double.json").Replace("\"type\":\"text_print\"", "\"type\":\"turtle_print\"");
        (status, body) = await SubmitAsync(student, assignmentId, "turtle.json", Encoding.UTF8.GetBytes(turtle), "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("turtle_print", body["detail"]!.GetValue<string>());

        (status, body) = await SubmitAsync(student, assignmentId, "broken.sb3", [.. "PK\u0003\u0004 not a zip"u8], "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("broken.sb3", body["detail"]!.GetValue<string>());

        (status, body) = await SubmitAsync(student, assignmentId, "main.py", "print(42)\n"u8.ToArray(), "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("This assignment does not accept that language.", body["title"]!.GetValue<string>());

        Assert.Empty((await student.GetOkAsync($"/api/assignments/{assignmentId}/submissions")).AsArray());
    }

    [Fact]
    public async Task A_suite_with_a_Scratch_reference_is_validated_by_running_it()
    {
        var manifest = $$"""
            slug: double-reference-{{Guid.NewGuid().ToString("N")[..8]}}
            title: 두 배
            languages: [scratch, entry]
            reference: {language: scratch, file: double.sb3}
            tests:
              - {name: whole, points: 1, stdin: "21\n", expectedStdout: "42\n"}
              - {name: odd, points: 1, stdin: "7\n", expectedStdout: "15\n"}
            """;
        using var upload = new ByteArrayContent(Zip(("suite.yaml", Utf8(manifest)), ("double.sb3", Fixture("scratch", "double.sb3"))));
        upload.Headers.ContentType = new("application/zip");
        var created = await stack.Admin.Http.PostAsync("/api/suites", upload);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var suiteId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();

        JsonNode suite;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(200);
            suite = await stack.Admin.GetOkAsync($"/api/suites/{suiteId}");
        }
        while (suite["validation"]!["status"]!.GetValue<string>() == "pending" && DateTime.UtcNow < deadline);

        // The reference doubles 7 to 14, so the designer's wrong expectation is the one failure, with what it said.
        Assert.Equal("failed", suite["validation"]!["status"]!.GetValue<string>());
        var failure = suite["validation"]!["report"]!["failures"]!.AsArray().Single()!;
        Assert.Equal("odd", failure["test"]!.GetValue<string>());
        Assert.Equal("14\n", failure["stdout"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SubmitAsync(
        GraderClient student, Guid assignmentId, string fileName, byte[] content, string language)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{assignmentId}/submissions") { Content = form };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await student.Http.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string FixturePath(string language, string file)
    {
        // The block fixtures live with the runner tests; find them from the repository root.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Grader.sln"))) folder = folder.Parent!;
        return Path.Combine(folder.FullName, "tests", "Grader.Grading.Tests", "Fixtures", language, file);
    }

    private static byte[] Fixture(string language, string file) => File.ReadAllBytes(FixturePath(language, file));

    private static string Text(string language, string file) => File.ReadAllText(FixturePath(language, file));

    private static string ScratchProjectOf(byte[] sb3)
    {
        using var zip = new ZipArchive(new MemoryStream(sb3));
        using var reader = new StreamReader(zip.GetEntry("project.json")!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] Sb3(string projectJson)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("project.json").Open());
            writer.Write(projectJson);
        }
        return buffer.ToArray();
    }

    private static string ProjectJsonOfEnt(byte[] ent)
    {
        using var tar = new TarReader(new GZipStream(new MemoryStream(ent), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == "temp/project.json")
                return new StreamReader(entry.DataStream!).ReadToEnd();
        }

        throw new InvalidDataException("the .ent fixture has no temp/project.json");
    }

    /// <summary>The multiplier's number block inside the object's script, which Entry stores as a JSON string.</summary>
    private static string TimesThreeInEntry(string projectJson)
    {
        var project = JsonNode.Parse(projectJson)!;
        var entryObject = project["objects"]![0]!;
        var script = entryObject["script"]!.GetValue<string>();
        Assert.Contains("\"params\": [\"2\"]", script);
        entryObject["script"] = script.Replace("\"params\": [\"2\"]", "\"params\": [\"3\"]");
        return project.ToJsonString();
    }
}
