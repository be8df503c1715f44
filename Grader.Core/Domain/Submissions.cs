using System.Text.Json.Serialization;
using Grader.Core.Jobs;
using Grader.Grading;
using Grader.Grading.Suites;

namespace Grader.Core.Domain;

[JsonConverter(typeof(WireEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus { Queued, Running, Graded, Failed }

/// <summary>What a requeue keeps of the runs so far (<see cref="Submission.Requeue"/>).</summary>
public enum RequeueKind
{
    /// <summary>Its job was lost (the sweeper): its attempts and last fault stay, so a persistent fault still ends in failed.</summary>
    Resume,
    /// <summary>Graded anew (an admin's requeue, a regrade): a fresh count of attempts, nothing of the last run kept.</summary>
    StartOver,
}

public sealed class Submission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>
    /// Null for a designer's trial of a suite version ("try as a student"): with no assignment it belongs to no
    /// course, so no gradebook, overview, report, export or count, all reached through an assignment, can meet it.
    /// </summary>
    public Guid? AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }
    public Guid StudentId { get; set; }
    public User? Student { get; set; }
    public required ProgramLanguage Language { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>Moved only by the transitions below: <see cref="Start"/>, <see cref="RecordGrade"/>,
    /// <see cref="RecordInfrastructureFault"/>, <see cref="Requeue"/>.</summary>
    public SubmissionStatus Status { get; private set; }
    public decimal? Score { get; private set; }
    public decimal MaxScore { get; set; }
    /// <summary>The first verdict that is not passed, else passed; null until graded.</summary>
    public Verdict? Verdict { get; private set; }
    public bool Late { get; set; }
    /// <summary>Graded against this suite version; a regrade moves it.</summary>
    public Guid SuiteId { get; set; }
    /// <summary>Runs of the grading job so far, counted by the job itself so retries end in a readable failure.</summary>
    public int Attempts { get; private set; }
    public string? FailureReason { get; private set; }
    public string? IdempotencyKey { get; set; }
    /// <summary>Computational-thinking profile of a block program, as JSON.</summary>
    public string? ProfileJson { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? ContainerReadyAt { get; private set; }
    public DateTimeOffset? TestsFinishedAt { get; private set; }
    public DateTimeOffset? GradedAt { get; private set; }
    /// <summary>When it was last queued again (<see cref="Requeue"/>); null while it has only been submitted.</summary>
    public DateTimeOffset? RequeuedAt { get; private set; }
    /// <summary>PostgreSQL's xmin: two workers racing on one submission cannot both store a result.</summary>
    public uint RowVersion { get; set; }
    public List<SubmissionTestResult> Tests { get; set; } = [];
    public List<SubmissionGrade> History { get; set; } = [];

    /// <summary>A grading run takes it: one more attempt, counted here so retries end in a readable failure.</summary>
    public void Start(DateTimeOffset now)
    {
        // A run starts from nothing: the rows an interrupted run stored test by test are its, not this run's.
        Tests.Clear();
        Status = SubmissionStatus.Running;
        StartedAt = now;
        Attempts++;
    }

    /// <summary>The run's result replaces any earlier one. <paramref name="failureReason"/> says why a graded
    /// result is not the program's own (its output could not be stored).</summary>
    public void RecordGrade(IEnumerable<SubmissionTestResult> tests, decimal score, Verdict verdict, string? profileJson,
        DateTimeOffset? containerReadyAt, DateTimeOffset testsFinishedAt, string? failureReason, DateTimeOffset now)
    {
        ContainerReadyAt = containerReadyAt;
        TestsFinishedAt = testsFinishedAt;
        Tests.Clear();
        Tests.AddRange(tests);
        Score = score;
        Verdict = verdict;
        ProfileJson = profileJson;
        Status = SubmissionStatus.Graded;
        FailureReason = failureReason;
        GradedAt = now;
    }

    /// <summary>
    /// The run could not grade it, through no fault of the program. It stays queued, readable, while retries are
    /// left (<see cref="GradingRetries"/>), and becomes failed with the reason on the last one.
    /// </summary>
    public void RecordInfrastructureFault(string reason)
    {
        FailureReason = reason;
        Status = Attempts > GradingRetries.Attempts ? SubmissionStatus.Failed : SubmissionStatus.Queued;
    }

    /// <summary>Queued to be graded again; the caller enqueues its job after saving. The one way back to queued.</summary>
    public void Requeue(DateTimeOffset now, RequeueKind kind)
    {
        Status = SubmissionStatus.Queued;
        RequeuedAt = now;
        if (kind == RequeueKind.Resume) return;
        Tests.Clear();
        Score = null;
        Verdict = null;
        Attempts = 0;
        FailureReason = null;
        StartedAt = null;
        ContainerReadyAt = null;
        TestsFinishedAt = null;
        GradedAt = null;
    }

    /// <summary>A regrade: graded again against another suite version, its grade so far kept as history.</summary>
    public void MoveToSuite(Guid suiteId, decimal maxScore, DateTimeOffset now)
    {
        // Only a grade is history; a submission still waiting simply waits for the new version instead.
        if (Status is SubmissionStatus.Graded or SubmissionStatus.Failed)
        {
            History.Add(new SubmissionGrade
            {
                SubmissionId = Id,
                SuiteId = SuiteId,
                Score = Score,
                MaxScore = MaxScore,
                Verdict = Verdict,
                GradedAt = GradedAt,
                ReplacedAt = now,
            });
        }

        SuiteId = suiteId;
        MaxScore = maxScore;
        Requeue(now, RequeueKind.StartOver);
    }
}

public sealed class SubmissionTestResult
{
    public Guid SubmissionId { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }
    public required Verdict Verdict { get; set; }
    public decimal Points { get; set; }
    public decimal MaxPoints { get; set; }
    public int TimeMs { get; set; }
    public required TestVisibility Visibility { get; set; }
    /// <summary>Stable message code with arguments, rendered in the reader's language (ko/en).</summary>
    public string? MessageCode { get; set; }
    public string? MessageDetail { get; set; }
    public string? Stdout { get; set; }
    /// <summary>How many <see cref="Figures"/> there are, so reading a result need not load the pictures.</summary>
    public int FigureCount { get; set; }
    public List<SubmissionFigure> Figures { get; set; } = [];
}

/// <summary>
/// A picture a test's program saved (<c>plt.savefig</c>), checked as PNG within the caps (Grader.Grading's
/// ProgramFigures); shown to whoever may see the test's output.
/// </summary>
public sealed class SubmissionFigure
{
    public Guid SubmissionId { get; set; }
    public int TestIndex { get; set; }
    /// <summary>0, 1, 2: the order the program's file names sort in.</summary>
    public int Number { get; set; }
    public required string Name { get; set; }
    public required byte[] Png { get; set; }
}

/// <summary>A score a submission had before a regrade moved it to another suite version.</summary>
public sealed class SubmissionGrade
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid SuiteId { get; set; }
    public decimal? Score { get; set; }
    public decimal MaxScore { get; set; }
    public Verdict? Verdict { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
}

/// <summary>
/// A Hangfire job enqueued to grade a submission, so the stuck-submission sweeper can ask Hangfire about the jobs of
/// the submissions it considers instead of paging through every job list. A row of its own, not a column on the
/// submission: writing it must not move the submission's row version under a job that has just started.
/// </summary>
public sealed class SubmissionJob
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }
    public required string HangfireJobId { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
}
