using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Grader.Grading.Suites;

namespace Grader.Worker.Tests;

/// <summary>A queued submission to a one-test suite ("print twice the input"), stored as the API stores one.</summary>
internal static class StoredSubmissions
{
    public static async Task<Guid> AddAsync(GraderDbContext db, string source, DateTimeOffset submittedAt)
    {
        var student = new User { Login = $"student-{Guid.NewGuid():N}", Name = "학생", Role = Role.Student, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = submittedAt };
        var definition = new SuiteDefinition("double", "두 배", [ProgramLanguage.Python], SuiteLimits.Default, null, false,
            [new SuiteTest("seven", 1, TestVisibility.Visible, Stdin: "7\n", ExpectedStdout: "14\n")]);
        var suite = new Suite { Slug = $"double-{Guid.NewGuid():N}", Title = "두 배", DefinitionJson = SuiteJson.Serialize(definition), CreatedAt = submittedAt };
        var course = new Course { Name = "반", Kind = CourseKind.General, CreatedAt = submittedAt };
        var assignment = new Assignment { Course = course, Title = "두 배", Suite = suite, DueAt = submittedAt.AddDays(1), CreatedAt = submittedAt };
        var submission = new Submission
        {
            Assignment = assignment, Student = student, Language = ProgramLanguage.Python, FileName = "main.py",
            Content = System.Text.Encoding.UTF8.GetBytes(source), MaxScore = 1, SuiteId = suite.Id, SubmittedAt = submittedAt,
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    }
}
