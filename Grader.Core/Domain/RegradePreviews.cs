using Grader.Grading;

namespace Grader.Core.Domain;

/// <summary>
/// A teacher's "what if" before moving an assignment to another suite version: each graded submission is run
/// against that version on the side, and the gradebook is computed as if the move had happened. Nothing of it
/// touches a submission; applying it is the move itself, and cancelling deletes it with its runs.
/// </summary>
public sealed class RegradePreview
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssignmentId { get; set; }
    /// <summary>The version the assignment used when the preview began: applying it after a move in between is refused.</summary>
    public Guid FromSuiteId { get; set; }
    public Guid SuiteId { get; set; }
    public Suite? Suite { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<RegradePreviewRun> Runs { get; set; } = [];
}

/// <summary>One submission graded against the preview's suite version; its score stays here, not on the submission.</summary>
public sealed class RegradePreviewRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PreviewId { get; set; }
    public RegradePreview? Preview { get; set; }
    public Guid SubmissionId { get; set; }
    public decimal? Score { get; private set; }
    public Verdict? Verdict { get; private set; }
    public DateTimeOffset? GradedAt { get; private set; }

    public bool IsDone => GradedAt is not null;

    public void Record(decimal score, Verdict verdict, DateTimeOffset now)
    {
        Score = score;
        Verdict = verdict;
        GradedAt = now;
    }
}
