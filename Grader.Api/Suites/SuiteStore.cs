using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Grading.Suites;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Suites;

/// <summary>Stores a parsed suite as the next version of its slug and queues its validation; shared by the API and the web pages.</summary>
public sealed class SuiteStore(GraderDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// The stored version, or null when the slug belongs to another designer: a slug is its first version's
    /// designer's, so nobody else can slip a new version under the assignments that use it (admins may).
    /// </summary>
    public async Task<Suite?> AddVersionAsync(SuiteParseResult parsed, ClaimsPrincipal uploader, CancellationToken ct)
    {
        var definition = parsed.Suite ?? throw new ArgumentException("only a valid suite is stored", nameof(parsed));
        var suite = new Suite
        {
            Slug = definition.Slug,
            Title = definition.Title,
            DefinitionJson = SuiteJson.Serialize(definition),
            ValidationStatus = definition.Reference is null ? ValidationStatus.NotRequired : ValidationStatus.Pending,
            CreatedById = uploader.Id(),
            CreatedAt = clock.GetUtcNow(),
        };
        var images = definition.StatementImages ?? [];
        suite.Files = parsed.Files.Select(f => new SuiteFile
        {
            Path = f.Key,
            Content = f.Value,
            ContentType = images.FirstOrDefault(i => i.Path == f.Key)?.ContentType,
        }).ToList();
        // Rendered once, with this version's image addresses: a stored suite never changes.
        if (definition.Statement is { } statement)
            suite.StatementHtml = SuiteStatement.ToHtml(statement, images, path => StatementImages.Url(suite.Id, path));
        // Versions count up per slug; the unique index turns a concurrent upload of the same slug into a retry,
        // which sees the winner's version 1 (and so its owner) the next time round.
        for (var attempt = 0; ; attempt++)
        {
            var owner = await db.Suites.Where(s => s.Slug == suite.Slug).OrderBy(s => s.Version)
                .Select(s => (Guid?)s.CreatedById).FirstOrDefaultAsync(ct);
            if (owner is { } ownerId && ownerId != suite.CreatedById && !uploader.IsAdmin()) return null;
            suite.Version = 1 + (await db.Suites.Where(s => s.Slug == suite.Slug).MaxAsync(s => (int?)s.Version, ct) ?? 0);
            db.Suites.Add(suite);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
        if (suite.ValidationStatus == ValidationStatus.Pending)
            jobs.Enqueue<IGradingJob>(job => job.ValidateSuiteAsync(suite.Id, CancellationToken.None));
        return suite;
    }
}
