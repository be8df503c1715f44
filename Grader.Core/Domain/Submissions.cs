namespace Grader.Core.Domain;

public enum SubmissionStatus { Queued, Running, Graded, Failed }

public sealed class Submission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }
    public Guid StudentId { get; set; }
    public User? Student { get; set; }
    public required string Language { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public SubmissionStatus Status { get; set; }
    public decimal? Score { get; set; }
    public decimal MaxScore { get; set; }
    /// <summary>Wire name of the first verdict that is not passed, else "passed".</summary>
    public string? Verdict { get; set; }
    public bool Late { get; set; }
    /// <summary>Graded against this suite version; a regrade moves it.</summary>
    public Guid SuiteId { get; set; }
    /// <summary>Runs of the grading job so far, counted by the job itself so retries end in a readable failure.</summary>
    public int Attempts { get; set; }
    public string? FailureReason { get; set; }
    public string? IdempotencyKey { get; set; }
    /// <summary>Computational-thinking profile of a block program, as JSON.</summary>
    public string? ProfileJson { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ContainerReadyAt { get; set; }
    public DateTimeOffset? TestsFinishedAt { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    /// <summary>PostgreSQL's xmin: two workers racing on one submission cannot both store a result.</summary>
    public uint RowVersion { get; set; }
    public List<SubmissionTestResult> Tests { get; set; } = [];
    public List<SubmissionGrade> History { get; set; } = [];
}

public sealed class SubmissionTestResult
{
    public Guid SubmissionId { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }
    public required string Verdict { get; set; }
    public decimal Points { get; set; }
    public decimal MaxPoints { get; set; }
    public int TimeMs { get; set; }
    public required string Visibility { get; set; }
    /// <summary>Stable message code with arguments, rendered in the reader's language (ko/en).</summary>
    public string? MessageCode { get; set; }
    public string? MessageDetail { get; set; }
    public string? Stdout { get; set; }
}

/// <summary>A score a submission had before a regrade moved it to another suite version.</summary>
public sealed class SubmissionGrade
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid SuiteId { get; set; }
    public decimal? Score { get; set; }
    public decimal MaxScore { get; set; }
    public string? Verdict { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
}
