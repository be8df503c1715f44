using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Assignments;

/// <summary>
/// Moves an assignment to another suite version: every submission keeps its grade in its history and goes back
/// to the queue against the new version. One SaveChanges, so the move and the resets land together or not at all.
/// </summary>
public static class SuiteMove
{
    private const int Attempts = 3;

    /// <summary>The ids of the submissions to grade again, or null when workers kept changing them under us.</summary>
    public static async Task<IReadOnlyList<Guid>?> MoveAsync(GraderDbContext db, Guid assignmentId, Suite suite,
        DateTimeOffset now, CancellationToken ct)
    {
        var maxScore = SuiteJson.Deserialize(suite.DefinitionJson).MaxScore;
        for (var attempt = 1; ; attempt++)
        {
            var assignment = await db.Assignments.FirstAsync(a => a.Id == assignmentId, ct);
            var submissions = await db.Submissions.Include(s => s.Tests).Include(s => s.History).AsSplitQuery()
                .Where(s => s.AssignmentId == assignmentId).ToListAsync(ct);
            assignment.SuiteId = suite.Id;
            foreach (var submission in submissions) submission.MoveToSuite(suite.Id, maxScore, now);
            try
            {
                await db.SaveChangesAsync(ct);
                // Every preview of the assignment compared against the version it has just left: none can be applied now.
                await db.RegradePreviews.Where(p => p.AssignmentId == assignmentId).ExecuteDeleteAsync(ct);
                return submissions.Select(s => s.Id).ToList();
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // A worker stored a result meanwhile (the submission's row version moved): start again from fresh rows.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return null;
            }
        }
    }
}
