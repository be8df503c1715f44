namespace Grader.Worker.Maintenance;

/// <summary>How often a worker tidies up after crashes. Section <c>Grader:Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Grader:Maintenance";

    /// <summary>How often this host removes sandbox containers and job folders past their deadline.</summary>
    public TimeSpan ContainerSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a worker looks for submissions no job will grade; one worker at a time does it.</summary>
    public TimeSpan SubmissionSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a submission must have been queued or running, without a live job, before it is enqueued again.
    /// Covers the moment between the API's commit and its enqueue.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(30);
}
