namespace Grader.Sandbox;

/// <summary>
/// When the sandbox's containers started and finished for the current run, for a caller several layers up (the
/// grading job stores them as the submission's phases). Ambient, so the layers in between need not carry it:
/// <code>using var timings = SandboxTimings.Observe(); await grader.GradeAsync(...); timings.ContainerStartedAt ...</code>
/// </summary>
public sealed class SandboxTimings : IDisposable
{
    private static readonly AsyncLocal<SandboxTimings?> s_current = new();

    private SandboxTimings()
    {
    }

    /// <summary>When the first container of the run started: the tests began from here.</summary>
    public DateTimeOffset? ContainerStartedAt { get; private set; }

    /// <summary>When the last container of the run had reported everything it would (before it was removed).</summary>
    public DateTimeOffset? ContainerFinishedAt { get; private set; }

    /// <summary>Observes sandbox runs awaited from this point of the calling flow until disposed.</summary>
    public static SandboxTimings Observe() => s_current.Value = new SandboxTimings();

    internal static void ContainerStarted(DateTimeOffset at)
    {
        if (s_current.Value is { } timings)
            timings.ContainerStartedAt ??= at;
    }

    internal static void ContainerFinished(DateTimeOffset at)
    {
        if (s_current.Value is { } timings)
            timings.ContainerFinishedAt = at;
    }

    public void Dispose()
    {
        if (s_current.Value == this)
            s_current.Value = null;
    }
}
