using Grader.Core.Gradebook;
using static Grader.Core.Tests.Gradebook.GradebookBuilders;

namespace Grader.Core.Tests.Gradebook;

public class CountedScoreTests
{
    private static readonly LatePolicy s_thirtyPercentPerDay = new(LateMode.Penalty, PercentPerDay: 30);

    [Fact]
    public void Best_takes_the_highest_score_after_the_late_penalty()
    {
        var assignment = Assignment(scorePolicy: ScorePolicy.Best, latePolicy: s_thirtyPercentPerDay);
        var onTime = Submission(assignment, 70);
        var lateButHigherRaw = Submission(assignment, 90, afterDue: TimeSpan.FromHours(2)); // 63 after the penalty

        Assert.Equal(70m, assignment.CountedScore([lateButHigherRaw, onTime]));
    }

    [Fact]
    public void Latest_takes_the_last_submission_even_when_it_is_lower()
    {
        var assignment = Assignment(scorePolicy: ScorePolicy.Latest);
        var first = Submission(assignment, 90, afterDue: TimeSpan.FromHours(-5));
        var last = Submission(assignment, 60, afterDue: TimeSpan.FromHours(-1));

        Assert.Equal(60m, assignment.CountedScore([last, first]));
    }

    [Fact]
    public void Latest_applies_the_late_penalty_to_the_last_submission()
    {
        var assignment = Assignment(scorePolicy: ScorePolicy.Latest, latePolicy: s_thirtyPercentPerDay);
        var onTime = Submission(assignment, 90);
        var late = Submission(assignment, 80, afterDue: TimeSpan.FromDays(1.5)); // two days: 40 %

        Assert.Equal(32m, assignment.CountedScore([onTime, late]));
    }

    [Fact]
    public void Latest_under_refuse_falls_back_to_the_last_submission_in_time()
    {
        var assignment = Assignment(scorePolicy: ScorePolicy.Latest, latePolicy: new LatePolicy(LateMode.Refuse));
        var onTime = Submission(assignment, 50);
        var late = Submission(assignment, 100, afterDue: TimeSpan.FromMinutes(1));

        Assert.Equal(50m, assignment.CountedScore([onTime, late]));
    }

    [Fact]
    public void Refuse_with_only_late_submissions_counts_nothing()
    {
        var assignment = Assignment(latePolicy: new LatePolicy(LateMode.Refuse));
        Assert.Null(assignment.CountedScore([Submission(assignment, 100, afterDue: TimeSpan.FromMinutes(1))]));
    }

    [Fact]
    public void Latest_breaks_a_tie_on_submission_time_towards_the_higher_score()
    {
        var assignment = Assignment(scorePolicy: ScorePolicy.Latest);
        Assert.Equal(80m, assignment.CountedScore([Submission(assignment, 80), Submission(assignment, 20)]));
        Assert.Equal(80m, assignment.CountedScore([Submission(assignment, 20), Submission(assignment, 80)]));
    }

    [Fact]
    public void Submissions_to_other_assignments_do_not_count()
    {
        var assignment = Assignment();
        var other = Assignment();
        Assert.Null(assignment.CountedScore([Submission(other, 100)]));
        Assert.Null(assignment.CountedScore([]));
    }
}
