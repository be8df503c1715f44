using System.Text.Json.Serialization;
using Grader.Grading;

namespace Grader.Core.Gradebook;

// A letter grade as the school writes it ("A"), not a wire name: the one enum outside WireNames.
[JsonConverter(typeof(JsonStringEnumConverter<Level>))]
public enum Level { A, B, C, D, E, I }

/// <summary>Where a student stands in the course; only credit courses use anything but <see cref="Completed"/>.</summary>
[JsonConverter(typeof(WireEnumConverter<GradebookStatus>))]
public enum GradebookStatus
{
    /// <summary>Meets the course's requirements (every student of a convergence or general course).</summary>
    Completed,
    /// <summary>Credit course, below 40 %, remedial instruction not yet completed, course still open.</summary>
    Remedial,
    /// <summary>Credit course, below 40 %, remedial instruction completed: level E and the credit.</summary>
    RemedialCompleted,
    /// <summary>Credit course closed while the student was still below 40 % without completed remedial instruction.</summary>
    Incomplete,
    /// <summary>
    /// Credit course, attended fewer than two thirds of the sessions held, extra learning (추가학습) not yet
    /// completed. It is shown before the achievement statuses, since the attendance is what is missing first.
    /// </summary>
    AttendanceShort,
    /// <summary>Credit course, attendance short of two thirds, extra learning completed: the credit is earned.</summary>
    ExtraLearningCompleted,
}

/// <summary>A course's gradebook: the assignments as columns, a row per student, and the course statistics.</summary>
public sealed record Gradebook(
    IReadOnlyList<GradebookColumn> Assignments,
    IReadOnlyList<GradebookRow> Rows,
    GradebookSummary Summary);

/// <param name="Area">The NEIS 평가영역 the teacher named (null: the assignment is an area of its own).</param>
public sealed record GradebookColumn(Guid AssignmentId, string Title, decimal Weight, decimal MaxScore, string? Area)
{
    /// <summary>Whether the column takes part in the achievement rate (see <see cref="GradebookAssignment.IsWeighted"/>).</summary>
    [JsonIgnore] public bool IsWeighted => Weight > 0 && MaxScore > 0;

    /// <summary>The NEIS area it belongs to: the teacher's area name, else its own title.</summary>
    [JsonIgnore] public string AreaName => Area ?? Title;
}

/// <param name="Scores">One per assignment, in column order.</param>
/// <param name="AchievementRate">Weighted percent rounded half up to 2 decimals; null when the course has no weighted assignment yet.</param>
/// <param name="Level">Null in a free-semester course, and while there is no achievement rate.</param>
/// <param name="CreditEarned">Null outside credit courses, where there is no credit to earn.</param>
/// <param name="BelowMinimumAchievement">Elective credit courses from 학년도 2026 only (null elsewhere): the rate is
/// below 40 % although the credit does not depend on it, so the teacher still gives 예방지도.</param>
public sealed record GradebookRow(
    Guid StudentId,
    string Name,
    string Login,
    string? StudentNumber,
    IReadOnlyList<AssignmentScore> Scores,
    decimal? AchievementRate,
    Level? Level,
    Attendance Attendance,
    bool? CreditEarned,
    bool? BelowMinimumAchievement,
    GradebookStatus Status,
    string? NarrativeNote);

/// <param name="Score">The counted score, late penalty applied, rounded half up to 2 decimals; null when nothing was submitted.</param>
public sealed record AssignmentScore(Guid AssignmentId, decimal? Score);

public sealed record Attendance(int SessionsAttended, int SessionsHeld);

/// <param name="MeanAchievementRate">Mean of the exact rates, rounded half up to 2 decimals; null with no student or no weighted assignment.</param>
/// <param name="LevelShares">Every level the course's rule can give, in order, each percent rounded half up to one
/// decimal on its own (as the 학교생활기록부 does, so they may add up to 99.9 or 100.1); empty in a free-semester course or while no student has a level.</param>
public sealed record GradebookSummary(int StudentCount, decimal? MeanAchievementRate, IReadOnlyList<LevelShare> LevelShares);

public sealed record LevelShare(Level Level, int Count, decimal Percent);
