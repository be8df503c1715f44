using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Grading;
using Grader.Grading.Suites;

namespace Grader.Core.Tests.Domain;

/// <summary>
/// The submission's state machine, which only <see cref="Submission"/> moves: what each transition keeps and
/// resets, and above all that the two kinds of requeue differ only where they must.
/// </summary>
public sealed class SubmissionTransitionTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static Submission Submitted() => new()
    {
        Language = ProgramLanguage.Python, FileName = "main.py", Content = "print(1)\n"u8.ToArray(), MaxScore = 10,
        SuiteId = Guid.NewGuid(), SubmittedAt = s_now,
    };

    private static Submission Graded()
    {
        var submission = Submitted();
        submission.Start(s_now.AddSeconds(1));
        submission.RecordGrade(
            [new SubmissionTestResult { Name = "t1", Verdict = Verdict.WrongAnswer, Visibility = TestVisibility.Visible, MaxPoints = 10 }],
            score: 4, Verdict.WrongAnswer, profileJson: null, containerReadyAt: s_now.AddSeconds(2),
            testsFinishedAt: s_now.AddSeconds(3), failureReason: null, now: s_now.AddSeconds(4));
        return submission;
    }

    [Fact]
    public void A_fault_keeps_it_queued_while_retries_are_left_and_fails_it_on_the_last_run()
    {
        var submission = Submitted();
        for (var run = 1; run <= GradingRetries.Attempts; run++)
        {
            submission.Start(s_now.AddMinutes(run));
            submission.RecordInfrastructureFault("docker is down");
            Assert.Equal(SubmissionStatus.Queued, submission.Status);
        }

        submission.Start(s_now.AddHours(1));
        submission.RecordInfrastructureFault("docker is still down");

        Assert.Equal(SubmissionStatus.Failed, submission.Status);
        Assert.Equal(GradingRetries.Attempts + 1, submission.Attempts);
        Assert.Equal("docker is still down", submission.FailureReason);
    }

    [Fact]
    public void Resuming_a_lost_job_keeps_its_attempts_and_fault_so_a_persistent_fault_still_ends()
    {
        var submission = Submitted();
        submission.Start(s_now.AddSeconds(1));
        submission.RecordInfrastructureFault("daemon restarted");

        submission.Requeue(s_now.AddMinutes(5), RequeueKind.Resume);

        Assert.Equal(SubmissionStatus.Queued, submission.Status);
        Assert.Equal(1, submission.Attempts);
        Assert.Equal("daemon restarted", submission.FailureReason);
        Assert.Equal(s_now.AddSeconds(1), submission.StartedAt);
        Assert.Equal(s_now.AddMinutes(5), submission.RequeuedAt);
    }

    [Fact]
    public void Starting_over_leaves_nothing_of_the_last_run()
    {
        var submission = Graded();

        submission.Requeue(s_now.AddMinutes(5), RequeueKind.StartOver);

        Assert.Equal(SubmissionStatus.Queued, submission.Status);
        Assert.Equal(0, submission.Attempts);
        Assert.Empty(submission.Tests);
        Assert.Null(submission.Score);
        Assert.Null(submission.Verdict);
        Assert.Null(submission.FailureReason);
        Assert.Null(submission.StartedAt);
        Assert.Null(submission.ContainerReadyAt);
        Assert.Null(submission.TestsFinishedAt);
        Assert.Null(submission.GradedAt);
        Assert.Equal(s_now.AddMinutes(5), submission.RequeuedAt);
        Assert.Empty(submission.History);
    }

    [Fact]
    public void A_regrade_keeps_a_grade_as_history_and_a_waiting_submission_just_waits()
    {
        var graded = Graded();
        var oldSuite = graded.SuiteId;
        var waiting = Submitted();
        var newSuite = Guid.NewGuid();

        graded.MoveToSuite(newSuite, maxScore: 20, s_now.AddDays(1));
        waiting.MoveToSuite(newSuite, maxScore: 20, s_now.AddDays(1));

        var grade = Assert.Single(graded.History);
        Assert.Equal((oldSuite, 4m, 10m, Verdict.WrongAnswer, s_now.AddSeconds(4), s_now.AddDays(1)),
            (grade.SuiteId, grade.Score!.Value, grade.MaxScore, grade.Verdict!.Value, grade.GradedAt!.Value, grade.ReplacedAt));
        Assert.Empty(waiting.History);
        Assert.All([graded, waiting], s =>
        {
            Assert.Equal((newSuite, 20m, SubmissionStatus.Queued, 0), (s.SuiteId, s.MaxScore, s.Status, s.Attempts));
            Assert.Null(s.Score);
        });
    }
}
