using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 4: programs that attack the sandbox, through the real API, worker and Docker. Each gets its exact
/// verdict, the next normal submission on the same worker still passes, and no grader container is left.
/// </summary>
public sealed class HostileProgramTests(HostileProgramTests.Classroom classroom) : IClassFixture<HostileProgramTests.Classroom>
{
    private const string Normal = "print('ok')\n";

    public static TheoryData<string, string, string> Programs => new()
    {
        { "fork bomb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n", "time_limit_exceeded" },
        { "memory hog", "hog = [0] * (500 * 1024 * 1024 // 8)\nprint('ok')\n", "memory_limit_exceeded" },
        { "busy loop", "while True:\n    pass\n", "time_limit_exceeded" },
        { "long sleep", "import time\ntime.sleep(10 ** 6)\n", "time_limit_exceeded" },
        { "1 GB print", "line = 'x' * 1023\nfor _ in range(1024 * 1024):\n    print(line)\n", "output_limit_exceeded" },
        { "disk filler", "with open('/tmp/fill', 'wb') as f:\n    while True:\n        f.write(b'x' * (1 << 20))\n", "runtime_error" },
        { "sockets", """
            import socket
            def attempt(host, port):
                try:
                    socket.create_connection((host, port), timeout=2).close()
                    return 'open'
                except OSError:
                    return 'blocked'
            # 192.0.2.1 is TEST-NET-1: never routed. With network none nothing leaves the container anyway.
            print('ok' if attempt('127.0.0.1', 5432) == attempt('192.0.2.1', 80) == 'blocked' else 'LEAK')
            """, "passed" },
        { "secrets in /proc and environment", """
            import os
            needles = ('Password=', 'ConnectionStrings', 'Grader__', 'AdminToken', 'test-admin-token')
            found = [k for k, v in os.environ.items() if any(n in k or n in v for n in needles)]
            for pid in os.listdir('/proc'):
                for name in ('environ', 'cmdline'):
                    try:
                        data = open(f'/proc/{pid}/{name}', 'rb').read().decode('utf-8', 'replace')
                    except OSError:
                        continue
                    found += [n for n in needles if n in data]
            print('ok' if not found else 'LEAK ' + repr(found))
            """, "passed" },
        { "kill parent and PID 1", "import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n    except OSError:\n        pass\nprint('ok')\n", "passed" },
        { "symlink to root in scratch", "import os\nos.symlink('/', 'root-link')\nos.symlink('/', '/tmp/root-link')\nprint('ok')\n", "passed" },
        { "closes stdout and keeps running", "import os\nos.close(1)\nwhile True:\n    pass\n", "time_limit_exceeded" },
        { "invalid UTF-8", "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe ok\\n')\n", "wrong_answer" },
        { "100,000-deep recursion", "def down(n):\n    return n if n == 0 else down(n - 1)\nprint(down(100000))\n", "runtime_error" },
        { "syntax error", "print('ok'\n", "compile_error" },
        { "exception", "x = 1\nprint(x // 0)\n", "runtime_error" },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_hostile_program_gets_its_verdict_and_the_next_program_still_passes(string name, string source, string verdict)
    {
        var hostile = await GradeAsync(Dedent(source));
        Assert.True(verdict == hostile["verdict"]!.GetValue<string>(), $"{name}: {hostile.ToJsonString()}");
        Assert.Equal("graded", hostile["status"]!.GetValue<string>());

        var normal = await GradeAsync(Normal);
        Assert.Equal("passed", normal["verdict"]!.GetValue<string>());

        Assert.Equal("", await DockerCli.ListContainersAsync($"label=grader.label={hostile["id"]}"));
        Assert.Equal("", await DockerCli.ListContainersAsync($"label=grader.label={normal["id"]}"));
    }

    [Fact]
    public async Task Cpu_spent_by_orphaned_grandchildren_is_a_time_limit()
    {
        // Three times the 0.2 s limit, spent by grandchildren whose parent exited: each stays under RLIMIT_CPU (per
        // process) and none is waited for by the program, so only the container's CPU shows it. A small limit, so
        // that its wall clock (at least 2 s) lets the burn finish on a busy machine when the CPU goes uncounted.
        var (student, assignmentId) = await classroom.AssignmentAsync(0.2,
            new { name = "run", points = 1, visibility = "visible", stdin = "orphan-cpu\n0.2\n", expectedStdout = "ok\n" });

        var graded = await GradeAsync(student, assignmentId, HazardProgram.Source);

        Assert.True("time_limit_exceeded" == graded["verdict"]!.GetValue<string>(), graded.ToJsonString());
    }

    [Fact]
    public async Task A_visible_test_cannot_read_a_hidden_tests_input_nor_the_student_its_time()
    {
        // scan-inputs searches the job folder, scratch space, the environment and every process's command line,
        // environment and open files, and prints "ok" when the only token it finds is its own.
        string Token() => $"hazard-token-{Guid.NewGuid():N}";
        var (own, hidden) = (Token(), Token());
        var (student, assignmentId) = await classroom.AssignmentAsync(2,
            new { name = "scan", points = 1, visibility = "visible", stdin = $"scan-inputs\n{own}\n", expectedStdout = "ok\n" },
            new { name = "secret", points = 1, visibility = "hidden", stdin = $"{hidden}\n", expectedStdout = "ok\n" });

        var graded = await GradeAsync(student, assignmentId, HazardProgram.Source);

        var tests = graded["tests"]!.AsArray();
        Assert.True("passed" == tests[0]!["verdict"]!.GetValue<string>(), graded.ToJsonString());
        var id = graded["id"]!.GetValue<Guid>();
        Assert.DoesNotContain(hidden, await student.Http.GetStringAsync($"/api/submissions/{id}"));
        // A hidden test's time could spell its input's digits (burn d × 150 ms): the student sees none, the teacher does.
        Assert.NotNull(tests[0]!["timeMs"]);
        Assert.Null(tests[1]!["timeMs"]);
        var teacherView = await classroom.Admin.GetOkAsync($"/api/submissions/{id}");
        Assert.NotNull(teacherView["tests"]![1]!["timeMs"]);
    }

    [Fact]
    public async Task Errors_name_the_exception_and_the_line_without_host_paths()
    {
        var crashed = await GradeAsync("x = 1\n\nprint(x // 0)\n");
        var message = crashed["tests"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("ZeroDivisionError", message);
        Assert.Contains("3", message);
        Assert.DoesNotContain("/job", message);
        Assert.DoesNotContain("/tmp", message);

        var broken = await GradeAsync("print('a')\nprint('b'\n");
        Assert.Equal("compile_error", broken["verdict"]!.GetValue<string>());
        Assert.Contains("SyntaxError", broken["tests"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Six_submissions_at_once_on_two_cores_all_get_their_right_verdicts()
    {
        // A busy neighbour must not turn a quick passing program into a timeout at the suite's default limit.
        var sources = new[] { Normal, "while True:\n    pass\n", Normal, "print('no')\n", Normal, "while True:\n    pass\n" };
        var expected = new[] { "passed", "time_limit_exceeded", "passed", "wrong_answer", "passed", "time_limit_exceeded" };
        var submitted = await Task.WhenAll(sources.Select(s => classroom.Student.SubmitSourceAsync(classroom.AssignmentId, s)));
        var results = await Task.WhenAll(submitted.Select(s =>
            classroom.Student.WaitGradedAsync(s["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(90))));
        Assert.Equal(expected, results.Select(r => r["verdict"]!.GetValue<string>()));
    }

    private Task<JsonNode> GradeAsync(string source) => GradeAsync(classroom.Student, classroom.AssignmentId, source);

    private static async Task<JsonNode> GradeAsync(GraderClient student, Guid assignmentId, string source)
    {
        var submitted = await student.SubmitSourceAsync(assignmentId, source);
        return await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));
    }

    private static string Dedent(string source)
    {
        var lines = source.Replace("\r", "").Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).Trim('\n') + "\n";
    }

    /// <summary>One stack, one student and one assignment whose single visible test expects "ok".</summary>
    public sealed class Classroom : IAsyncLifetime
    {
        private readonly GraderStack _stack = new();

        public GraderClient Admin => _stack.Admin;

        public GraderClient Student { get; private set; } = null!;

        public Guid AssignmentId { get; private set; }

        public async Task InitializeAsync()
        {
            await _stack.InitializeAsync();
            (Student, AssignmentId) = await AssignmentAsync(2,
                new { name = "run", points = 1, visibility = "visible", stdin = "", expectedStdout = "ok\n" });
        }

        /// <summary>Another student's assignment on this stack, on a Python suite of these tests.</summary>
        public Task<(GraderClient Student, Guid AssignmentId)> AssignmentAsync(double timeSeconds, params object[] tests) =>
            _stack.ClassroomAsync(new
            {
                slug = "hostile-" + Guid.NewGuid().ToString("N")[..8],
                title = "안전 점검",
                languages = new[] { "python" },
                limits = new { timeSeconds, memoryMb = 128 },
                tests,
            });

        public Task DisposeAsync() => _stack.DisposeAsync();
    }
}
