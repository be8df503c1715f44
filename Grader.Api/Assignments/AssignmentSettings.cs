using Grader.Api.Infrastructure;
using Grader.Core.Domain;
using Grader.Core.Gradebook;

namespace Grader.Api.Assignments;

/// <summary>
/// What an assignment is set up with apart from its suite, checked in one place for `POST /api/courses/{id}/assignments`,
/// `PUT /api/assignments/{id}` and the teacher's assignment form, so they refuse the same input with the same messages.
/// </summary>
public sealed record AssignmentSettings(string Title, DateTimeOffset DueAt, decimal Weight, ScorePolicy ScorePolicy,
    LatePolicy LatePolicy, int? MaxSubmissions, string? Area)
{
    /// <summary>NEIS shows an area's name in a narrow column; its own names are a few words.</summary>
    public const int MaxAreaLength = 50;

    /// <summary>The request's settings, or null with every problem added to <paramref name="errors"/> by field.</summary>
    public static AssignmentSettings? Check(CreateAssignmentRequest request, FieldErrors errors)
    {
        errors.Required("title", request.Title);
        if (request.DueAt is null) errors.Add("dueAt", "field.required");
        if (request.Weight is <= 0 or > 1000) errors.Add("weight", "field.invalid");
        if (request.MaxSubmissions is <= 0) errors.Add("maxSubmissions", "field.invalid");
        errors.Optional("area", request.Area, MaxAreaLength);
        var policy = ScorePolicy.Best;
        if (request.ScorePolicy is not null && !EnumNames.TryParse(request.ScorePolicy, out policy)) errors.Add("scorePolicy", "field.invalid");
        var late = LatePolicy.Accept;
        if (request.LatePenalty is { } lateDto)
        {
            if (!EnumNames.TryParse(lateDto.Mode ?? "accept", out LateMode mode)) errors.Add("latePenalty.mode", "field.invalid");
            late = new LatePolicy(mode, lateDto.PercentPerDay ?? 0, lateDto.FloorPercent ?? 0);
            if (!late.IsValid) errors.Add("latePenalty", "field.invalid");
        }
        if (errors.Any) return null;

        // Npgsql stores timestamptz only from UTC offsets; a client in Seoul sends +09:00.
        return new AssignmentSettings(request.Title!.Trim(), request.DueAt!.Value.ToUniversalTime(), request.Weight ?? 1,
            policy, late, request.MaxSubmissions, AreaName(request.Area));
    }

    /// <summary>Trimmed; blank is none.</summary>
    public static string? AreaName(string? area) => string.IsNullOrWhiteSpace(area) ? null : area.Trim();

    public void ApplyTo(Assignment assignment)
    {
        assignment.Title = Title;
        assignment.DueAt = DueAt;
        assignment.Weight = Weight;
        assignment.ScorePolicy = ScorePolicy;
        assignment.LatePolicy = LatePolicy;
        assignment.MaxSubmissions = MaxSubmissions;
        assignment.Area = Area;
    }
}
