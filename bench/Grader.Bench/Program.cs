// Grader against the floor of its isolation: the same programs through bare `docker run`, then through Grader's
// HTTP API, on the same machine in one run. Prints a table, then one JSON object as the last line.
// Usage: Grader.Bench --api URL --admin-token TOKEN --state DIR --fixtures DIR [--single N] [--ten N] [--blocks N]
//        [--probe N] [--clients N] [--concurrency N]
// (--state holds api.pid and worker.pid, as scripts/run.sh writes them; --fixtures the block programs' fixtures,
// tests/Grader.Grading.Tests/Fixtures)
using System.Globalization;
using System.Text.Json.Nodes;
using Grader.Bench;

var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

var cores = Environment.ProcessorCount;
var loadAtStart = Stats.LoadAverage();
ResidentMemory[] processes =
[
    ResidentMemory.FromPidFile("api", Path.Combine(options.StateDir, "api.pid")),
    ResidentMemory.FromPidFile("worker", Path.Combine(options.StateDir, "worker.pid")),
];
using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
var sampling = Task.WhenAll(processes.Select(p => p.SampleUntilCancelledAsync(stopSampling.Token)));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients })
{
    BaseAddress = new Uri(options.Api),
    Timeout = TimeSpan.FromMinutes(2),
};
var grader = new GraderApi(http, options.AdminToken);
await grader.SetUpCourseAsync(options.Clients, ct);
var workRoot = Directory.CreateTempSubdirectory("grader-bench-").FullName;
var bare = new BareDocker(workRoot);

Log("probe: single-test submissions one at a time (enqueue to start on idle workers; warms the API and worker)");
var probe = await grader.SubmitOneByOneAsync(await grader.CreateAssignmentAsync(Workload.SingleTest, ct),
    Workload.SingleTest, options.Probe, ct);
// A freshly started API meets its first burst with code not yet optimised by the JIT and a connection pool
// still growing; a class meets an API that has been up all day. That first burst is reported on its own.
Log($"warm-up: one burst of {options.Clients} single-test submissions from {options.Clients} clients");
var firstBurst = await grader.SubmitAndWaitAsync(await grader.CreateAssignmentAsync(Workload.SingleTest, ct), Workload.SingleTest, options.Clients, options.Clients, ct);

var rows = new List<Row>();
var blockWorkloads = Workload.Blocks(options.FixturesDir);
foreach (var (workload, count) in new[] { (Workload.SingleTest, options.Single), (Workload.TenTests, options.Ten) }
             .Concat(blockWorkloads.Select(workload => (workload, options.Blocks))))
{
    var assignment = await grader.CreateAssignmentAsync(workload, ct);
    Log($"{workload.Name}: {count} submissions through bare docker run, {options.Concurrency} at a time");
    var busyAtStart = Stats.MachineBusySeconds();
    var (baseline, wrong) = await bare.RunAsync(workload, count, options.Concurrency, ct);
    var baselineCpu = Stats.MachineBusySeconds() - busyAtStart;
    Log($"{workload.Name}: {count} submissions through Grader from {options.Clients} clients");
    busyAtStart = Stats.MachineBusySeconds();
    var run = await grader.SubmitAndWaitAsync(assignment, workload, count, options.Clients, ct);
    rows.Add(new Row(workload, baseline, wrong, run, baselineCpu, Stats.MachineBusySeconds() - busyAtStart));
}
await stopSampling.CancelAsync();
await sampling;
Directory.Delete(workRoot, recursive: true);

var single = rows[0];
var ten = rows[1];
var blockRows = rows.Skip(2).ToList();
var enqueueToStart = Stats.Between(probe.Submissions, p => p.SubmittedAt, p => p.StartedAt).ToList();
var burstPosts = rows.SelectMany(r => r.Grader.PostMs).ToList();
var api = processes[0];
var worker = processes[1];

Console.WriteLine();
Console.WriteLine($"{"workload",-12} {"subs",5} {"bare s",8} {"grader s",9} {"ratio",6} {"per core/s",10} {"queue p50",10} {"to container p50",17} {"tests p50",10} {"post p99",9} {"wrong",6}");
Row[] warmUp =
[
    new(Workload.SingleTest with { Name = "probe" }, TimeSpan.Zero, 0, probe, 0, 0),
    new(Workload.SingleTest with { Name = "warm-up" }, TimeSpan.Zero, 0, firstBurst, 0, 0),
];
foreach (var row in warmUp.Concat(rows))
{
    var s = row.Grader.Submissions;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{row.Workload.Name,-12} {s.Count,5} {row.Baseline.TotalSeconds,8:F2} {row.Grader.Elapsed.TotalSeconds,9:F2} {row.Ratio,6:F2} " +
        $"{s.Count / row.Grader.Elapsed.TotalSeconds / cores,10:F2} " +
        $"{Stats.Percentile(Stats.Between(s, p => p.SubmittedAt, p => p.StartedAt), 50),10:F0} " +
        $"{Stats.Percentile(Stats.Between(s, p => p.StartedAt, p => p.ContainerReadyAt), 50),17:F0} " +
        $"{Stats.Percentile(Stats.Between(s, p => p.ContainerReadyAt, p => p.TestsFinishedAt), 50),10:F0} " +
        $"{Stats.Percentile(row.Grader.PostMs, 99),9:F0} {row.WrongOutputs + row.Grader.NotFullMarks,6}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"phases in ms; queue = SubmittedAt→StartedAt, to container = StartedAt→ContainerReadyAt, tests = ContainerReadyAt→TestsFinishedAt; " +
    $"peak RSS api {api.PeakMb:F0} MB, worker {worker.PeakMb:F0} MB; load average {loadAtStart:F2} → {Stats.LoadAverage():F2} on {cores} cores"));

var summary = new JsonObject
{
    ["submissions"] = single.Grader.Submissions.Count + ten.Grader.Submissions.Count,
    ["concurrency"] = options.Concurrency,
    ["baseline_s"] = Round(ten.Baseline.TotalSeconds, 2),
    ["grader_s"] = Round(ten.Grader.Elapsed.TotalSeconds, 2),
    ["overhead_ratio"] = Round(ten.Ratio, 3),
    ["overhead_ratio_single"] = Round(single.Ratio, 3),
    ["throughput_per_core"] = Round(single.Grader.Submissions.Count / single.Grader.Elapsed.TotalSeconds / cores, 3),
    ["baseline_throughput_per_core"] = Round(single.Grader.Submissions.Count / single.Baseline.TotalSeconds / cores, 3),
    ["enqueue_to_start_ms_p50"] = Round(Stats.Percentile(enqueueToStart, 50), 1),
    ["enqueue_to_start_ms_p95"] = Round(Stats.Percentile(enqueueToStart, 95), 1),
    ["submit_p99_ms"] = Round(Stats.Percentile(burstPosts, 99), 1),
    ["submit_p50_ms"] = Round(Stats.Percentile(burstPosts, 50), 1),
    ["submit_p99_ms_first_burst"] = Round(Stats.Percentile(firstBurst.PostMs, 99), 1),
    ["submit_clients"] = options.Clients,
    // Machine-wide busy CPU (every process: docker, the stack, the benchmark itself) per single-test submission.
    ["baseline_cpu_ms_per_submission"] = Round(single.BaselineCpuSeconds * 1000 / single.Grader.Submissions.Count, 0),
    ["grader_cpu_ms_per_submission"] = Round(single.GraderCpuSeconds * 1000 / single.Grader.Submissions.Count, 0),
    ["api_rss_mb"] = Round(api.PeakMb, 0),
    ["worker_rss_mb"] = Round(worker.PeakMb, 0),
    ["wrong_results"] = rows.Sum(r => r.WrongOutputs + r.Grader.NotFullMarks) + probe.NotFullMarks + firstBurst.NotFullMarks,
    // Five-test block submissions against one bare run of the runtime (one test's worth) per submission.
    ["blocks"] = new JsonArray(blockRows.Select(row => (JsonNode)new JsonObject
    {
        ["workload"] = row.Workload.Name,
        ["submissions"] = row.Grader.Submissions.Count,
        ["baseline_s"] = Round(row.Baseline.TotalSeconds, 2),
        ["grader_s"] = Round(row.Grader.Elapsed.TotalSeconds, 2),
        ["ratio"] = Round(row.Ratio, 3),
        ["baseline_cpu_ms_per_submission"] = Round(row.BaselineCpuSeconds * 1000 / row.Grader.Submissions.Count, 0),
        ["grader_cpu_ms_per_submission"] = Round(row.GraderCpuSeconds * 1000 / row.Grader.Submissions.Count, 0),
        ["cpu_ratio"] = Round(row.GraderCpuSeconds / row.BaselineCpuSeconds, 3),
    }).ToArray()),
    ["cores"] = cores,
    ["load_average_start"] = loadAtStart,
    ["load_average_end"] = Stats.LoadAverage(),
};
Console.WriteLine(summary.ToJsonString());
return 0;

static double Round(double value, int digits) => double.IsNaN(value) ? -1 : Math.Round(value, digits);

static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");

internal sealed record Row(Workload Workload, TimeSpan Baseline, int WrongOutputs, GraderRun Grader,
    double BaselineCpuSeconds, double GraderCpuSeconds)
{
    public double Ratio => Baseline > TimeSpan.Zero ? Grader.Elapsed / Baseline : double.NaN;
}

internal sealed record BenchOptions(string Api, string AdminToken, string StateDir, string FixturesDir, int Single,
    int Ten, int Blocks, int Probe, int Clients, int Concurrency)
{
    public static BenchOptions Parse(string[] args)
    {
        var named = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            named[args[i].TrimStart('-')] = args[i + 1];
        string Text(string name) => named.TryGetValue(name, out var value) ? value
            : throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback) =>
            named.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Text("api"), Text("admin-token"), Text("state"), Text("fixtures"),
            Number("single", 60), Number("ten", 20), Number("blocks", 10), Number("probe", 10), Number("clients", 50),
            // Grader's default worker count (Grader:Worker:WorkerCount).
            Number("concurrency", Environment.ProcessorCount));
    }
}
