using System.Globalization;
using System.Text;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Hangfire;

namespace Grader.Worker.Metrics;

/// <summary>
/// Where graded submissions spent their time, phase by phase (the same timestamps the submission's detail shows),
/// and how many wait in the queue: served at <c>/metrics</c> in the Prometheus text format.
/// </summary>
public sealed class GradingMetrics
{
    private static readonly double[] s_bucketSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    // queue: SubmittedAt→StartedAt; container_start: StartedAt→ContainerReadyAt; tests: ContainerReadyAt→TestsFinishedAt;
    // finish: TestsFinishedAt→GradedAt (container removal, comparison); store: saving the result.
    private readonly Dictionary<string, Histogram> _phases = new[] { "queue", "container_start", "tests", "finish", "store" }
        .ToDictionary(phase => phase, _ => new Histogram(s_bucketSeconds));

    private long _graded;

    public void RecordGraded(Submission submission, TimeSpan storedIn)
    {
        Observe("queue", submission.SubmittedAt, submission.StartedAt);
        Observe("container_start", submission.StartedAt, submission.ContainerReadyAt);
        Observe("tests", submission.ContainerReadyAt, submission.TestsFinishedAt);
        Observe("finish", submission.TestsFinishedAt, submission.GradedAt);
        _phases["store"].Observe(storedIn.TotalSeconds);
        Interlocked.Increment(ref _graded);
    }

    public string Render(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var text = new StringBuilder();
        Gauge(text, "grader_queue_depth", "Grading jobs waiting for a worker.",
            $"{{queue=\"{GradingQueues.Submissions}\"}}", monitoring.EnqueuedCount(GradingQueues.Submissions));
        Gauge(text, "grader_jobs_processing", "Grading jobs running now, on all workers.", "", monitoring.ProcessingCount());
        text.Append("# HELP grader_submissions_graded_total Submissions this worker graded.\n")
            .Append("# TYPE grader_submissions_graded_total counter\n")
            .Append(CultureInfo.InvariantCulture, $"grader_submissions_graded_total {Interlocked.Read(ref _graded)}\n");
        text.Append("# HELP grader_phase_seconds Time a graded submission spent in each phase.\n")
            .Append("# TYPE grader_phase_seconds histogram\n");
        foreach (var (phase, histogram) in _phases)
            histogram.Render(text, "grader_phase_seconds", $"phase=\"{phase}\"");
        return text.ToString();
    }

    private void Observe(string phase, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not null && to is not null)
            _phases[phase].Observe(Math.Max(0, (to.Value - from.Value).TotalSeconds));
    }

    private static void Gauge(StringBuilder text, string name, string help, string labels, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name}{labels} {value}\n");

    /// <summary>A cumulative Prometheus histogram with fixed buckets.</summary>
    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length];
        private readonly Lock _lock = new();
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (_lock)
            {
                for (var i = 0; i < bounds.Length; i++)
                {
                    if (seconds <= bounds[i])
                        _counts[i]++;
                }

                _count++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder text, string name, string labels)
        {
            lock (_lock)
            {
                for (var i = 0; i < bounds.Length; i++)
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{bounds[i]}\"}} {_counts[i]}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_count}\n")
                    .Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {_sum}\n")
                    .Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {_count}\n");
            }
        }
    }
}

public static class GradingMetricsEndpoint
{
    /// <summary>Prometheus text format 0.0.4, for a scraper on the internal network (like the health checks).</summary>
    public static IEndpointRouteBuilder MapGradingMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", (GradingMetrics metrics, JobStorage storage) =>
            TypedResults.Text(metrics.Render(storage), "text/plain; version=0.0.4; charset=utf-8"));
        return routes;
    }
}
