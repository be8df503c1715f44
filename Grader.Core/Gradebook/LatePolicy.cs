using System.Text.Json.Serialization;
using Grader.Grading;

namespace Grader.Core.Gradebook;

[JsonConverter(typeof(WireEnumConverter<LateMode>))]
public enum LateMode
{
    /// <summary>A late submission is refused when it is submitted, so none is ever counted.</summary>
    Refuse,
    /// <summary>A percentage of the raw score is taken off per day late, down to a floor.</summary>
    Penalty,
    /// <summary>Late submissions count in full.</summary>
    Accept,
}

/// <summary>What happens to a submission after the due date.</summary>
/// <param name="PercentPerDay">Percent of the raw score taken off per day late; a started day counts as a whole day.</param>
/// <param name="FloorPercent">The penalised score never drops below this percent of the raw score.</param>
public sealed record LatePolicy(LateMode Mode, decimal PercentPerDay = 0, decimal FloorPercent = 0)
{
    public static readonly LatePolicy Accept = new(LateMode.Accept);

    public bool IsValid => PercentPerDay is >= 0 and <= 100 && FloorPercent is >= 0 and <= 100;

    /// <summary>Whether a submission made at <paramref name="submittedAt"/> may be stored at all.</summary>
    public bool Accepts(DateTimeOffset submittedAt, DateTimeOffset dueAt) =>
        Mode != LateMode.Refuse || submittedAt <= dueAt;

    /// <summary>Whole days late, counting a started day as a whole one; 0 when on time (exactly at the due time is on time).</summary>
    public static long DaysLate(DateTimeOffset submittedAt, DateTimeOffset dueAt)
    {
        var lateTicks = (submittedAt - dueAt).Ticks;
        return lateTicks <= 0 ? 0 : (lateTicks + TimeSpan.TicksPerDay - 1) / TimeSpan.TicksPerDay;
    }

    /// <summary>The score that counts, or null when this policy refuses the submission.</summary>
    public decimal? PenalisedScore(decimal rawScore, DateTimeOffset submittedAt, DateTimeOffset dueAt)
    {
        var daysLate = DaysLate(submittedAt, dueAt);
        if (daysLate == 0) return rawScore;
        return Mode switch
        {
            LateMode.Refuse => null,
            LateMode.Accept => rawScore,
            _ => rawScore * Math.Max(100 - PercentPerDay * daysLate, Math.Max(FloorPercent, 0)) / 100,
        };
    }
}
