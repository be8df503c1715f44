using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Submissions;

/// <summary>
/// <c>Idempotency-Key</c> on submission POSTs: a client that retries after a timeout gets back the submission its
/// first request made (202, same id, nothing stored again) instead of submitting twice. The key is kept on the
/// submission, unique per student, so it does not expire. The same key with another program or assignment is
/// refused with 422, as the IETF idempotency-key draft suggests for a reused key.
/// </summary>
public static class IdempotentSubmissions
{
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>Set on a response that repeats an earlier submission rather than making one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 200;

    /// <summary>
    /// The refusal when the request's key is empty, too long or repeated; otherwise null, with <paramref name="key"/>
    /// the key (null when the request carries none).
    /// </summary>
    public static IntakeRefusal? ReadKey(HttpRequest request, out string? key)
    {
        key = null;
        var values = request.Headers[KeyHeader];
        if (values.Count == 0) return null;
        var given = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(given) || given.Length > MaxKeyLength) return new IntakeRefusal(IntakeRefusalKind.InvalidKey, KeyHeader);
        key = given;
        return null;
    }

    /// <summary>
    /// Makes the submission with <paramref name="submit"/>, or, when this student already submitted with this key,
    /// answers with that submission (<c>Replayed</c>) if the request is the same and refuses it if not. A
    /// concurrent request with the same key that commits first wins the unique index; this one then answers
    /// with its submission. <paramref name="submit"/> stores the key with the submission.
    /// </summary>
    public static async Task<Intake<SubmitOutcome>> SubmitOnceAsync(
        GraderDbContext db, SubmissionTarget target, Guid studentId, IncomingProgram program, string? key,
        Func<Task<Intake<Submission>>> submit, CancellationToken ct)
    {
        if (key is null) return With(await submit());
        if (await EarlierAsync(db, studentId, key, ct) is { } earlier) return Replay(earlier, target, program);
        try
        {
            return With(await submit());
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The only unique value of a new submission is its key: a concurrent request with it committed first.
        }
        var winner = await EarlierAsync(db, studentId, key, ct)
            ?? throw new InvalidOperationException("The idempotency key conflicted, but no submission holds it.");
        return Replay(winner, target, program);
    }

    private static Intake<SubmitOutcome> With(Intake<Submission> made) =>
        made.IsRefused(out var refusal, out var submission) ? refusal : new SubmitOutcome(submission, Replayed: false);

    private static Intake<SubmitOutcome> Replay(Submission earlier, SubmissionTarget target, IncomingProgram program) =>
        target.Holds(earlier) && earlier.Language == program.Language
            && earlier.Content.AsSpan().SequenceEqual(program.Content)
            ? new SubmitOutcome(earlier, Replayed: true)
            : new IntakeRefusal(IntakeRefusalKind.ReusedKey, KeyHeader);

    private static Task<Submission?> EarlierAsync(GraderDbContext db, Guid studentId, string key, CancellationToken ct) =>
        db.Submissions.AsNoTracking().Include(s => s.Tests)
            .FirstOrDefaultAsync(s => s.StudentId == studentId && s.IdempotencyKey == key, ct);
}
