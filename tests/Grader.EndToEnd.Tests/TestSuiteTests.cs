using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 3: suites as course designers write them, through the real API, worker and Docker: every comparison
/// mode, call tests and checkers, hidden tests that cannot leak, refused manifests, validation and regrades.
/// </summary>
public sealed class TestSuiteTests(GraderStack stack) : IClassFixture<GraderStack>
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A course with its teacher, a designer, and students enrolled.</summary>
    private sealed record Classroom(GraderClient Teacher, GraderClient Designer, IReadOnlyList<GraderClient> Students, Guid CourseId);

    private async Task<Classroom> ClassroomAsync(int students = 1)
    {
        var admin = stack.Admin;
        var tag = Unique();
        var (_, teacherToken) = await admin.CreateUserAsync($"teacher-{tag}", "김선생", "teacher");
        var (_, designerToken) = await admin.CreateUserAsync($"designer-{tag}", "박설계", "designer");
        var teacher = admin.As(teacherToken);
        var course = await teacher.PostOkAsync("/api/courses", new { name = "파이썬 기초", kind = "general" });
        var courseId = course["id"]!.GetValue<Guid>();
        var clients = new List<GraderClient>();
        for (var i = 0; i < students; i++)
        {
            var (studentId, studentToken) = await admin.CreateUserAsync($"student-{tag}-{i}", $"학생{i}", "student");
            await admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
            clients.Add(admin.As(studentToken));
        }
        return new Classroom(teacher, admin.As(designerToken), clients, courseId);
    }

    private static async Task<Guid> AssignAsync(Classroom classroom, Guid suiteId)
    {
        var assignment = await classroom.Teacher.PostOkAsync($"/api/courses/{classroom.CourseId}/assignments",
            new { title = "과제", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        return assignment["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Every_compare_mode_tells_a_right_program_from_a_wrong_one()
    {
        var classroom = await ClassroomAsync();
        var suiteId = await classroom.Designer.CreateSuiteAsync(new
        {
            slug = "modes-" + Unique(),
            title = "비교 방식",
            languages = new[] { "python" },
            tests = new object[]
            {
                new { name = "exact", points = 1, visibility = "visible", stdin = "exact\n", expectedStdout = "Hello, World!\n  indented\n", compare = "exact" },
                new { name = "trim", points = 1, visibility = "visible", stdin = "trim\n", expectedStdout = "a b\nc\n", compare = "trim" },
                new { name = "tokens", points = 1, visibility = "visible", stdin = "tokens\n", expectedStdout = "1 2 3\n", compare = "tokens" },
                new { name = "float", points = 1, visibility = "visible", stdin = "float\n", expectedStdout = "3.14159265\n", compare = "float", tolerance = new { absolute = 1e-3 } },
                new { name = "regex", points = 1, visibility = "visible", stdin = "regex\n", expectedStdout = @"^Score: \d+ points$", compare = "regex" },
                new { name = "unordered", points = 1, visibility = "visible", stdin = "unordered\n", expectedStdout = "apple\nbanana\ncherry\n", compare = "unordered_lines" },
            },
        });
        var assignmentId = await AssignAsync(classroom, suiteId);
        var student = classroom.Students[0];

        // The right program comes as a zip of two modules, as SPEC.md allows for Python.
        var right = Zip(
            ("main.py", Utf8("from answers import ANSWERS\nprint(ANSWERS[input().strip()], end='')\n")),
            ("answers.py", Utf8("""
                ANSWERS = {
                    'exact': 'Hello, World!\n  indented\n',
                    'trim': 'a b   \nc\n\n',
                    'tokens': '1\n2     3',
                    'float': '3.1416\n',
                    'regex': 'Score: 42 points\n',
                    'unordered': 'cherry\napple\nbanana\n',
                }
                """)));
        var wrong = Answers(("exact", "Hello World!\\n  indented\\n"), ("trim", "a c\\n"), ("tokens", "1 2 4\\n"),
            ("float", "3.2\\n"), ("regex", "Score: many points\\n"), ("unordered", "apple\\nbanana\\n"));
        var layout = Answers(("exact", "Hello,  World!\\nindented"), ("trim", "a  b\\nc\\n"), ("tokens", "1 2 3\\n"),
            ("float", "3.14159\\n"), ("regex", "Score: 7 points\\n"), ("unordered", "banana\\ncherry\\napple\\n"));

        // A zip without main.py, or with an entry that escapes its folder, is refused and nothing is stored.
        foreach (var (zip, code) in new[]
        {
            (Zip(("helper.py", Utf8("x = 1\n"))), "submission.zip_main"),
            (Zip(("main.py", Utf8("print(1)\n")), ("../evil.py", Utf8("x = 1\n"))), "submission.file"),
        })
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(zip), "file", "program.zip" } };
            using var refused = await student.Http.PostAsync($"/api/assignments/{assignmentId}/submissions", form);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal(code, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        }
        Assert.Empty((await student.GetOkAsync($"/api/assignments/{assignmentId}/submissions")).AsArray());

        var rightId = (await student.SubmitFileAsync(assignmentId, "program.zip", right))["id"]!.GetValue<Guid>();
        var wrongId = (await student.SubmitSourceAsync(assignmentId, wrong))["id"]!.GetValue<Guid>();
        var layoutId = (await student.SubmitSourceAsync(assignmentId, layout))["id"]!.GetValue<Guid>();

        var rightResult = await student.WaitGradedAsync(rightId, s_gradingTimeout);
        Assert.Equal("passed", rightResult["verdict"]!.GetValue<string>());
        Assert.Equal(6m, rightResult["score"]!.GetValue<decimal>());

        var wrongResult = await student.WaitGradedAsync(wrongId, s_gradingTimeout);
        Assert.Equal(0m, wrongResult["score"]!.GetValue<decimal>());
        Assert.All(Tests(wrongResult), t => Assert.Equal("wrong_answer", t["verdict"]!.GetValue<string>()));
        // Feedback names the first differing line of a visible test, in Korean by default.
        var exactMessage = Tests(wrongResult)[0]["message"]!.GetValue<string>();
        Assert.Contains("1번째 줄", exactMessage);
        Assert.Contains("\"Hello, World!\"", exactMessage);
        Assert.Contains("\"Hello World!\"", exactMessage);
        Assert.Contains("이 줄이 안 나왔어요: \"cherry\"", Tests(wrongResult)[5]["message"]!.GetValue<string>());
        Assert.StartsWith("\"exact\" 테스트:", wrongResult["message"]!.GetValue<string>());

        var english = await GetInEnglishAsync(student, $"/api/submissions/{wrongId}");
        Assert.Contains("Line 1 differs. Expected \"Hello, World!\", yours \"Hello World!\".", Tests(english)[0]["message"]!.GetValue<string>());
        Assert.Contains("Line 1 differs. Expected \"3\", yours \"4\".", Tests(english)[2]["message"]!.GetValue<string>());

        var layoutResult = await student.WaitGradedAsync(layoutId, s_gradingTimeout);
        Assert.Equal(["presentation_error", "presentation_error", "passed", "passed", "passed", "passed"],
            Tests(layoutResult).Select(t => t["verdict"]!.GetValue<string>()));
        Assert.Equal("presentation_error", layoutResult["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_group_scores_only_when_all_its_tests_pass_and_the_result_shows_each_group()
    {
        var classroom = await ClassroomAsync();
        var suiteId = await classroom.Designer.CreateSuiteAsync(new
        {
            slug = "groups-" + Unique(),
            title = "부분 문제",
            languages = new[] { "python" },
            groups = new Dictionary<string, int> { ["small"] = 3, ["large"] = 7 },
            tests = new object[]
            {
                new { name = "example", points = 1, visibility = "visible", stdin = "example\n", expectedStdout = "YES\n", caseSensitive = false },
                new { name = "small-1", group = "small", stdin = "small-1\n", expectedStdout = "1\n" },
                new { name = "small-2", group = "small", stdin = "small-2\n", expectedStdout = "2\n" },
                new { name = "large-1", group = "large", stdin = "large-1\n", expectedStdout = "10\n" },
                new { name = "large-2", group = "large", stdin = "large-2\n", expectedStdout = "20\n" },
            },
        });
        var assignmentId = await AssignAsync(classroom, suiteId);
        var student = classroom.Students[0];

        // Right on the example (in lower case), the small group and one of the two large tests.
        var program = Answers(("example", "yes\\n"), ("small-1", "1\\n"), ("small-2", "2\\n"), ("large-1", "10\\n"), ("large-2", "21\\n"));
        var id = (await student.SubmitSourceAsync(assignmentId, program))["id"]!.GetValue<Guid>();
        var result = await student.WaitGradedAsync(id, s_gradingTimeout);

        Assert.Equal((4m, 11m), (result["score"]!.GetValue<decimal>(), result["maxScore"]!.GetValue<decimal>()));
        Assert.Equal("wrong_answer", result["verdict"]!.GetValue<string>());
        Assert.Equal([("small", "passed", 3m, 3m), ("large", "wrong_answer", 0m, 7m)], result["groups"]!.AsArray().Select(g =>
            (g!["name"]!.GetValue<string>(), g["verdict"]!.GetValue<string>(), g["points"]!.GetValue<decimal>(), g["maxPoints"]!.GetValue<decimal>())));
        Assert.Equal(["small-1", "small-2"], result["groups"]![0]!["tests"]!.AsArray().Select(t => t!.GetValue<string>()));
        // A grouped test carries no points of its own, only its group.
        Assert.Equal([(null, 1m), ("small", 0m), ("small", 0m), ("large", 0m), ("large", 0m)],
            Tests(result).Select(t => (t["group"]?.GetValue<string>(), t["points"]!.GetValue<decimal>())));
        Assert.Equal("passed", Tests(result)[3]["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_call_test_compares_the_return_value_and_a_checker_gives_partial_points()
    {
        var classroom = await ClassroomAsync();
        var manifest = $$"""
            slug: checked-{{Unique()}}
            title: 함수와 채점기
            languages: [python]
            tests:
              - name: add
                points: 2
                visibility: visible
                call: {function: add, args: [2, 3]}
                expected: 5
              - name: squares
                points: 4
                visibility: visible
                stdin: "5\n"
                expectedStdout: "1\n4\n9\n16\n25\n"
                checker: check_squares.py
            """;
        const string Checker = """
            import json
            expected = open('expected.txt').read().split()
            actual = open('actual.txt').read().split()
            count = int(open('input.txt').read())
            right = sum(1 for want, got in zip(expected, actual) if want == got)
            print('checking', count, 'squares')
            print(json.dumps({'score': right / count, 'message': f'{right}/{count} squares are right'}))
            """;
        var suiteId = await UploadOkAsync(classroom.Designer, Zip(("suite.yaml", Utf8(manifest)), ("check_squares.py", Utf8(Checker))));
        var assignmentId = await AssignAsync(classroom, suiteId);
        var student = classroom.Students[0];

        const string Program = """
            def add(a, b):
                return a + b

            if __name__ == '__main__':
                for i in range(1, int(input()) + 1):
                    print(10 if i == 3 else i * i)
            """;
        var submitted = await student.SubmitSourceAsync(assignmentId, Program);
        var result = await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), s_gradingTimeout);

        var tests = Tests(result);
        Assert.Equal("passed", tests[0]["verdict"]!.GetValue<string>());
        Assert.Equal(2m, tests[0]["points"]!.GetValue<decimal>());
        Assert.Equal("wrong_answer", tests[1]["verdict"]!.GetValue<string>());
        Assert.Equal(3.2m, tests[1]["points"]!.GetValue<decimal>());
        Assert.Contains("4/5 squares are right", tests[1]["message"]!.GetValue<string>());
        Assert.Equal(5.2m, result["score"]!.GetValue<decimal>());
        Assert.Equal(6m, result["maxScore"]!.GetValue<decimal>());

        var wrongAdd = await student.SubmitSourceAsync(assignmentId, "def add(a, b):\n    return a * b\n");
        var wrongResult = await student.WaitGradedAsync(wrongAdd["id"]!.GetValue<Guid>(), s_gradingTimeout);
        Assert.Equal("wrong_answer", Tests(wrongResult)[0]["verdict"]!.GetValue<string>());
        Assert.Contains("정답: 5, 내 값: 6", Tests(wrongResult)[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_interactive_suite_plays_the_guessing_game_and_a_crashing_interactor_is_the_teachers_to_read()
    {
        var classroom = await ClassroomAsync();
        var manifest = $"""
            slug: guess-{Unique()}
            title: 숫자 맞히기
            languages: [python]
            tests:
              - name: game
                points: 6
                visibility: visible
                stdin: "1 100 7"
                interactive: {"{"}file: game/interactor.py{"}"}
              - name: broken
                points: 4
                visibility: visible
                interactive: {"{"}file: broken.py{"}"}
            """;
        var suiteId = await UploadOkAsync(classroom.Designer, Zip(("suite.yaml", Utf8(manifest)),
            ("game/interactor.py", Utf8(GuessingGame.Interactor)), ("broken.py", Utf8("raise ValueError('interactor bug')\n"))));
        var assignmentId = await AssignAsync(classroom, suiteId);
        var student = classroom.Students[0];

        var right = await student.SubmitSourceAsync(assignmentId, GuessingGame.Right);
        var rightId = right["id"]!.GetValue<Guid>();
        var graded = await student.WaitGradedAsync(rightId, s_gradingTimeout);
        var tests = Tests(graded);
        Assert.Equal(("passed", 6m), (tests[0]["verdict"]!.GetValue<string>(), tests[0]["points"]!.GetValue<decimal>()));
        Assert.EndsWith("정답\n", tests[0]["stdout"]!.GetValue<string>());
        Assert.Equal("internal_error", tests[1]["verdict"]!.GetValue<string>());
        Assert.Equal(6m, graded["score"]!.GetValue<decimal>());
        // The student reads the neutral message only; the teacher reads what the interactor raised.
        Assert.Equal("채점기에 문제가 생겼어요. 선생님께 알려 주세요.", tests[1]["message"]!.GetValue<string>());
        var teachers = Tests(await classroom.Teacher.GetOkAsync($"/api/submissions/{rightId}"));
        Assert.Contains("ValueError", teachers[1]["message"]!.GetValue<string>());

        var wrong = await student.SubmitSourceAsync(assignmentId, GuessingGame.Wrong);
        var wrongTests = Tests(await student.WaitGradedAsync(wrong["id"]!.GetValue<Guid>(), s_gradingTimeout));
        Assert.Equal(("wrong_answer", 0m), (wrongTests[0]["verdict"]!.GetValue<string>(), wrongTests[0]["points"]!.GetValue<decimal>()));
        Assert.DoesNotContain("정답", wrongTests[0]["stdout"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_hidden_expected_output_never_reaches_the_container_nor_the_student()
    {
        var classroom = await ClassroomAsync();
        var leak = "LEAK" + Guid.NewGuid().ToString("N");
        var control = "CONTROL" + Guid.NewGuid().ToString("N");
        var hiddenInput = "INPUT" + Guid.NewGuid().ToString("N");
        var manifest = $"""
            slug: leak-{Unique()}
            title: 숨은 테스트
            languages: [python]
            limits: {"{"}timeSeconds: 20, memoryMb: 128{"}"}
            tests:
              - name: scan
                points: 1
                visibility: visible
                stdin: "scan\n"
                expectedStdout: "control:found leak:not-found\n"
              - name: secret
                points: 1
                visibility: hidden
                stdin: "{hiddenInput}\n"
                expectedStdout: "{leak}\n"
            """;
        // The control token sits in a data file the program may read: finding it proves the search works.
        var suiteId = await UploadOkAsync(classroom.Designer,
            Zip(("suite.yaml", Utf8(manifest)), ("data.txt", Utf8(control + "\n"))));
        var assignmentId = await AssignAsync(classroom, suiteId);
        var student = classroom.Students[0];

        // The tokens are written reversed, so the program's own file does not hold them.
        var program = $$"""
            import os, stat
            line = input()
            if line != 'scan':
                print('PROGRAM-OUTPUT-' + line)
                raise SystemExit
            needles = {'control': '{{Reverse(control)}}'[::-1].encode(), 'leak': '{{Reverse(leak)}}'[::-1].encode()}
            found = set()
            def look(data):
                found.update(name for name, needle in needles.items() if needle in data)
            look('\n'.join(f'{k}={v}' for k, v in os.environ.items()).encode())
            budget = 400 * 1024 * 1024
            for root, dirs, files in os.walk('/', onerror=lambda e: None):
                if root == '/':
                    dirs[:] = [d for d in dirs if d not in ('proc', 'sys', 'dev')]
                for name in files:
                    path = os.path.join(root, name)
                    try:
                        if not stat.S_ISREG(os.lstat(path).st_mode) or budget <= 0:
                            continue
                        with open(path, 'rb') as f:
                            data = f.read(min(budget, 4 * 1024 * 1024))
                        budget -= len(data)
                        look(data)
                    except OSError:
                        pass
            for pid in filter(str.isdigit, os.listdir('/proc')):
                for name in ('environ', 'cmdline'):
                    try:
                        look(open(f'/proc/{pid}/{name}', 'rb').read())
                    except OSError:
                        pass
            print('control:' + ('found' if 'control' in found else 'not-found'), 'leak:' + ('found' if 'leak' in found else 'not-found'))
            """;
        var submitted = await student.SubmitSourceAsync(assignmentId, program);
        var submissionId = submitted["id"]!.GetValue<Guid>();
        var result = await student.WaitGradedAsync(submissionId, TimeSpan.FromSeconds(120));

        var tests = Tests(result);
        Assert.Equal("control:found leak:not-found\n", tests[0]["stdout"]?.GetValue<string>());
        Assert.Equal("passed", tests[0]["verdict"]!.GetValue<string>());
        Assert.Equal("wrong_answer", tests[1]["verdict"]!.GetValue<string>());

        // The student's view of the hidden test has its name, verdict and points only.
        foreach (var path in new[] { $"/api/submissions/{submissionId}", $"/api/assignments/{assignmentId}/submissions" })
        {
            var raw = await student.Http.GetStringAsync(path);
            Assert.DoesNotContain(leak, raw);
            Assert.DoesNotContain(hiddenInput, raw);
            Assert.DoesNotContain("PROGRAM-OUTPUT-", raw);
        }
        // The teacher sees it, so the hiding above is the view's doing, not an empty record.
        var teacherView = await classroom.Teacher.Http.GetStringAsync($"/api/submissions/{submissionId}");
        Assert.Contains("PROGRAM-OUTPUT-" + hiddenInput, teacherView);
        Assert.Contains(leak, teacherView);
    }

    public static TheoryData<string, byte[], string> BadUploads => new()
    {
        { "unknown key", Utf8("slug: bad\ntitle: 나쁨\nlanguages: [python]\ntimeout: 3\ntests:\n  - {name: a, points: 1, expectedStdout: x}\n"), "suite.yaml:4" },
        { "missing file", Zip(("suite.yaml", Utf8(Bad("  - name: a\n    points: 1\n    stdinFile: big.in\n    expectedStdout: x\n")))), "suite.yaml:7" },
        { "no expectation", Utf8(Bad("  - name: a\n    points: 1\n    stdin: \"1\"\n")), "suite.yaml:5" },
        { "regex that does not compile", Utf8(Bad("  - name: a\n    points: 1\n    compare: regex\n    expectedStdout: \"([a-z\"\n")), "suite.yaml:8" },
        { "entry with ..", Zip(("suite.yaml", Utf8(Good)), ("../evil.txt", Utf8("x"))), "../evil.txt" },
        { "absolute entry", Zip(("suite.yaml", Utf8(Good)), ("/etc/evil.txt", Utf8("x"))), "/etc/evil.txt" },
        { "symbolic link", Zip(("suite.yaml", Utf8(Good), 0), ("link.txt", Utf8("/etc/passwd"), UnixSymlinkMode)), "link.txt" },
        { "zip bomb", Zip(("suite.yaml", Utf8(Good)), ("bomb.bin", new byte[65 * 1024 * 1024])), "bomb.bin" },
        { "not UTF-8", Zip(("suite.yaml", Utf8(Bad("  - name: a\n    points: 1\n    stdinFile: in.txt\n    expectedStdout: x\n"))),
            ("in.txt", [0xC3, 0x28, 0xFF])), "in.txt" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_manifest_is_refused_naming_its_line_or_file_and_nothing_is_stored(string why, byte[] upload, string where)
    {
        var classroom = await ClassroomAsync(students: 0);
        var before = (await classroom.Designer.GetOkAsync("/api/suites")).AsArray().Count;

        var (status, body) = await UploadAsync(classroom.Designer, upload);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{why}: {(int)status} {body}");
        var errors = body!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(where), $"{why}: no error at {where} in {body}");
        Assert.Equal(before, (await classroom.Designer.GetOkAsync("/api/suites")).AsArray().Count);
    }

    [Fact]
    public async Task Moving_an_assignment_to_a_new_version_regrades_every_submission_and_keeps_the_old_scores()
    {
        var classroom = await ClassroomAsync(students: 2);
        var slug = "double-" + Unique();
        object Version(string largeExpected) => new
        {
            slug,
            title = "두 배",
            languages = new[] { "python" },
            tests = new object[]
            {
                new { name = "small", points = 2, visibility = "visible", stdin = "4\n", expectedStdout = "8\n" },
                new { name = "large", points = 3, visibility = "hidden", stdin = "10\n", expectedStdout = largeExpected },
            },
        };
        var v1 = await classroom.Designer.CreateSuiteAsync(Version("20\n"));
        var assignmentId = await AssignAsync(classroom, v1);
        var doubling = await classroom.Students[0].SubmitSourceAsync(assignmentId, "print(int(input()) * 2)\n");
        var addingFour = await classroom.Students[1].SubmitSourceAsync(assignmentId, "print(int(input()) + 4)\n");
        var submissions = new[] { (classroom.Students[0], doubling["id"]!.GetValue<Guid>()), (classroom.Students[1], addingFour["id"]!.GetValue<Guid>()) };
        foreach (var (student, id) in submissions) await student.WaitGradedAsync(id, s_gradingTimeout);

        // Version 2 fixes the expected output of the hidden test: now "add four" is right and "double" is not.
        var v2 = await classroom.Designer.CreateSuiteAsync(Version("14\n"));
        var other = await classroom.Designer.CreateSuiteAsync(new
        {
            slug = "other-" + Unique(), title = "다른 문제", languages = new[] { "python" },
            tests = new object[] { new { name = "a", points = 1, expectedStdout = "1\n" } },
        });
        var (refused, refusedBody, _) = await classroom.Teacher.SendAsync(HttpMethod.Put, $"/api/assignments/{assignmentId}/suite", new { suiteId = other });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.NotNull(refusedBody!["errors"]!["suiteId"]);
        var (stranger, _, _) = await (await ClassroomAsync(students: 0)).Teacher.SendAsync(HttpMethod.Put, $"/api/assignments/{assignmentId}/suite", new { suiteId = v2 });
        Assert.Equal(HttpStatusCode.NotFound, stranger);

        var (moved, movedBody, _) = await classroom.Teacher.SendAsync(HttpMethod.Put, $"/api/assignments/{assignmentId}/suite", new { suiteId = v2 });
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal(2, movedBody!["regrading"]!.GetValue<int>());
        Assert.Equal(2, movedBody["assignment"]!["suiteVersion"]!.GetValue<int>());

        var expected = new[] { (Old: 5m, New: 2m), (Old: 2m, New: 5m) };
        for (var i = 0; i < submissions.Length; i++)
        {
            var (student, id) = submissions[i];
            var regraded = await student.WaitGradedAsync(id, s_gradingTimeout);
            Assert.Equal(expected[i].New, regraded["score"]!.GetValue<decimal>());
            Assert.Equal(v2, regraded["suiteId"]!.GetValue<Guid>());
            var history = Assert.Single(regraded["history"]!.AsArray())!;
            Assert.Equal(v1, history["suiteId"]!.GetValue<Guid>());
            Assert.Equal(expected[i].Old, history["score"]!.GetValue<decimal>());
            Assert.Equal(5m, history["maxScore"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task A_regrade_preview_names_whose_score_would_change_touching_no_submission_and_applying_it_is_the_move()
    {
        var classroom = await ClassroomAsync(students: 3);
        var slug = "triple-" + Unique();
        object Version(string hiddenExpected) => new
        {
            slug, title = "세 배", languages = new[] { "python" },
            tests = new object[]
            {
                new { name = "small", points = 1, visibility = "visible", stdin = "1\n", expectedStdout = "3\n" },
                new { name = "large", points = 1, visibility = "hidden", stdin = "5\n", expectedStdout = hiddenExpected },
            },
        };
        var v1 = await classroom.Designer.CreateSuiteAsync(Version("15\n"));
        var assignmentId = await AssignAsync(classroom, v1);
        // Tripling is right under v1; adding two is right under v2 (1+2 = 3, 5+2 = 7); the third never submits.
        var tripling = (await classroom.Students[0].SubmitSourceAsync(assignmentId, "print(int(input()) * 3)\n"))["id"]!.GetValue<Guid>();
        var addingTwo = (await classroom.Students[1].SubmitSourceAsync(assignmentId, "print(int(input()) + 2)\n"))["id"]!.GetValue<Guid>();
        await classroom.Students[0].WaitGradedAsync(tripling, s_gradingTimeout);
        await classroom.Students[1].WaitGradedAsync(addingTwo, s_gradingTimeout);
        var v2 = await classroom.Designer.CreateSuiteAsync(Version("7\n"));
        var rows = new Faults.SubmissionRows(stack.Database.ConnectionString);
        var gradedBefore = (await rows.OfAssignmentAsync(assignmentId)).ToDictionary(r => r.Id, r => r.GradedAt);
        var previews = $"/api/assignments/{assignmentId}/regrade-previews";

        var (same, sameBody, _) = await classroom.Teacher.SendAsync(HttpMethod.Post, previews, new { suiteId = v1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same);
        Assert.NotNull(sameBody!["errors"]!["suiteId"]);
        var (stranger, _, _) = await (await ClassroomAsync(students: 0)).Teacher.SendAsync(HttpMethod.Post, previews, new { suiteId = v2 });
        Assert.Equal(HttpStatusCode.NotFound, stranger);
        var (student, _, _) = await classroom.Students[0].SendAsync(HttpMethod.Post, previews, new { suiteId = v2 });
        Assert.Equal(HttpStatusCode.Forbidden, student);

        var cancelled = await PreviewAsync(classroom.Teacher, previews, v2);
        Assert.Equal(2, cancelled["runs"]!.GetValue<int>());
        var changes = cancelled["changes"]!.AsArray();
        Assert.Equal(2, changes.Count);
        var lost = changes.Single(c => c!["login"]!.GetValue<string>().EndsWith("-0"))!;
        Assert.Equal(2m, lost["before"]!["score"]!.GetValue<decimal>());
        Assert.Equal(1m, lost["after"]!["score"]!.GetValue<decimal>());
        Assert.Equal(100m, lost["before"]!["achievementRate"]!.GetValue<decimal>());
        Assert.Equal(50m, lost["after"]!["achievementRate"]!.GetValue<decimal>());
        var gained = changes.Single(c => c!["login"]!.GetValue<string>().EndsWith("-1"))!;
        Assert.Equal(1m, gained["before"]!["score"]!.GetValue<decimal>());
        Assert.Equal(2m, gained["after"]!["score"]!.GetValue<decimal>());
        var (otherCourse, _, _) = await (await ClassroomAsync(students: 0)).Teacher.SendAsync(HttpMethod.Get, $"{previews}/{cancelled["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, otherCourse);
        // Previewing graded nothing of the submissions themselves.
        var afterPreview = await rows.OfAssignmentAsync(assignmentId);
        Assert.All(afterPreview, r => Assert.Equal(gradedBefore[r.Id], r.GradedAt));
        Assert.Equal(2m, (await classroom.Students[0].GetOkAsync($"/api/submissions/{tripling}"))["score"]!.GetValue<decimal>());

        var (deleted, _, _) = await classroom.Teacher.SendAsync(HttpMethod.Delete, $"{previews}/{cancelled["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(0, await rows.CountAsync("regrade_preview_runs"));
        Assert.Equal(0, await rows.CountAsync("regrade_previews"));
        var (gone, _, _) = await classroom.Teacher.SendAsync(HttpMethod.Get, $"{previews}/{cancelled["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, gone);

        var applied = await PreviewAsync(classroom.Teacher, previews, v2);
        var (moved, movedBody, _) = await classroom.Teacher.SendAsync(HttpMethod.Post, $"{previews}/{applied["id"]}/apply", new { });
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal(2, movedBody!["regrading"]!.GetValue<int>());
        Assert.Equal(v2, movedBody["assignment"]!["suiteId"]!.GetValue<Guid>());
        Assert.Equal(1m, (await classroom.Students[0].WaitGradedAsync(tripling, s_gradingTimeout))["score"]!.GetValue<decimal>());
        Assert.Equal(2m, (await classroom.Students[1].WaitGradedAsync(addingTwo, s_gradingTimeout))["score"]!.GetValue<decimal>());
        // The move took every preview of the assignment with it: none can be applied against the version it left.
        Assert.Equal(0, await rows.CountAsync("regrade_previews"));
        var (again, _, _) = await classroom.Teacher.SendAsync(HttpMethod.Post, $"{previews}/{applied["id"]}/apply", new { });
        Assert.Equal(HttpStatusCode.NotFound, again);
    }

    /// <summary>Starts a preview and polls it until every run is graded.</summary>
    private static async Task<JsonNode> PreviewAsync(GraderClient teacher, string previews, Guid suiteId)
    {
        var created = await teacher.PostOkAsync(previews, new { suiteId });
        var deadline = DateTime.UtcNow + s_gradingTimeout;
        while (true)
        {
            var preview = await teacher.GetOkAsync($"{previews}/{created["id"]}");
            if (preview["done"]!.GetValue<bool>()) return preview;
            Assert.True(DateTime.UtcNow < deadline, $"preview not done: {preview}");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task A_reference_that_fails_marks_the_suite_failed_naming_the_test_and_what_it_printed()
    {
        var classroom = await ClassroomAsync(students: 0);
        var manifest = $"""
            slug: validated-{Unique()}
            title: 검증
            languages: [python]
            reference: {"{"}language: python, file: solution.py{"}"}
            tests:
              - name: small
                points: 1
                stdin: "2\n"
                expectedStdout: "4\n"
              - name: hard
                points: 1
                stdin: "-3\n"
                expectedStdout: "9\n"
              - name: checked
                points: 1
                stdin: "2\n"
                expectedStdout: "4\n"
                checker: broken_checker.py
            """;
        var upload = Zip(("suite.yaml", Utf8(manifest)),
            ("solution.py", Utf8("n = int(input())\nprint(n * abs(n) if n > 0 else n * n * -1)\n")),
            ("broken_checker.py", Utf8("raise ValueError('checker bug')\n")));
        var suiteId = await UploadOkAsync(classroom.Designer, upload);

        var suite = await classroom.Designer.WaitValidatedAsync(suiteId, s_gradingTimeout);
        Assert.Equal("failed", suite["validation"]!["status"]!.GetValue<string>());
        var failures = suite["validation"]!["report"]!["failures"]!.AsArray();
        Assert.Equal(["hard", "checked"], failures.Select(f => f!["test"]!.GetValue<string>()));
        Assert.Equal("wrong_answer", failures[0]!["verdict"]!.GetValue<string>());
        Assert.Equal("-9\n", failures[0]!["stdout"]!.GetValue<string>());
        Assert.Equal("internal_error", failures[1]!["verdict"]!.GetValue<string>());
        Assert.Contains("ValueError", failures[1]!["error"]!.GetValue<string>());

        var (status, body, _) = await classroom.Teacher.SendAsync(HttpMethod.Post, $"/api/courses/{classroom.CourseId}/assignments",
            new { title = "과제", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]!["suiteId"]);
    }

    [Fact]
    public async Task A_program_printing_nul_and_a_lone_surrogate_is_graded_with_them_shown_as_replacement_characters()
    {
        var classroom = await ClassroomAsync();
        var suiteId = await classroom.Designer.CreateSuiteAsync(new
        {
            slug = "nul-" + Unique(),
            title = "널 문자",
            languages = new[] { "python" },
            tests = new object[] { new { name = "nul", points = 1, visibility = "visible", stdin = "", expectedStdout = "ab\n" } },
        });
        var assignmentId = await AssignAsync(classroom, suiteId);
        // NUL printed, the UTF-8 form of a lone surrogate written as bytes, and one in the error message.
        const string Program = """
            import sys
            print("a\x00b", flush=True)
            sys.stdout.buffer.write(b"c\xed\xa0\x80d\n")
            sys.stdout.flush()
            raise ValueError("bad \ud800 end")
            """;

        var submission = await classroom.Students[0].SubmitSourceAsync(assignmentId, Program);
        var graded = await classroom.Students[0].WaitGradedAsync(submission["id"]!.GetValue<Guid>(), s_gradingTimeout);

        Assert.True("graded" == graded["status"]!.GetValue<string>(), graded.ToJsonString());
        var test = graded["tests"]![0]!;
        Assert.Equal("runtime_error", test["verdict"]!.GetValue<string>());
        var stdout = test["stdout"]!.GetValue<string>();
        Assert.StartsWith("a\uFFFDb\nc\uFFFD", stdout);
        // The harness writes the surrogate as its three UTF-8-like bytes; each invalid one reads as U+FFFD.
        Assert.Matches("bad \uFFFD+ end", test["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reference_printing_nul_gets_its_validation_report_stored()
    {
        var classroom = await ClassroomAsync(students: 0);
        var manifest = $"""
            slug: nul-reference-{Unique()}
            title: 널 문자 정답
            languages: [python]
            reference: {"{"}language: python, file: solution.py{"}"}
            tests:
              - name: nul
                points: 1
                stdin: ""
                expectedStdout: "ab\n"
            """;
        var suiteId = await UploadOkAsync(classroom.Designer, Zip(("suite.yaml", Utf8(manifest)),
            ("solution.py", Utf8("print('a\\x00b')\n"))));

        var suite = await classroom.Designer.WaitValidatedAsync(suiteId, s_gradingTimeout);

        Assert.Equal("failed", suite["validation"]!["status"]!.GetValue<string>());
        var failure = suite["validation"]!["report"]!["failures"]![0]!;
        Assert.Equal("wrong_answer", failure["verdict"]!.GetValue<string>());
        Assert.Equal("a\uFFFDb\n", failure["stdout"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(GraderClient designer, byte[] upload)
    {
        using var content = new ByteArrayContent(upload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await designer.Http.PostAsync("/api/suites", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task<Guid> UploadOkAsync(GraderClient designer, byte[] upload)
    {
        var (status, body) = await UploadAsync(designer, upload);
        Assert.True(status == HttpStatusCode.Created, $"upload answered {(int)status}: {body}");
        return body!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonNode> GetInEnglishAsync(GraderClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await client.Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>A program that prints a fixed answer per test, the test being named by its first input line.</summary>
    private static string Answers(params (string Test, string Printed)[] answers) =>
        "ANSWERS = {" + string.Join(", ", answers.Select(a => $"'{a.Test}': '{a.Printed}'")) + "}\n"
        + "print(ANSWERS[input().strip()], end='')\n";

    private static List<JsonNode> Tests(JsonNode submission) => submission["tests"]!.AsArray().Select(t => t!).ToList();

    private const string Good = "slug: good\ntitle: 좋음\nlanguages: [python]\ntests:\n  - {name: a, points: 1, expectedStdout: x}\n";

    /// <summary>A valid header with the given tests: the first test starts on line 5.</summary>
    private static string Bad(string tests) => $"slug: bad\ntitle: 나쁨\nlanguages: [python]\ntests:\n{tests}";

    private static string Reverse(string text) => new(text.Reverse().ToArray());

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
