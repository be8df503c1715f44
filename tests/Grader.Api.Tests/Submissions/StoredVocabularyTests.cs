using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Submissions;

/// <summary>
/// Typed entities, unchanged columns: the verdict and language are still stored as the snake_case text they always
/// were (one value converter, no migration), the status as EF's enum name as before, and the API answers the same strings.
/// </summary>
public sealed class StoredVocabularyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task The_columns_hold_the_wire_names_and_the_api_answers_them()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher", "김선생");
        var (studentId, student) = await _classroom.UserAsync("student", "이학생");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignment = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "두 수의 합", suiteId, dueAt = Classroom.DueAt });
        var submissionId = await _classroom.GradedAsync(assignment, studentId, 7, TimeSpan.FromHours(-1));

        var stored = await api.WithDbAsync(db => db.Database
            .SqlQuery<StoredRow>($"SELECT verdict, language, status FROM submissions WHERE id = {submissionId}")
            .SingleAsync());
        Assert.Equal(new StoredRow("wrong_answer", "python", "Graded"), stored);

        var view = await student.GetOkAsync($"/api/submissions/{submissionId}");
        Assert.Equal(("graded", "python", "wrong_answer"),
            (view["status"]!.GetValue<string>(), view["language"]!.GetValue<string>(), view["verdict"]!.GetValue<string>()));
    }

    private sealed record StoredRow(string Verdict, string Language, string Status);
}
