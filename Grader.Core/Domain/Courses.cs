using Grader.Core.Gradebook;

namespace Grader.Core.Domain;

public enum MemberRole { Student, Teacher }

public static class MemberRoles
{
    /// <summary>The one role an account holds in a course: designers and admins are never members.</summary>
    public static MemberRole? InCourses(this Role role) => role switch
    {
        Role.Student => MemberRole.Student,
        Role.Teacher => MemberRole.Teacher,
        _ => null,
    };
}

public sealed class Course
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public CourseKind Kind { get; set; }
    public int Credits { get; set; }
    /// <summary>Credit courses only (null otherwise); with <see cref="SchoolYear"/> it decides the credit rule.</summary>
    public SubjectType? SubjectType { get; set; }
    /// <summary>학년도 (March to February) the course belongs to.</summary>
    public int SchoolYear { get; set; }
    public CutScores CutScores { get; set; } = CutScores.Default;
    public bool FreeSemester { get; set; }
    public int SessionsHeld { get; set; }
    /// <summary>Set when the teacher finalises the course: unfinished remedial work then becomes I (미이수).</summary>
    public bool Closed { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CourseMember> Members { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];
}

public sealed class CourseMember
{
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public MemberRole Role { get; set; }
    public int SessionsAttended { get; set; }
    public string? NarrativeNote { get; set; }
    /// <summary>Hours of remedial instruction the course ran for this student, and the hours they took part in.</summary>
    public int RemedialHoursRun { get; set; }
    public int RemedialHoursAttended { get; set; }
    public bool RemedialCompleted { get; set; }
    /// <summary>Extra learning (추가학습) for attendance short of two thirds, recorded as completed by the teacher.</summary>
    public bool ExtraLearningCompleted { get; set; }
}

public sealed class Assignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public Course? Course { get; set; }
    public required string Title { get; set; }
    /// <summary>
    /// The NEIS 평가영역 the teacher puts the assignment in; assignments sharing it are one area of the bulk-entry
    /// workbook. Null: the assignment is an area of its own, named by its title.
    /// </summary>
    public string? Area { get; set; }
    public Guid SuiteId { get; set; }
    public Suite? Suite { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public decimal Weight { get; set; } = 1;
    public ScorePolicy ScorePolicy { get; set; }
    public LatePolicy LatePolicy { get; set; } = LatePolicy.Accept;
    public int? MaxSubmissions { get; set; }
    /// <summary>When the teacher closed it: from then on no submission is accepted, whatever the late policy.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
