using System.Text.Json;
using Grader.Core.Gradebook;
using static Grader.Core.Tests.Gradebook.GradebookBuilders;

namespace Grader.Core.Tests.Gradebook;

public class GradebookCalculatorTests
{
    private static readonly GradebookCourse s_creditCourse = Course(CourseKind.Credit);

    [Fact]
    public void Rate_is_the_weighted_percent_and_is_rounded_half_up_to_two_decimals()
    {
        var project = Assignment(maxScore: 100, weight: 2);
        var quiz = Assignment(maxScore: 10, weight: 1);
        var student = Student(submissions: [Submission(project, 50), Submission(quiz, 10)]);

        var row = GradebookCalculator.Compute(Course(CourseKind.General, project, quiz), [student]).Rows.Single();

        Assert.Equal(66.67m, row.AchievementRate); // (2 × 0.5 + 1 × 1) / 3 = 66.666…
        Assert.Equal(Level.D, row.Level);
    }

    [Fact]
    public void Rate_on_a_cut_score_is_compared_exactly_not_after_decimal_division()
    {
        // 1/3 + 1/3 + 8/15 is exactly 40 %; dividing in decimal gives 39.999…997 and would fail the credit.
        var a = Assignment(maxScore: 3);
        var b = Assignment(maxScore: 3);
        var c = Assignment(maxScore: 15);
        var student = Student(submissions: [Submission(a, 1), Submission(b, 1), Submission(c, 8)]);

        var row = GradebookCalculator.Compute(Course(CourseKind.Credit, a, b, c), [student]).Rows.Single();

        Assert.Equal(40m, row.AchievementRate);
        Assert.Equal(Level.E, row.Level);
        Assert.Equal(GradebookStatus.Completed, row.Status);
        Assert.True(row.CreditEarned);
    }

    [Fact]
    public void Level_follows_the_rate_as_shown_rounded_half_up()
    {
        var assignment = Assignment(maxScore: 100000);
        var course = Course(CourseKind.Credit, assignment);
        (decimal?, Level?) Shown(decimal score)
        {
            var row = GradebookCalculator.Compute(course, [Student(submissions: [Submission(assignment, score)])]).Rows.Single();
            return (row.AchievementRate, row.Level);
        }

        Assert.Equal((90.00m, Level.A), Shown(89995)); // 89.995 rounds up: never 90.00 shown next to a B
        Assert.Equal((89.99m, Level.B), Shown(89994));
        Assert.Equal((40.00m, Level.E), Shown(39995));
        Assert.Equal((39.99m, Level.I), Shown(39994));
    }

    [Fact]
    public void Credit_student_below_40_is_remedial_with_I_while_the_course_is_open()
    {
        var row = RowFor(s_creditCourse, 39.99m);
        Assert.Equal(39.99m, row.AchievementRate);
        Assert.Equal(Level.I, row.Level);
        Assert.Equal(GradebookStatus.Remedial, row.Status);
        Assert.False(row.CreditEarned);
    }

    [Fact]
    public void Credit_student_still_below_40_when_the_course_closes_is_incomplete()
    {
        var row = RowFor(s_creditCourse with { Closed = true }, 39.99m);
        Assert.Equal(Level.I, row.Level);
        Assert.Equal(GradebookStatus.Incomplete, row.Status);
        Assert.False(row.CreditEarned);
    }

    [Fact]
    public void Credit_student_at_40_gets_E_and_the_credit()
    {
        var row = RowFor(s_creditCourse, 40);
        Assert.Equal(Level.E, row.Level);
        Assert.Equal(GradebookStatus.Completed, row.Status);
        Assert.True(row.CreditEarned);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Completed_remedial_instruction_gives_E_and_the_credit(bool courseClosed)
    {
        var row = RowFor(s_creditCourse with { Closed = courseClosed }, 12, Student(remedialCompleted: true));
        Assert.Equal(Level.E, row.Level);
        Assert.Equal(GradebookStatus.RemedialCompleted, row.Status);
        Assert.True(row.CreditEarned);
    }

    [Theory]
    [InlineData(10, 15, true)]
    [InlineData(9, 14, false)]  // 9 × 3 = 27 < 28: no rounding up to two thirds
    [InlineData(10, 14, true)]
    [InlineData(0, 0, true)]    // no session held yet: nobody is short
    public void Credit_needs_two_thirds_attendance(int attended, int held, bool earned)
    {
        var row = RowFor(s_creditCourse with { SessionsHeld = held }, 95, Student(sessionsAttended: attended));

        Assert.Equal(earned, row.CreditEarned);
        Assert.Equal(earned ? GradebookStatus.Completed : GradebookStatus.AttendanceShort, row.Status);
        Assert.Equal(Level.A, row.Level); // attendance does not change the level
        Assert.Equal(new Attendance(attended, held), row.Attendance);
    }

    [Fact]
    public void Short_attendance_is_shown_before_remedial_and_the_credit_needs_both_records()
    {
        var course = s_creditCourse with { SessionsHeld = 14 };
        var row = RowFor(course, 30, Student(sessionsAttended: 9, remedialCompleted: true));
        Assert.Equal(GradebookStatus.AttendanceShort, row.Status);
        Assert.Equal(Level.E, row.Level);
        Assert.False(row.CreditEarned);

        var extraOnly = RowFor(course, 30, Student(sessionsAttended: 9, extraLearningCompleted: true));
        Assert.Equal((GradebookStatus.Remedial, false), (extraOnly.Status, extraOnly.CreditEarned));

        var both = RowFor(course, 30, Student(sessionsAttended: 9, remedialCompleted: true, extraLearningCompleted: true));
        Assert.Equal((GradebookStatus.RemedialCompleted, true), (both.Status, both.CreditEarned));
    }

    [Fact]
    public void Completed_extra_learning_earns_the_credit_of_a_short_attendance()
    {
        var row = RowFor(s_creditCourse with { SessionsHeld = 14 }, 80, Student(sessionsAttended: 9, extraLearningCompleted: true));
        Assert.Equal((GradebookStatus.ExtraLearningCompleted, true, Level.B), (row.Status, row.CreditEarned, row.Level));
    }

    [Theory]
    [InlineData(2026, 30, Level.E, true, GradebookStatus.Completed)]     // elective from 2026: attendance alone, E lowest
    [InlineData(2026, 39.99, Level.E, true, GradebookStatus.Completed)]
    [InlineData(2026, 40, Level.E, false, GradebookStatus.Completed)]
    [InlineData(2025, 30, Level.I, null, GradebookStatus.Remedial)]      // before 2026 every subject needs 40 %
    public void Elective_subjects_from_2026_earn_the_credit_on_attendance_alone(
        int schoolYear, double rate, Level level, bool? belowMinimum, GradebookStatus status)
    {
        var course = s_creditCourse with { SubjectType = SubjectType.Elective, SchoolYear = schoolYear };
        var row = RowFor(course, (decimal)rate);
        Assert.Equal((level, belowMinimum, status, status == GradebookStatus.Completed),
            (row.Level!.Value, row.BelowMinimumAchievement, row.Status, row.CreditEarned!.Value));
    }

    [Fact]
    public void Elective_statistics_from_2026_have_no_I()
    {
        var course = Course(CourseKind.Credit, Assignment()) with { SubjectType = SubjectType.Elective };
        var shares = GradebookCalculator.Compute(course, []).Summary.LevelShares;
        Assert.Empty(shares);
        var assignment = course.Assignments.Single();
        var withStudent = GradebookCalculator.Compute(course, [Student(submissions: [Submission(assignment, 10)])]).Summary.LevelShares;
        Assert.Equal([Level.A, Level.B, Level.C, Level.D, Level.E], withStudent.Select(s => s.Level));
    }

    [Theory]
    [InlineData(CourseKind.Convergence)]
    [InlineData(CourseKind.General)]
    public void Non_credit_courses_give_E_below_60_and_no_credit_to_earn(CourseKind kind)
    {
        var row = RowFor(Course(kind), 20, Student(sessionsAttended: 1));
        Assert.Equal(Level.E, row.Level);
        Assert.Equal(GradebookStatus.Completed, row.Status);
        Assert.Null(row.CreditEarned);
    }

    [Fact]
    public void Free_semester_course_shows_no_level_only_the_narrative_note()
    {
        var assignment = Assignment();
        var course = Course(CourseKind.Convergence, assignment) with { FreeSemester = true };
        var student = Student(narrativeNote: "반복문을 스스로 설계함", submissions: [Submission(assignment, 95)]);

        var gradebook = GradebookCalculator.Compute(course, [student]);

        var row = gradebook.Rows.Single();
        Assert.Null(row.Level);
        Assert.Equal("반복문을 스스로 설계함", row.NarrativeNote);
        Assert.Empty(gradebook.Summary.LevelShares);
    }

    [Fact]
    public void Course_with_assignments_but_no_graded_work_rates_everyone_0()
    {
        var assignment = Assignment();
        var gradebook = GradebookCalculator.Compute(Course(CourseKind.Credit, assignment), [Student(), Student("이서연")]);

        Assert.All(gradebook.Rows, row =>
        {
            Assert.Equal(0m, row.AchievementRate);
            Assert.Null(row.Scores.Single().Score); // nothing submitted, which is not a score of 0
            Assert.Equal(Level.I, row.Level);
            Assert.Equal(GradebookStatus.Remedial, row.Status);
        });
        Assert.Equal(0m, gradebook.Summary.MeanAchievementRate);
    }

    [Fact]
    public void Course_without_weighted_assignments_has_no_rate_and_no_level()
    {
        var practice = Assignment(weight: 0);
        var student = Student(submissions: [Submission(practice, 100)]);

        var gradebook = GradebookCalculator.Compute(Course(CourseKind.Credit, practice), [student]);

        var row = gradebook.Rows.Single();
        Assert.Equal(100m, row.Scores.Single().Score);
        Assert.Null(row.AchievementRate);
        Assert.Null(row.Level);
        Assert.True(row.CreditEarned); // attendance alone decides until there is something to achieve
        Assert.Equal(GradebookStatus.Completed, row.Status);
        Assert.Null(gradebook.Summary.MeanAchievementRate);
        Assert.Empty(gradebook.Summary.LevelShares);
    }

    [Fact]
    public void Practice_assignment_is_listed_but_not_weighted()
    {
        var practice = Assignment(weight: 0);
        var test = Assignment();
        var student = Student(submissions: [Submission(practice, 0), Submission(test, 85)]);

        var row = GradebookCalculator.Compute(Course(CourseKind.General, practice, test), [student]).Rows.Single();

        Assert.Equal([practice.Id, test.Id], row.Scores.Select(s => s.AssignmentId));
        Assert.Equal(85m, row.AchievementRate);
    }

    [Fact]
    public void Late_penalty_reaches_the_rate_and_the_shown_score()
    {
        var assignment = Assignment(maxScore: 10, latePolicy: new LatePolicy(LateMode.Penalty, 33.33m, 50));
        var student = Student(submissions: [Submission(assignment, 10, afterDue: TimeSpan.FromMinutes(5))]);

        var row = GradebookCalculator.Compute(Course(CourseKind.General, assignment), [student]).Rows.Single();

        Assert.Equal(6.67m, row.Scores.Single().Score); // 6.6667 rounded half up, like the rate
        Assert.Equal(66.67m, row.AchievementRate);
    }

    [Fact]
    public void Statistics_count_students_average_exact_rates_and_round_each_share_to_one_decimal()
    {
        var assignment = Assignment();
        var students = new[] { 100m, 85, 75 }
            .Select(score => Student(submissions: [Submission(assignment, score)]))
            .ToList();

        var summary = GradebookCalculator.Compute(Course(CourseKind.Convergence, assignment), students).Summary;

        Assert.Equal(3, summary.StudentCount);
        Assert.Equal(86.67m, summary.MeanAchievementRate);
        Assert.Equal(
            [
                new LevelShare(Level.A, 1, 33.3m), new LevelShare(Level.B, 1, 33.3m), new LevelShare(Level.C, 1, 33.3m),
                new LevelShare(Level.D, 0, 0m), new LevelShare(Level.E, 0, 0m),
            ],
            summary.LevelShares);
        Assert.Equal(99.9m, summary.LevelShares.Sum(s => s.Percent)); // each share rounded on its own, as the 학교생활기록부 does
    }

    [Fact]
    public void Credit_statistics_include_I()
    {
        var assignment = Assignment();
        var students = new[] { 95m, 30, 30, 50 }
            .Select(score => Student(submissions: [Submission(assignment, score)]))
            .ToList();

        var shares = GradebookCalculator.Compute(Course(CourseKind.Credit, assignment), students).Summary.LevelShares;

        Assert.Equal([Level.A, Level.B, Level.C, Level.D, Level.E, Level.I], shares.Select(s => s.Level));
        Assert.Equal([25m, 0, 0, 0, 25, 50], shares.Select(s => s.Percent));
    }

    [Fact]
    public void Course_without_students_has_empty_statistics()
    {
        var summary = GradebookCalculator.Compute(Course(CourseKind.Credit, Assignment()), []).Summary;
        Assert.Equal(0, summary.StudentCount);
        Assert.Null(summary.MeanAchievementRate);
        Assert.Empty(summary.LevelShares);
    }

    [Fact]
    public void Row_serialises_with_the_spec_names()
    {
        var row = RowFor(s_creditCourse with { SessionsHeld = 14 }, 30, Student(sessionsAttended: 9));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(row, JsonSerializerOptions.Web));

        Assert.Equal("attendance_short", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("I", json.RootElement.GetProperty("level").GetString());
        Assert.Equal(30m, json.RootElement.GetProperty("achievementRate").GetDecimal());
        Assert.False(json.RootElement.GetProperty("creditEarned").GetBoolean());
        Assert.Equal(9, json.RootElement.GetProperty("attendance").GetProperty("sessionsAttended").GetInt32());
    }
}
