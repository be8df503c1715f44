namespace Grader.Core.Gradebook;

/// <summary>The gradebook rules of SPEC.md as pure functions: the caller loads the course and passes every time in.</summary>
public static class GradebookCalculator
{
    private const int DisplayDecimals = 2;

    private static readonly Level[] CreditLevels = [Level.A, Level.B, Level.C, Level.D, Level.E, Level.I];
    private static readonly Level[] OtherLevels = [Level.A, Level.B, Level.C, Level.D, Level.E];

    public static Gradebook Compute(GradebookCourse course, IReadOnlyList<GradebookStudent> students)
    {
        var columns = course.Assignments
            .Select(a => new GradebookColumn(a.Id, a.Title, a.Weight, a.MaxScore))
            .ToList();
        var graded = students.Select(s => GradeStudent(course, s)).ToList();
        return new Gradebook(columns, graded.Select(g => g.Row).ToList(), Summarise(course, graded));
    }

    /// <summary>
    /// Whether attendance meets two thirds of the sessions held, in integers so nothing rounds:
    /// 10 of 15 is enough, 9 of 14 is not. With no session held yet nobody is short.
    /// </summary>
    public static bool MeetsAttendance(int sessionsAttended, int sessionsHeld) =>
        (long)sessionsAttended * 3 >= (long)sessionsHeld * 2;

    private sealed record GradedStudent(GradebookRow Row, ExactRational? ExactRate);

    private static GradedStudent GradeStudent(GradebookCourse course, GradebookStudent student)
    {
        var counted = course.Assignments.Select(a => (Assignment: a, Score: a.CountedScore(student.Submissions))).ToList();
        var rate = AchievementRate(counted);
        var level = rate is null || course.FreeSemester
            ? (Level?)null
            : course.CutScores.LevelFor(course.Kind, rate.Value, student.RemedialCompleted);
        var (creditEarned, status) = course.Kind == CourseKind.Credit
            ? CreditStanding(course, student, rate)
            : (null, GradebookStatus.Completed);

        var row = new GradebookRow(
            student.Id,
            student.Name,
            student.Login,
            counted.Select(c => new AssignmentScore(c.Assignment.Id, c.Score is { } s ? Math.Round(s, DisplayDecimals, MidpointRounding.ToZero) : null)).ToList(),
            rate?.Truncate(DisplayDecimals),
            level,
            new Attendance(student.SessionsAttended, course.SessionsHeld),
            creditEarned,
            status,
            student.NarrativeNote);
        return new GradedStudent(row, rate);
    }

    /// <summary>
    /// Σ weight × score / maxScore over the weighted assignments, divided by Σ weight, in percent, exactly.
    /// An assignment without a counted submission adds 0. Null when no assignment is weighted: there is
    /// nothing to measure yet, which is not the same as a student who handed nothing in (0).
    /// </summary>
    private static ExactRational? AchievementRate(IEnumerable<(GradebookAssignment Assignment, decimal? Score)> counted)
    {
        var weighted = counted.Where(c => c.Assignment.IsWeighted).ToList();
        if (weighted.Count == 0) return null;
        var earned = ExactRational.Zero;
        var totalWeight = ExactRational.Zero;
        foreach (var (assignment, score) in weighted)
        {
            earned += (ExactRational)assignment.Weight * (score ?? 0m) / assignment.MaxScore;
            totalWeight += assignment.Weight;
        }
        return earned * 100m / totalWeight;
    }

    /// <summary>
    /// Credit is earned with two-thirds attendance and a rate of at least 40 % (or completed remedial
    /// instruction). Without a rate (no weighted assignment) achievement cannot fail, so attendance alone decides.
    /// </summary>
    private static (bool? CreditEarned, GradebookStatus Status) CreditStanding(
        GradebookCourse course, GradebookStudent student, ExactRational? rate)
    {
        var attendanceMet = MeetsAttendance(student.SessionsAttended, course.SessionsHeld);
        var belowMinimum = rate is { } r && r < CutScores.CreditMinimumRate;
        var status = (attendanceMet, belowMinimum, student.RemedialCompleted, course.Closed) switch
        {
            (false, _, _, _) => GradebookStatus.AttendanceShortfall,
            (_, false, _, _) => GradebookStatus.Completed,
            (_, true, true, _) => GradebookStatus.RemedialCompleted,
            (_, true, false, false) => GradebookStatus.Remedial,
            (_, true, false, true) => GradebookStatus.Incomplete,
        };
        var achievementMet = !belowMinimum || student.RemedialCompleted;
        return (attendanceMet && achievementMet, status);
    }

    private static GradebookSummary Summarise(GradebookCourse course, IReadOnlyList<GradedStudent> graded)
    {
        var rates = graded.Where(g => g.ExactRate is not null).Select(g => g.ExactRate!.Value).ToList();
        var mean = rates.Count == 0
            ? (ExactRational?)null
            : rates.Aggregate(ExactRational.Zero, (sum, r) => sum + r) / (decimal)rates.Count;
        var levels = graded.Where(g => g.Row.Level is not null).Select(g => g.Row.Level!.Value).ToList();
        var possible = course.Kind == CourseKind.Credit ? CreditLevels : OtherLevels;
        return new GradebookSummary(graded.Count, mean?.Truncate(DisplayDecimals), LevelShares(possible, levels));
    }

    /// <summary>
    /// Percent of the students at each level with 2 decimals, apportioned by largest remainder so the
    /// shares add up to exactly 100 (three equal thirds are 33.34 + 33.33 + 33.33, not 99.99).
    /// </summary>
    private static IReadOnlyList<LevelShare> LevelShares(IReadOnlyList<Level> possible, IReadOnlyList<Level> levels)
    {
        if (levels.Count == 0) return [];
        const int hundredthsOfAPercent = 100 * 100;
        var counts = possible.Select(l => levels.Count(x => x == l)).ToList();
        var units = counts.Select(c => c * hundredthsOfAPercent / levels.Count).ToArray();
        var leftover = hundredthsOfAPercent - units.Sum();
        var byRemainder = Enumerable.Range(0, possible.Count)
            .OrderByDescending(i => counts[i] * hundredthsOfAPercent % levels.Count)
            .ThenBy(i => i);
        foreach (var i in byRemainder.Take(leftover)) units[i]++;
        return possible.Select((level, i) => new LevelShare(level, counts[i], units[i] / 100m)).ToList();
    }
}
