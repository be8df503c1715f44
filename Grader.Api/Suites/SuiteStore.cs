using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Grading.Suites;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Suites;

/// <summary>
/// What became of an upload: the stored version, or the parser's problems (nothing stored), or
/// <see cref="SlugTaken"/> when the slug is another designer's (nothing stored).
/// </summary>
public sealed record SuitePublication(Suite? Stored, IReadOnlyList<SuiteProblem> Problems, bool SlugTaken);

/// <summary>
/// The one way a suite is published: an upload parsed by <see cref="SuiteParser"/>, stored as the next version of its
/// slug and its validation queued. <c>POST /api/suites</c>, the upload page and the suite editor all come through here.
/// </summary>
public sealed class SuiteStore(GraderDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>A zip or a manifest, as <c>POST /api/suites</c> takes it.</summary>
    public async Task<SuitePublication> PublishAsync(byte[] upload, ClaimsPrincipal uploader, CancellationToken ct)
    {
        var parsed = SuiteParser.Parse(upload);
        if (!parsed.IsValid) return new(null, parsed.Problems, false);
        var stored = await AddVersionAsync(parsed, uploader, ct);
        return new(stored, [], stored is null);
    }

    /// <summary>
    /// The stored version, or null when the slug belongs to another designer: a slug is its first version's
    /// designer's, so nobody else can slip a new version under the assignments that use it (admins may).
    /// </summary>
    private async Task<Suite?> AddVersionAsync(SuiteParseResult parsed, ClaimsPrincipal uploader, CancellationToken ct)
    {
        var definition = parsed.Suite!;
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
