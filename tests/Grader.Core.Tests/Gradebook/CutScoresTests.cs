using Grader.Core.Gradebook;

namespace Grader.Core.Tests.Gradebook;

public class CutScoresTests
{
    [Theory]
    [InlineData("100", Level.A)]
    [InlineData("90", Level.A)]
    [InlineData("89.995", Level.B)]
    [InlineData("89.9999999999", Level.B)]
    [InlineData("80", Level.B)]
    [InlineData("70", Level.C)]
    [InlineData("60", Level.D)]
    [InlineData("59.99", Level.E)]
    [InlineData("40", Level.E)]
    [InlineData("39.99", Level.I)]
    [InlineData("0", Level.I)]
    public void Credit_levels_run_from_A_to_E_with_I_below_40(string rate, Level expected) =>
        Assert.Equal(expected, CutScores.Default.LevelFor(CourseKind.Credit, decimal.Parse(rate), eAsLowest: false));

    [Fact]
    public void Completed_remedial_instruction_turns_I_into_E() =>
        Assert.Equal(Level.E, CutScores.Default.LevelFor(CourseKind.Credit, 39.99m, eAsLowest: true));

    [Theory]
    [InlineData(CourseKind.Convergence, "59.99")]
    [InlineData(CourseKind.Convergence, "0")]
    [InlineData(CourseKind.General, "39.99")]
    public void Convergence_and_general_give_E_below_D_and_never_I(CourseKind kind, string rate) =>
        Assert.Equal(Level.E, CutScores.Default.LevelFor(kind, decimal.Parse(rate), eAsLowest: false));

    [Fact]
    public void A_course_cut_score_moves_the_boundary()
    {
        var cuts = CutScores.Default with { A = 89.99m };
        Assert.Equal(Level.A, cuts.LevelFor(CourseKind.Credit, 89.995m, eAsLowest: false));
        Assert.Equal(Level.B, cuts.LevelFor(CourseKind.Credit, 89.98m, eAsLowest: false));
    }

    [Theory]
    [InlineData(CourseKind.Credit, 90, 80, 70, 60, true)]
    [InlineData(CourseKind.Credit, 95, 85, 75, 40.5, true)]
    [InlineData(CourseKind.Credit, 90, 80, 70, 40, false)]       // D must stay above the fixed E cut
    [InlineData(CourseKind.Convergence, 90, 80, 70, 40, true)]
    [InlineData(CourseKind.General, 90, 80, 80, 60, false)]      // not strictly descending
    [InlineData(CourseKind.General, 101, 80, 70, 60, false)]
    [InlineData(CourseKind.General, 90, 80, 70, 0, false)]
    public void IsValidFor_requires_descending_cuts_within_the_scale(
        CourseKind kind, double a, double b, double c, double d, bool valid) =>
        Assert.Equal(valid, new CutScores((decimal)a, (decimal)b, (decimal)c, (decimal)d).IsValidFor(kind));
}
