using Grader.Core.Gradebook;

namespace Grader.Core.Tests.Gradebook;

public class CreditRulesTests
{
    [Theory]
    [InlineData("2026-02-28T14:59:59Z", 2025)] // 23:59:59 on 28 February in Seoul: still 학년도 2025
    [InlineData("2026-02-28T15:00:00Z", 2026)] // 00:00 on 1 March in Seoul
    [InlineData("2026-12-31T00:00:00Z", 2026)]
    [InlineData("2027-01-15T00:00:00Z", 2026)]
    public void School_year_runs_from_March_in_Korean_time(string instant, int expected) =>
        Assert.Equal(expected, CreditRules.SchoolYearAt(DateTimeOffset.Parse(instant)));

    [Theory]
    [InlineData(SubjectType.Elective, 2026, false)]
    [InlineData(SubjectType.Elective, 2025, true)]
    [InlineData(SubjectType.Common, 2026, true)]
    [InlineData(SubjectType.Common, 2025, true)]
    public void Only_electives_from_2026_do_without_the_40_percent(SubjectType type, int schoolYear, bool required) =>
        Assert.Equal(required, CreditRules.AchievementRequired(type, schoolYear));

    [Theory]
    [InlineData(6, 4, 2, 2025, true)]   // 3 hours per credit run, 2/3 of them attended
    [InlineData(6, 3, 2, 2025, false)]  // 3 × 3 = 9 < 12: below two thirds
    [InlineData(5, 5, 2, 2026, false)]  // fewer than 3 hours per credit run
    [InlineData(6, 6, 2, 2024, false)]  // before 학년도 2025: 5 hours per credit
    [InlineData(10, 7, 2, 2024, true)]
    [InlineData(4, 5, 1, 2026, false)]  // attended more than was run
    [InlineData(0, 0, 0, 2026, false)]  // no hour run is no instruction, even without credits
    public void Remedial_instruction_is_complete_at_two_thirds_of_enough_hours(int run, int attended, int credits, int year, bool complete) =>
        Assert.Equal(complete, CreditRules.RemedialComplete(run, attended, credits, year));
}
