namespace Grader.Core.Gradebook;

/// <summary>The gradebook rules of SPEC.md as pure functions: the caller loads the course and passes every time in.</summary>
public static class GradebookCalculator
{
    private const int DisplayDecimals = 2;
    private const int ShareDecimals = 1;

    private static readonly Level[] s_creditLevels = [Level.A, Level.B, Level.C, Level.D, Level.E, Level.I];
    private static readonly Level[] s_otherLevels = [Level.A, Level.B, Level.C, Level.D, Level.E];

    public static Gradebook Compute(GradebookCourse course, IReadOnlyList<GradebookStudent> students)
    {
        var columns = course.Assignments
            .Select(a => new GradebookColumn(a.Id, a.Title, a.Weight, a.MaxScore, a.Area))
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
        var exactRate = AchievementRate(counted);
        // The rules read the rate as it is shown and recorded (rounded half up), so a row never shows 40.00 % next to
        // remedial or 90.00 % next to a B; the exactness before rounding still keeps 1/3 + 1/3 + 8/15 at 40.
        var rate = exactRate?.RoundHalfUp(DisplayDecimals);
        var achievementRequired = AchievementRequired(course);
        var level = rate is null || course.FreeSemester
            ? (Level?)null
            : course.CutScores.LevelFor(course.Kind, rate.Value, student.RemedialCompleted || !achievementRequired);
        var (creditEarned, status) = course.Kind == CourseKind.Credit
            ? CreditStanding(course, achievementRequired, student, rate)
            : (null, GradebookStatus.Completed);
        bool? belowMinimum = course.Kind == CourseKind.Credit && !achievementRequired
            ? rate < CutScores.CreditMinimumRate
            : null;

        var row = new GradebookRow(
            student.Id,
            student.Name,
            student.Login,
            student.StudentNumber,
            counted.Select(c => new AssignmentScore(c.Assignment.Id, c.Score is { } s ? ((ExactRational)s).RoundHalfUp(DisplayDecimals) : null)).ToList(),
            rate,
            level,
            new Attendance(student.SessionsAttended, course.SessionsHeld),
            creditEarned,
            belowMinimum,
            status,
            student.NarrativeNote);
        return new GradedStudent(row, exactRate);
    }

    /// <summary>Whether the course's rule also asks a rate of 40 % for the credit (see <see cref="CreditRules"/>).</summary>
    private static bool AchievementRequired(GradebookCourse course) =>
        course.Kind == CourseKind.Credit && CreditRules.AchievementRequired(course.SubjectType, course.SchoolYear);

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
    /// Credit needs two-thirds attendance, or completed extra learning; where the rule asks it, also a rate of at
    /// least 40 %, or completed remedial instruction. Without a rate (no weighted assignment) achievement cannot
    /// fail, so attendance alone decides. The status names what is still missing, attendance first.
    /// </summary>
    private static (bool? CreditEarned, GradebookStatus Status) CreditStanding(
        GradebookCourse course, bool achievementRequired, GradebookStudent student, decimal? rate)
    {
        var attendanceShort = !MeetsAttendance(student.SessionsAttended, course.SessionsHeld);
        var belowMinimum = achievementRequired && rate < CutScores.CreditMinimumRate;
        var status = (attendanceShort, student.ExtraLearningCompleted, belowMinimum, student.RemedialCompleted, course.Closed) switch
        {
            (true, false, _, _, _) => GradebookStatus.AttendanceShort,
            (_, _, true, true, _) => GradebookStatus.RemedialCompleted,
            (_, _, true, false, false) => GradebookStatus.Remedial,
            (_, _, true, false, true) => GradebookStatus.Incomplete,
            (true, true, false, _, _) => GradebookStatus.ExtraLearningCompleted,
            (false, _, false, _, _) => GradebookStatus.Completed,
        };
        var attendanceMet = !attendanceShort || student.ExtraLearningCompleted;
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
        var possible = AchievementRequired(course) ? s_creditLevels : s_otherLevels;
        return new GradebookSummary(graded.Count, mean?.RoundHalfUp(DisplayDecimals), LevelShares(possible, levels));
    }

    /// <summary>Percent of the students at each level, each rounded half up to one decimal on its own.</summary>
    private static IReadOnlyList<LevelShare> LevelShares(IReadOnlyList<Level> possible, IReadOnlyList<Level> levels)
    {
        if (levels.Count == 0) return [];
        return possible.Select(level =>
        {
            var count = levels.Count(x => x == level);
            return new LevelShare(level, count, ((ExactRational)count * 100m / levels.Count).RoundHalfUp(ShareDecimals));
        }).ToList();
    }
}
