using Grader.Core.Data;
using Grader.Grading;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Grader.Api.Suites;

/// <summary>
/// What taking a submission, keeping a gradebook and showing a result need from a suite: the languages it accepts, its
/// maximum score, the hint of each test that has one (by test name), and its groups (subtasks).
/// </summary>
public sealed record SuiteSummary(IReadOnlySet<ProgramLanguage> Languages, int MaxScore, IReadOnlyDictionary<string, string> Hints,
    TestGroups Groups);

/// <summary>
/// Suite summaries read and parsed once per suite rather than on every POST or gradebook: a stored suite never changes (a new
/// upload is a new version with its own id), and a suite's definition, hidden outputs included, can be large.
/// </summary>
public sealed class SuiteSummaries : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async Task<SuiteSummary> ForAsync(GraderDbContext db, Guid suiteId, CancellationToken ct)
    {
        if (_cache.TryGetValue(suiteId, out SuiteSummary? known)) return known!;
        var definitionJson = await db.Suites.Where(s => s.Id == suiteId).Select(s => s.DefinitionJson).SingleAsync(ct);
        var suite = SuiteJson.Deserialize(definitionJson);
        var summary = new SuiteSummary(suite.Languages.ToHashSet(), suite.MaxScore,
            suite.Tests.Where(t => t.Hint is not null).ToDictionary(t => t.Name, t => t.Hint!, StringComparer.Ordinal),
            TestGroups.Of(suite));
        return _cache.Set(suiteId, summary, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
    }

    public void Dispose() => _cache.Dispose();
}
