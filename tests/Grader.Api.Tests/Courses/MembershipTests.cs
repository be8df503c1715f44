using System.Net;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Courses;

/// <summary>
/// Who may join a course and in which role, and whose password a teacher may set: no teacher can take over an
/// account (issue 13, item 1), and racing enrolments answer once (item 8).
/// </summary>
public sealed class MembershipTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string NewPassword = "taken-over-1";

    private readonly Classroom _classroom = new(api);

    private async Task<(GraderClient Teacher, Guid CourseId)> CourseAsync()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher", "김선생");
        return (teacher, await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 1반", kind = "credit" }));
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> AddAsync(
        GraderClient who, Guid courseId, Guid userId, string? role = null) =>
        who.SendAsync(HttpMethod.Post, $"/api/courses/{courseId}/members", role is null ? new { userId } : new { userId, role });

    private static async Task<HttpStatusCode> SetPasswordAsync(GraderClient who, Guid userId) =>
        (await who.SendAsync(HttpMethod.Post, $"/api/users/{userId}/password", new { password = NewPassword })).Status;

    private static async Task<List<(Guid UserId, string Role)>> MembersAsync(GraderClient teacher, Guid courseId) =>
        (await teacher.GetOkAsync($"/api/courses/{courseId}/members")).AsArray()
            .Select(m => (m!["userId"]!.GetValue<Guid>(), m["role"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task Designers_admins_and_teachers_cannot_be_enrolled_as_students()
    {
        var (teacher, courseId) = await CourseAsync();
        var (designerId, _) = await _classroom.UserAsync("designer");
        var (coTeacherId, _) = await _classroom.UserAsync("teacher");
        var adminId = (await _classroom.Admin.GetOkAsync("/api/users/me"))["id"]!.GetValue<Guid>();
        var (studentId, _) = await _classroom.UserAsync("student");

        foreach (var (who, userId, role, field) in new[]
                 {
                     (teacher, designerId, "student", "userId"), (teacher, adminId, "student", "userId"),
                     (teacher, coTeacherId, "student", "role"), (_classroom.Admin, designerId, "student", "userId"),
                     (_classroom.Admin, studentId, "teacher", "role"),
                 })
        {
            var (status, body, _) = await AddAsync(who, courseId, userId, role);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.NotNull(body!["errors"]![field]);
        }
        Assert.Single(await MembersAsync(teacher, courseId));
        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(teacher, designerId));
        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(teacher, adminId));
    }

    [Fact]
    public async Task A_teacher_cannot_enrol_another_teachers_student_by_id_or_by_login_and_name()
    {
        var (owner, ownCourse) = await CourseAsync();
        var (attacker, attackersCourse) = await CourseAsync();
        var login = $"victim-{Tag()}";
        var victimId = (await Classroom.EnrolAsync(owner, ownCourse, $"1,{login},이서연\n"))[login];

        var (byId, byIdBody, _) = await AddAsync(attacker, attackersCourse, victimId, "student");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byId);
        Assert.NotNull(byIdBody!["errors"]!["userId"]);

        var (byRoster, rosterBody) = await Classroom.RosterAsync(attacker, attackersCourse, $"1,{login},이서연\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byRoster);
        Assert.NotNull(rosterBody["errors"]!["line 1: login"]);
        Assert.DoesNotContain(victimId.ToString(), rosterBody.ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(attacker, victimId));
        Assert.Single(await MembersAsync(attacker, attackersCourse));

        // The student's own teacher may bring them into another course of theirs, by id or by roster.
        var ownSecondCourse = await Classroom.CreateAsync(owner, "/api/courses", new { name = "정보 2반", kind = "credit" });
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(owner, ownSecondCourse, victimId)).Status);
        var ownThirdCourse = await Classroom.CreateAsync(owner, "/api/courses", new { name = "정보 3반", kind = "credit" });
        Assert.Equal(victimId, (await Classroom.EnrolAsync(owner, ownThirdCourse, $"1,{login},이서연\n"))[login]);
    }

    [Fact]
    public async Task A_teacher_sets_the_password_only_of_a_student_whose_every_course_they_teach()
    {
        var (first, firstCourse) = await CourseAsync();
        var (second, secondCourse) = await CourseAsync();
        var (shared, own) = ($"shared-{Tag()}", $"own-{Tag()}");
        var ids = await Classroom.EnrolAsync(first, firstCourse, $"1,{shared},이서연\n2,{own},김민준\n");
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(_classroom.Admin, secondCourse, ids[shared])).Status);
        var (loneId, _) = await _classroom.UserAsync("student");

        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(first, ids[shared]));
        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(second, ids[shared]));
        Assert.Equal(HttpStatusCode.NotFound, await SetPasswordAsync(first, loneId));
        Assert.Equal(HttpStatusCode.NoContent, await SetPasswordAsync(first, ids[own]));
        Assert.Equal(HttpStatusCode.NoContent, await SetPasswordAsync(_classroom.Admin, ids[shared]));
    }

    [Fact]
    public async Task A_post_never_changes_a_members_role_so_a_co_teacher_stays_a_teacher()
    {
        var (teacher, courseId) = await CourseAsync();
        var (coTeacherId, coTeacher) = await _classroom.UserAsync("teacher");
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(teacher, courseId, coTeacherId, "teacher")).Status);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await AddAsync(teacher, courseId, coTeacherId, "student")).Status);
        var (again, body, _) = await AddAsync(teacher, courseId, coTeacherId);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("member.exists", body!["code"]!.GetValue<string>());

        Assert.Contains((coTeacherId, "teacher"), await MembersAsync(coTeacher, courseId));
    }

    [Fact]
    public async Task Concurrent_enrolments_of_one_student_answer_created_once_and_conflict_otherwise()
    {
        var (teacher, courseId) = await CourseAsync();
        var (studentId, _) = await _classroom.UserAsync("student");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AddAsync(_classroom.Admin, courseId, studentId)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Contains((studentId, "student"), await MembersAsync(teacher, courseId));
    }
}
