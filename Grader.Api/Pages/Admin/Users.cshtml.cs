using Grader.Api.Courses;
using Grader.Api.Users;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Admin;

/// <summary>
/// `/admin/users`: create an account or a CSV file of them, change a role, reset a password, each through the users
/// API's handlers (<see cref="UsersApi"/>, <see cref="AccountsImport"/>). New or reset passwords are shown in this
/// one answer (no-store) and kept only hashed.
/// </summary>
[RequestSizeLimit(AccountsImport.MaxBytes + 64 * 1024)]
public sealed class UsersModel(GraderDbContext db, IPasswordHasher<User> passwords, TimeProvider clock) : AdminPageModel
{
    /// <summary>Enough to find an account by eye; a school with more finds it with the search.</summary>
    private const int ListedAccounts = 200;

    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<UserView> Accounts { get; private set; } = [];

    /// <summary>The accounts whose passwords are shown, once.</summary>
    public IReadOnlyList<PasswordSlip> Issued { get; private set; } = [];

    /// <summary>Messages by the API's field name (login, name, role), for the create form.</summary>
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A refused accounts file: messages by `line N: column` (or `file`), and the summary naming the lines.</summary>
    public IDictionary<string, string[]> CsvErrors { get; private set; } = new Dictionary<string, string[]>();

    public string? CsvRefusal { get; private set; }

    /// <summary>A refused role change: which account, and why.</summary>
    public (Guid Id, string Message)? RoleRefusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var password = RosterImport.NewPassword();
        var result = (await UsersApi.CreateAsync(new CreateUserRequest(Login, Name, Role, null, password), db, passwords, clock, ct)).Result;
        if (result is Created<CreatedUser> { Value: { } created })
        {
            Login = Name = Role = null;
            Show([new PasswordSlip(created.Login, created.Name, created.Role, password)]);
        }
        else if (result is ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails invalid })
        {
            Errors = invalid.Errors;
        }
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        switch ((await AccountsImport.ImportAsync(Request, db, passwords, clock, ct)).Result)
        {
            case Ok<AccountsResult> { Value: { } imported }:
                Show([.. imported.Accounts.Select(a => new PasswordSlip(a.Login, a.Name, a.Role, a.Password))]);
                break;
            case ProblemHttpResult problem:
                CsvRefusal = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title;
                CsvErrors = problem.ProblemDetails is HttpValidationProblemDetails invalid ? invalid.Errors : new Dictionary<string, string[]>();
                break;
        }
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken ct)
    {
        var result = (await UsersApi.SetRoleAsync(id, new SetRoleRequest(role), User, db, ct)).Result;
        switch (result)
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails invalid }:
                RoleRefusal = (id, string.Join(" ", invalid.Errors.Values.SelectMany(m => m)));
                break;
        }
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct)
    {
        var password = RosterImport.NewPassword();
        var result = (await UsersApi.SetPasswordAsync(id, new SetPasswordRequest(password), User, db, passwords, ct)).Result;
        if (result is not NoContent) return NotFound();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Login, u.Name, u.Role }).FirstAsync(ct);
        Show([new PasswordSlip(account.Login, account.Name, account.Role.ToWire(), password)]);
        await ListAsync(ct);
        return Page();
    }

    private void Show(IReadOnlyList<PasswordSlip> slips)
    {
        Issued = slips;
        // The password is in this answer only: no cache, no back-button copy.
        Response.Headers.CacheControl = "no-store";
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var search = Search.Trim();
            accounts = accounts.Where(u => u.Login.Contains(search) || u.Name.Contains(search));
        }
        var listed = await accounts.OrderBy(u => u.Login).Take(ListedAccounts)
            .Select(u => new { u.Id, u.Login, u.Name, u.Role }).ToListAsync(ct);
        Accounts = listed.Select(u => new UserView(u.Id, u.Login, u.Name, u.Role.ToWire())).ToList();
    }
}
