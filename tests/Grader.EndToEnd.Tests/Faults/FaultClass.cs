using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>One course with many students and one assignment, for tests that need a class submitting at once.</summary>
internal sealed record FaultClass(GraderClient Teacher, IReadOnlyList<GraderClient> Students, Guid CourseId, Guid AssignmentId)
{
    /// <summary>Doubles the number it reads; the right answer to <see cref="DoublingSuite"/>.</summary>
    public const string DoublingProgram = "print(int(input()) * 2)\n";

    public static object DoublingSuite(int timeSeconds = 2) => new
    {
        slug = "double-" + Guid.NewGuid().ToString("N")[..8],
        title = "두 배",
        languages = new[] { "python" },
        limits = new { timeSeconds, memoryMb = 128 },
        tests = new object[] { new { name = "21", points = 1, visibility = "visible", stdin = "21\n", expectedStdout = "42\n" } },
    };

    public static async Task<FaultClass> EnrolAsync(GraderStack stack, object suite, int students)
    {
        var admin = stack.Admin;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, teacherToken) = await admin.CreateUserAsync($"teacher-{tag}", "김선생", "teacher");
        var (_, designerToken) = await admin.CreateUserAsync($"designer-{tag}", "박설계", "designer");
        var teacher = admin.As(teacherToken);
        var suiteId = await admin.As(designerToken).CreateSuiteAsync(suite);
        var course = await teacher.PostOkAsync("/api/courses", new { name = "AI 융합 2반", kind = "convergence" });
        var courseId = course["id"]!.GetValue<Guid>();

        var clients = new GraderClient[students];
        // A few at a time: the set-up is not what the tests measure.
        await Parallel.ForEachAsync(Enumerable.Range(0, students), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var (studentId, token) = await admin.CreateUserAsync($"s{n}-{tag}", $"학생{n}", "student");
            await admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
            clients[n] = admin.As(token);
        });
        var assignment = await teacher.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title = "두 배", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        return new FaultClass(teacher, clients, courseId, assignment["id"]!.GetValue<Guid>());
    }

    public static Guid IdOf(JsonNode submission) => submission["id"]!.GetValue<Guid>();
}
