using Grader.Core.Gradebook;
using static Grader.Core.Tests.Gradebook.GradebookBuilders;

namespace Grader.Core.Tests.Gradebook;

public class LatePolicyTests
{
    private static readonly LatePolicy s_tenPercentPerDayFloorHalf = new(LateMode.Penalty, PercentPerDay: 10, FloorPercent: 50);

    [Theory]
    [InlineData(-60, 0)]                  // early
    [InlineData(0, 0)]                    // exactly at the due time is on time
    [InlineData(1, 1)]                    // one second late starts the first day
    [InlineData(24 * 3600, 1)]            // exactly one day late
    [InlineData(24 * 3600 + 1, 2)]        // a started second day counts whole
    public void DaysLate_counts_started_days_as_whole_days(int secondsAfterDue, long expectedDays) =>
        Assert.Equal(expectedDays, LatePolicy.DaysLate(DueAt.AddSeconds(secondsAfterDue), DueAt));

    [Theory]
    [InlineData(0, 80)]
    [InlineData(1, 72)]        // 1 day: 90 %
    [InlineData(86401, 64)]    // 2 days: 80 %
    [InlineData(4 * 86400, 48)] // 4 days: 60 %
    public void Penalty_takes_a_percentage_per_day_late(int secondsAfterDue, decimal expected) =>
        Assert.Equal(expected, s_tenPercentPerDayFloorHalf.PenalisedScore(80, DueAt.AddSeconds(secondsAfterDue), DueAt));

    [Theory]
    [InlineData(5)]   // exactly at the floor
    [InlineData(9)]   // 100 - 90 = 10 % would be below the floor
    [InlineData(400)]
    public void Penalty_never_drops_below_the_floor(int daysLate) =>
        Assert.Equal(40m, s_tenPercentPerDayFloorHalf.PenalisedScore(80, DueAt.AddDays(daysLate), DueAt));

    [Fact]
    public void Penalty_without_a_floor_stops_at_zero() =>
        Assert.Equal(0m, new LatePolicy(LateMode.Penalty, 30).PenalisedScore(80, DueAt.AddDays(5), DueAt));

    [Fact]
    public void Penalty_keeps_fractions_exactly() =>
        Assert.Equal(6.3m, new LatePolicy(LateMode.Penalty, 10).PenalisedScore(7, DueAt.AddHours(3), DueAt));

    [Fact]
    public void Refuse_counts_nothing_late_and_everything_on_time()
    {
        var refuse = new LatePolicy(LateMode.Refuse);
        Assert.Null(refuse.PenalisedScore(80, DueAt.AddSeconds(1), DueAt));
        Assert.False(refuse.Accepts(DueAt.AddSeconds(1), DueAt));
        Assert.Equal(80m, refuse.PenalisedScore(80, DueAt, DueAt));
        Assert.True(refuse.Accepts(DueAt, DueAt));
    }

    [Fact]
    public void Accept_counts_late_submissions_in_full()
    {
        Assert.Equal(80m, LatePolicy.Accept.PenalisedScore(80, DueAt.AddDays(30), DueAt));
        Assert.True(LatePolicy.Accept.Accepts(DueAt.AddDays(30), DueAt));
    }

    [Theory]
    [InlineData(10, 50, true)]
    [InlineData(0, 0, true)]
    [InlineData(100, 100, true)]
    [InlineData(-1, 0, false)]
    [InlineData(101, 0, false)]
    [InlineData(10, 120, false)]
    public void IsValid_bounds_both_percentages(decimal perDay, decimal floor, bool valid) =>
        Assert.Equal(valid, new LatePolicy(LateMode.Penalty, perDay, floor).IsValid);
}
