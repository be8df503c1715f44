using System.Security.Claims;
using System.Security.Cryptography;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Courses;

/// <param name="Outcome">`created` (new account, enrolled), `enrolled` (existing student account, newly enrolled)
/// or `already_enrolled`.</param>
/// <param name="Token">The new account's API token, shown only in this response.</param>
/// <param name="Password">The new account's first sign-in password, shown only in this response.</param>
public sealed record RosterStudent(Guid UserId, string StudentNumber, string Login, string Name, string Outcome,
    string? Token, string? Password);

public sealed record RosterResult(int Created, int Enrolled, int AlreadyEnrolled, IReadOnlyList<RosterStudent> Students);

/// <summary>
/// `POST /api/courses/{id}/roster`: a class list as CSV creates the student accounts that do not exist yet and
/// enrols everyone, all or nothing. A login that exists is that student only when the uploader already teaches
/// them (a student of another course of theirs, or of this one) and the name is the same; any other existing
/// login is refused by line, so a roster never enrols, nor discloses, another teacher's student.
/// </summary>
public static class RosterImport
{
    /// <summary>First passwords are read off a slip by children: lower case and digits without 0/o, 1/l/i.</summary>
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int PasswordLength = 10;

    /// <summary>A first or reset password to read off a slip; also the admin page's.</summary>
    internal static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);

    public static async Task<Results<Ok<RosterResult>, ProblemHttpResult>> ImportAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, GraderDbContext db, IPasswordHasher<User> passwords,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == id, ct)) return Problems.NotFound();

        var (bytes, refusal) = await ReadFileAsync(http, ct);
        if (refusal is not null) return refusal;
        var (entries, problems) = RosterCsv.Read(bytes!);
        if (problems.Count > 0) return CsvUpload.Refuse(problems, "roster.invalid");
        return await EnrolAsync(id, entries, user, db, passwords, clock, ct);
    }

    /// <summary>
    /// Enrols checked entries (from a file, or the page's one-student form) in a course the caller teaches: the
    /// same rules for an existing login and the same first passwords whichever way they came.
    /// </summary>
    internal static async Task<Results<Ok<RosterResult>, ProblemHttpResult>> EnrolAsync(
        Guid id, IReadOnlyList<RosterEntry> entries, ClaimsPrincipal user, GraderDbContext db, IPasswordHasher<User> passwords,
        TimeProvider clock, CancellationToken ct)
    {
        var logins = entries.Select(e => e.Login).ToList();
        var existing = await db.Users.Where(u => logins.Contains(u.Login)).ToDictionaryAsync(u => u.Login, ct);
        var taught = await db.StudentsTaughtBy(user).Where(u => logins.Contains(u.Login)).Select(u => u.Id).ToListAsync(ct);
        string? Refusal(RosterEntry entry) =>
            !existing.TryGetValue(entry.Login, out var account) ? null
            : !taught.Contains(account.Id) ? "roster.login_elsewhere"
            : account.Name != entry.Name ? "login.taken"
            : null;
        var strangers = entries.Select(e => (e.Line, Code: Refusal(e))).Where(r => r.Code is not null)
            .Select(r => new CsvProblem(r.Line, RosterCsv.LoginColumn, r.Code!)).ToList();
        if (strangers.Count > 0) return CsvUpload.Refuse(strangers, "roster.invalid");

        var enrolled = await db.CourseMembers.Where(m => m.CourseId == id).Select(m => m.UserId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var students = new List<RosterStudent>();
        var newAccounts = new List<(User Account, string Password)>();
        foreach (var entry in entries)
        {
            if (existing.TryGetValue(entry.Login, out var account))
            {
                var isMember = enrolled.Contains(account.Id);
                if (!isMember) db.CourseMembers.Add(new CourseMember { CourseId = id, UserId = account.Id, Role = MemberRole.Student });
                students.Add(new RosterStudent(account.Id, entry.StudentNumber, account.Login, account.Name,
                    isMember ? "already_enrolled" : "enrolled", null, null));
                continue;
            }
            var token = Tokens.Create();
            var password = NewPassword();
            var created = new User
            {
                Login = entry.Login,
                Name = entry.Name,
                Role = Role.Student,
                StudentNumber = entry.StudentNumber,
                TokenHash = Tokens.Hash(token),
                CreatedAt = now,
            };
            db.Users.Add(created);
            newAccounts.Add((created, password));
            db.CourseMembers.Add(new CourseMember { CourseId = id, UserId = created.Id, Role = MemberRole.Student });
            students.Add(new RosterStudent(created.Id, entry.StudentNumber, created.Login, created.Name, "created", token, password));
        }
        // PBKDF2 is slow on purpose (tens of milliseconds per password): spread a class's worth over the cores.
        Parallel.ForEach(newAccounts, new ParallelOptions { CancellationToken = ct },
            created => created.Account.PasswordHash = passwords.HashPassword(created.Account, created.Password));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone created one of these logins between the check and the insert; the transaction stored nothing.
            return Problems.Status(StatusCodes.Status409Conflict, "conflict");
        }
        return TypedResults.Ok(new RosterResult(
            students.Count(s => s.Outcome == "created"),
            students.Count(s => s.Outcome == "enrolled"),
            students.Count(s => s.Outcome == "already_enrolled"),
            students));
    }

    /// <summary>The roster as a multipart `file`, or the CSV itself as the body (`Content-Type: text/csv`).</summary>
    private static Task<(byte[]?, ProblemHttpResult?)> ReadFileAsync(HttpRequest http, CancellationToken ct) =>
        UploadLimits.ReadFileAsync(http, "text/csv", RosterCsv.MaxBytes, ct);
}
