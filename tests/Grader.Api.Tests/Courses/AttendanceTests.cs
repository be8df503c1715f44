using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Courses;

/// <summary>`PUT /api/courses/{id}/attendance`: no student is ever recorded as attending more sessions than were held.</summary>
public sealed class AttendanceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task Lowering_sessions_held_below_a_students_recorded_attendance_is_refused_and_changes_nothing()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit", credits = 1 });
        var tag = Guid.NewGuid().ToString("N")[..6];
        var ids = await Classroom.EnrolAsync(teacher, courseId, $"1,a-{tag},김민준\n2,b-{tag},이서연\n");
        var (first, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance", new
        {
            sessionsHeld = 15,
            students = new[] { new { userId = ids[$"a-{tag}"], sessionsAttended = 12 }, new { userId = ids[$"b-{tag}"], sessionsAttended = 2 } },
        });
        Assert.Equal(HttpStatusCode.NoContent, first);

        // Only the second student is named: the first keeps the 12 recorded before, which 3 held cannot contain.
        var (lowered, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance", new
        {
            sessionsHeld = 3,
            students = new[] { new { userId = ids[$"b-{tag}"], sessionsAttended = 1 } },
        });

        Assert.True(lowered == HttpStatusCode.UnprocessableEntity, body?.ToJsonString());
        Assert.NotNull(body!["errors"]!["sessionsHeld"]);
        var stored = await api.WithDbAsync(async db => (
            await db.Courses.Where(c => c.Id == courseId).Select(c => c.SessionsHeld).SingleAsync(),
            await db.CourseMembers.Where(m => m.CourseId == courseId && m.Role == Core.Domain.MemberRole.Student)
                .OrderByDescending(m => m.SessionsAttended).Select(m => m.SessionsAttended).ToListAsync()));
        Assert.Equal(15, stored.Item1);
        Assert.Equal([12, 2], stored.Item2);

        // Lowering it together with the students above it is fine.
        var (both, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance", new
        {
            sessionsHeld = 3,
            students = new[] { new { userId = ids[$"a-{tag}"], sessionsAttended = 3 }, new { userId = ids[$"b-{tag}"], sessionsAttended = 1 } },
        });
        Assert.Equal(HttpStatusCode.NoContent, both);
    }
}
