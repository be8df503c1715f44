using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Users;

/// <param name="Token">The account's API token, shown only in this response.</param>
/// <param name="Password">The account's first sign-in password, shown only in this response.</param>
public sealed record ImportedAccount(Guid Id, string Login, string Name, string Role, string Token, string Password);

public sealed record AccountsResult(IReadOnlyList<ImportedAccount> Accounts);

/// <summary>
/// `POST /api/users/csv`: an admin's table of accounts (login, name, role; a header may reorder them and add a
/// student number) creates every account, each with a first password shown once, or none: each line is checked
/// as `POST /api/users` checks a request, and a login the file repeats or the school already has refuses the file.
/// </summary>
public static class AccountsImport
{
    public const int MaxBytes = 1024 * 1024;
    /// <summary>Each account costs a PBKDF2 hash: a school's staff or a grade's students stay within seconds.</summary>
    public const int MaxAccounts = 300;

    private const string LoginColumn = "login";
    private const string NameColumn = "name";
    private const string RoleColumn = "role";
    private const string StudentNumberColumn = "studentNumber";

    /// <summary>Without a header: login, name, role, and optionally a student number.</summary>
    private static readonly CsvShape s_shape = new([LoginColumn, NameColumn, RoleColumn, StudentNumberColumn], new Dictionary<string, string>
    {
        ["아이디"] = LoginColumn, ["로그인"] = LoginColumn, ["login"] = LoginColumn, ["id"] = LoginColumn, ["userid"] = LoginColumn,
        ["이름"] = NameColumn, ["성명"] = NameColumn, ["name"] = NameColumn,
        ["역할"] = RoleColumn, ["role"] = RoleColumn,
        ["학번"] = StudentNumberColumn, ["studentnumber"] = StudentNumberColumn,
    }, MaxAccounts, "accounts.empty", "accounts.column_missing", "accounts.too_many", [StudentNumberColumn]);

    /// <summary>Also called by the admin's users page.</summary>
    internal static async Task<Results<Ok<AccountsResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest http, GraderDbContext db, IPasswordHasher<User> passwords, TimeProvider clock, CancellationToken ct)
    {
        var (bytes, refusal) = await UploadLimits.ReadFileAsync(http, "text/csv", MaxBytes, ct);
        if (refusal is not null) return refusal;
        var (requests, problems) = Read(bytes!);
        if (problems.Count > 0) return CsvUpload.Refuse(problems, "accounts.invalid");

        var logins = requests.Select(r => r.Request.Login!).ToList();
        var taken = await db.Users.Where(u => logins.Contains(u.Login)).Select(u => u.Login).ToListAsync(ct);
        if (taken.Count > 0)
        {
            return CsvUpload.Refuse(requests.Where(r => taken.Contains(r.Request.Login!))
                .Select(r => new CsvProblem(r.Line, LoginColumn, "login.taken")).ToList(), "accounts.invalid");
        }

        var now = clock.GetUtcNow();
        var created = requests.Select(r =>
        {
            var token = Tokens.Create();
            var user = new User
            {
                Login = r.Request.Login!,
                Name = r.Request.Name!,
                Role = r.Role,
                StudentNumber = r.Request.StudentNumber,
                TokenHash = Tokens.Hash(token),
                CreatedAt = now,
            };
            return (User: user, Token: token, Password: RosterImport.NewPassword());
        }).ToList();
        // PBKDF2 is slow on purpose (tens of milliseconds per password): spread the file's worth over the cores.
        Parallel.ForEach(created, new ParallelOptions { CancellationToken = ct },
            account => account.User.PasswordHash = passwords.HashPassword(account.User, account.Password));
        db.Users.AddRange(created.Select(c => c.User));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone created one of these logins between the check and the insert; the transaction stored nothing.
            return Problems.Status(StatusCodes.Status409Conflict, "conflict");
        }
        return TypedResults.Ok(new AccountsResult(created
            .Select(c => new ImportedAccount(c.User.Id, c.User.Login, c.User.Name, c.User.Role.ToWire(), c.Token, c.Password)).ToList()));
    }

    /// <summary>Each line as the request POST /api/users would take, or every line's problems.</summary>
    private static (IReadOnlyList<(int Line, CreateUserRequest Request, Role Role)> Requests, IReadOnlyList<CsvProblem> Problems) Read(byte[] bytes)
    {
        var (rows, problems) = CsvUpload.Read(bytes, s_shape);
        if (problems.Length > 0) return ([], problems);

        var requests = new List<(int, CreateUserRequest, Role)>();
        var lineProblems = new List<CsvProblem>();
        var seenLogins = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var number = row.Values[3].Length > 0 ? row.Values[3] : null;
            var request = new CreateUserRequest(row.Values[0], row.Values[1], row.Values[2], number, null);
            var errors = UsersApi.Check(request, out var role);
            lineProblems.AddRange(errors.All.Select(e => new CsvProblem(row.Line, e.Field, e.Code)));
            if (!errors.All.Any(e => e.Field == LoginColumn) && !seenLogins.Add(request.Login!))
                lineProblems.Add(new CsvProblem(row.Line, LoginColumn, "roster.duplicate"));
            requests.Add((row.Line, request, role));
        }
        return lineProblems.Count > 0 ? ([], lineProblems) : (requests, []);
    }
}
