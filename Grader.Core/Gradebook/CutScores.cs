namespace Grader.Core.Gradebook;

/// <summary>The lowest achievement rates (percent) for levels A to D; a credit course adds E at 40 %.</summary>
public sealed record CutScores(decimal A, decimal B, decimal C, decimal D)
{
    public static readonly CutScores Default = new(90, 80, 70, 60);

    /// <summary>The credit system's minimum achievement: below it a credit student gets I unless remedial instruction is completed.</summary>
    public const decimal CreditMinimumRate = 40;

    /// <summary>Strictly descending within 0–100; in a credit course D must stay above the fixed E cut of 40.</summary>
    public bool IsValidFor(CourseKind kind) =>
        A <= 100 && A > B && B > C && C > D && D > (kind == CourseKind.Credit ? CreditMinimumRate : 0);

    /// <summary>
    /// The level for an achievement rate, compared exactly (89.995 is B with a cut of 90). Credit courses
    /// give E from 40 % and I below, except with <paramref name="eAsLowest"/> (completed remedial instruction, or an
    /// elective subject from 2026, whose credit does not depend on the rate); other kinds give E to everything below D.
    /// </summary>
    public Level LevelFor(CourseKind kind, decimal achievementRate, bool eAsLowest) =>
        LevelFor(kind, ExactRational.FromDecimal(achievementRate), eAsLowest);

    internal Level LevelFor(CourseKind kind, ExactRational rate, bool eAsLowest)
    {
        if (rate >= A) return Level.A;
        if (rate >= B) return Level.B;
        if (rate >= C) return Level.C;
        if (rate >= D) return Level.D;
        if (kind != CourseKind.Credit || rate >= CreditMinimumRate || eAsLowest) return Level.E;
        return Level.I;
    }
}
