using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using Grader.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Grader.Sandbox.Tests;

/// <summary>Runs real programs in the real grader-runner-python image through the real Docker engine.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerSandboxTests(DockerFixture docker, ITestOutputHelper output)
{
    private readonly string _label = $"sandbox-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Hello_world_passes_two_tests_in_one_container()
    {
        IReadOnlyList<SandboxTestResult> results = [];
        for (var run = 0; run < 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            results = await RunAsync("print('hello world')\n", Test(0), Test(1));
            output.WriteLine($"hello world, two tests: create→start→result→removed in {stopwatch.ElapsedMilliseconds} ms");
        }

        Assert.Equal([0, 1], results.Select(r => r.Index));
        Assert.All(results, r =>
        {
            Assert.Equal(RunOutcome.Exited, r.Outcome);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("hello world\n", Encoding.UTF8.GetString(r.Stdout));
        });
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Each_test_reads_its_own_stdin()
    {
        var results = await RunAsync("a, b = map(int, input('두 수: ').split())\nprint(a + b)\n",
            Test(0, stdin: "1 2\n"), Test(1, stdin: "40 2\n"));

        Assert.Equal(["3\n", "42\n"], results.Select(r => Encoding.UTF8.GetString(r.Stdout)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_call_test_returns_the_functions_value_as_json()
    {
        var call = new FunctionCallSpec("add", new JsonArray(2, 3));
        var results = await RunAsync("def add(a, b):\n    return a + b\n", Test(0) with { Call = call });

        Assert.Equal(RunOutcome.Exited, results[0].Outcome);
        Assert.Equal("5", results[0].ReturnValueJson);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_infinite_loop_is_a_time_limit_within_the_limit_and_margin()
    {
        var stopwatch = Stopwatch.StartNew();
        var results = await RunAsync("while True:\n    pass\n",
            Test(0) with { CpuSeconds = 1, WallSeconds = 2 }, Test(1, stdin: "") with { CpuSeconds = 1, WallSeconds = 2 });
        var elapsed = stopwatch.Elapsed;
        output.WriteLine($"two infinite loops took {elapsed.TotalMilliseconds:F0} ms");

        Assert.All(results, r => Assert.Equal(RunOutcome.TimeLimit, r.Outcome));
        var options = new SandboxOptions();
        Assert.True(elapsed < TimeSpan.FromSeconds(2 + 2) + options.WallMargin + 2 * options.WallMarginPerTest, $"took {elapsed}");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_memory_hog_is_a_memory_limit_and_the_next_test_still_runs()
    {
        const string Program = """
            import sys
            if sys.stdin.read().strip() == "hog":
                hoard = []
                while True:
                    hoard.append(bytearray(1024 * 1024))
            print("fine")
            """;
        var results = await RunAsync(Program, Test(0, stdin: "hog") with { MemoryMb = 64 }, Test(1) with { MemoryMb = 64 });

        Assert.Equal(RunOutcome.MemoryLimit, results[0].Outcome);
        Assert.Equal(RunOutcome.Exited, results[1].Outcome);
        Assert.Equal("fine\n", Encoding.UTF8.GetString(results[1].Stdout));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Printing_a_gigabyte_is_an_output_limit_with_the_output_capped()
    {
        const string Program = """
            import sys
            line = "x" * (1024 * 1024 - 1) + "\n"
            for _ in range(1024):
                sys.stdout.write(line)
            """;
        var results = await RunAsync(Program, Test(0) with { WallSeconds = 10 }, Test(1, stdin: "") with { WallSeconds = 10 });

        Assert.All(results, r => Assert.Equal(RunOutcome.OutputLimit, r.Outcome));
        Assert.All(results, r => Assert.True(r.Stdout.Length <= new SandboxOptions().OutputLimitBytesPerTest));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Output_past_the_submission_cap_stops_the_container_and_the_rest_run_in_a_new_one()
    {
        await using var services = docker.BuildServices(new Dictionary<string, string?>
        {
            ["OutputLimitBytesPerTest"] = "1048576",
            ["OutputLimitBytesPerSubmission"] = "3145728", // two tests' base64 lines fit, the third does not
        });
        const string Program = """
            import sys
            line = "x" * 1023 + "\n"
            while True:
                sys.stdout.write(line)
            """;
        var tests = Enumerable.Range(0, 4).Select(i => Test(i) with { WallSeconds = 10 }).ToArray();

        var results = await services.GetRequiredService<ISandbox>().RunAsync(Request(Program, tests), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(RunOutcome.OutputLimit, r.Outcome));
        Assert.Equal(1048576, results[3].Stdout.Length);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Cancelling_stops_the_run_and_removes_its_container()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => docker.Sandbox.RunAsync(
            Request("while True:\n    pass\n", Test(0) with { CpuSeconds = 30, WallSeconds = 30 }), cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_syntax_error_is_a_compile_error_with_its_line()
    {
        var results = await RunAsync("x = 1\nprint('unclosed'\n", Test(0), Test(1));

        Assert.All(results, r => Assert.Equal(RunOutcome.CompileError, r.Outcome));
        Assert.NotNull(results[0].Error);
        Assert.InRange(results[0].Error!.Line ?? 0, 2, 3);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Killing_pid_1_or_the_parent_does_not_stop_the_other_tests()
    {
        const string Program = """
            import os, sys
            target = sys.stdin.read().strip()
            if target == "pid1":
                os.kill(1, 9)
            elif target == "parent":
                os.kill(os.getppid(), 9)
            print("alive", target)
            """;
        var results = await RunAsync(Program, Test(0, stdin: "pid1"), Test(1, stdin: "parent"), Test(2, stdin: "plain"));

        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        Assert.All(results, r => Assert.NotEqual(RunOutcome.Internal, r.Outcome));
        Assert.Equal(RunOutcome.Exited, results[2].Outcome);
        Assert.Equal("alive plain\n", Encoding.UTF8.GetString(results[2].Stdout));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_test_finds_no_other_tests_input_anywhere_it_can_read()
    {
        // scan-inputs searches the job folder, /tmp, /dev/shm, /dev/mqueue, the environment and every process's
        // command line, environment and open files: "ok" when the only token it finds is its own.
        string Token() => $"hazard-token-{Guid.NewGuid():N}";
        var (own, hidden, argument) = (Token(), Token(), Token());
        var results = await RunAsync(HazardProgram.Source, Test(0, stdin: $"scan-inputs\n{own}\n"), Test(1, stdin: $"{hidden}\n"),
            Test(2) with { Call = new FunctionCallSpec("missing", new JsonArray(argument)) });

        Assert.Equal((RunOutcome.Exited, "ok\n"), (results[0].Outcome, Encoding.UTF8.GetString(results[0].Stdout)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Cpu_spent_by_orphaned_grandchildren_counts_against_the_limit()
    {
        // 3.6 s under a 2 s limit: three grandchildren burn 1.2 s each after their parent exited. Nobody waits
        // for them but PID 1, so the program's rusage misses them, and each stays under RLIMIT_CPU (per process).
        var results = await RunAsync(HazardProgram.Source, Test(0, stdin: "orphan-cpu\n1.2\n") with { CpuSeconds = 2, WallSeconds = 20 },
            Test(1, stdin: "hello\n"));

        Assert.Equal(RunOutcome.TimeLimit, results[0].Outcome);
        Assert.InRange(results[0].CpuMs, 2000, 3000);
        Assert.Equal(RunOutcome.Exited, results[1].Outcome);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_folder_1500_deep_left_in_tmp_does_not_break_the_next_tests()
    {
        var results = await RunAsync(HazardProgram.Source, Test(0, stdin: "deep-dir\n"), Test(1, stdin: "list-tmp\n"),
            Test(2, stdin: "list-tmp\n"));

        Assert.All(results, r => Assert.Equal(RunOutcome.Exited, r.Outcome));
        Assert.All(results.Skip(1), r => Assert.Equal("['run']\n", Encoding.UTF8.GetString(r.Stdout)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Shared_memory_and_queues_a_test_leaves_are_gone_before_the_next()
    {
        // leave-ipc leaves 180 MB of SysV shared memory (touched, so charged to the container), a semaphore set, a
        // message queue and a POSIX queue; find-ipc needs 100 MB of its own 128 within the container's 256.
        var results = await RunAsync(HazardProgram.Source, Test(0, stdin: "leave-ipc\n") with { WallSeconds = 10 },
            Test(1, stdin: "find-ipc\n") with { WallSeconds = 10 });

        Assert.Equal(RunOutcome.Exited, results[0].Outcome);
        Assert.Equal((RunOutcome.Exited, "0 0 0 0\n"), (results[1].Outcome, Encoding.UTF8.GetString(results[1].Stdout)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_program_cannot_report_an_internal_error_nor_a_compile_error_on_the_report_fd()
    {
        var results = await RunAsync(HazardProgram.Source, Test(0, stdin: "forge-internal\n"), Test(1, stdin: "forge-compile\n"),
            Test(2, stdin: "hello\n"));

        Assert.Equal((RunOutcome.Exited, 1), (results[0].Outcome, results[0].ExitCode));
        Assert.Equal((RunOutcome.Exited, "ran\n"), (results[1].Outcome, Encoding.UTF8.GetString(results[1].Stdout)));
        Assert.Equal((RunOutcome.Exited, "hello world\n"), (results[2].Outcome, Encoding.UTF8.GetString(results[2].Stdout)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_missing_image_is_an_infrastructure_fault()
    {
        await using var services = docker.BuildServices(new Dictionary<string, string?> { ["Images:python"] = "grader-no-such-image" });
        var sandbox = services.GetRequiredService<ISandbox>();

        var fault = await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.RunAsync(Request("print(1)", Test(0)), default));
        Assert.Contains("grader-no-such-image", fault.Message);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_unreachable_docker_is_an_infrastructure_fault()
    {
        await using var services = docker.BuildServices(new Dictionary<string, string?> { ["DockerEndpoint"] = "unix:///nonexistent/docker.sock" });
        var sandbox = services.GetRequiredService<ISandbox>();

        await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.RunAsync(Request("print(1)", Test(0)), default));
    }

    private Task<IReadOnlyList<SandboxTestResult>> RunAsync(string program, params SandboxTest[] tests) =>
        docker.Sandbox.RunAsync(Request(program, tests), CancellationToken.None);

    private SandboxRequest Request(string program, params SandboxTest[] tests) => new(
        Language: ProgramLanguage.Python,
        Files: new Dictionary<string, byte[]> { ["main.py"] = Encoding.UTF8.GetBytes(program) },
        Tests: tests,
        PromptsAreOutput: false,
        Label: _label);

    private static SandboxTest Test(int index, string stdin = "") =>
        new(index, Encoding.UTF8.GetBytes(stdin), CpuSeconds: 2, WallSeconds: 4, MemoryMb: 128);

    private async Task AssertNothingLeftAsync()
    {
        Assert.Empty(await docker.ContainersLabelledAsync(_label));
        Assert.Empty(Directory.Exists(docker.JobRoot) ? Directory.EnumerateFileSystemEntries(docker.JobRoot) : []);
    }
}
