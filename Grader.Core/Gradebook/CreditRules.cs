namespace Grader.Core.Gradebook;

/// <summary>
/// The national credit rules by 학년도 (SPEC.md, "Gradebook"): which requirements a credit course's student must
/// meet, and what completes remedial instruction. Dates: 국가교육위원회 decision of January 2026 and 교육부
/// follow-up of 2026-01-28 (elective subjects on attendance alone from 학년도 2026); remedial instruction
/// 3 hours per credit from 2025-09 (5 before).
/// </summary>
public static class CreditRules
{
    /// <summary>The first 학년도 in which elective subjects earn their credit on attendance alone.</summary>
    public const int AttendanceOnlyElectivesFrom = 2026;

    /// <summary>The 학년도 from which remedial instruction needs 3 hours per credit instead of 5.</summary>
    public const int ThreeRemedialHoursFrom = 2025;

    private static readonly TimeZoneInfo s_schoolTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>The 학년도 at an instant: it runs from 1 March to the end of February, in Korean time.</summary>
    public static int SchoolYearAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, s_schoolTime);
        return local.Month >= 3 ? local.Year : local.Year - 1;
    }

    /// <summary>Whether a rate below 40 % keeps the credit back (common subjects, and every subject before 2026).</summary>
    public static bool AchievementRequired(SubjectType subjectType, int schoolYear) =>
        subjectType == SubjectType.Common || schoolYear < AttendanceOnlyElectivesFrom;

    /// <summary>
    /// The least remedial hours a course must run per credit. The 3-hour rule started in 2025-09, during 학년도
    /// 2025; it applies to all of 2025 because every record complete under 5 hours is complete under 3 too.
    /// </summary>
    public static int RemedialHoursPerCredit(int schoolYear) => schoolYear >= ThreeRemedialHoursFrom ? 3 : 5;

    /// <summary>
    /// Remedial instruction is complete when at least the minimum hours per credit were run (at least one hour
    /// for a course without credits) and the student took part in at least 2/3 of them (integers: 4 of 6 is enough).
    /// </summary>
    public static bool RemedialComplete(int hoursRun, int hoursAttended, int credits, int schoolYear) =>
        hoursRun >= Math.Max(1, RemedialHoursPerCredit(schoolYear) * credits)
        && hoursAttended <= hoursRun
        && GradebookCalculator.MeetsAttendance(hoursAttended, hoursRun);
}
