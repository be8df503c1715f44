using System.Text.Json;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Grading;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using Grader.Sandbox;
using Grader.Worker.Metrics;
using Grader.Worker.Storing;
using Microsoft.EntityFrameworkCore;

namespace Grader.Worker.Jobs;

/// <summary>
/// The worker's side of <see cref="IGradingJob"/>. Safe to run twice: a graded submission is left alone, and the
/// row version makes a second, concurrent run's result lose instead of being stored again.
/// </summary>
public sealed class GradingJob(
    GraderDbContext db,
    SubmissionGrader grader,
    GradingMetrics metrics,
    TimeProvider clock,
    ILogger<GradingJob> logger) : IGradingJob
{
    public async Task GradeSubmissionAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var claim = await GradingClaim.TryTakeAsync(db.Database.GetConnectionString()!, submissionId, cancellationToken);
        if (claim is null)
        {
            logger.LogInformation("Another run is grading {SubmissionId}; leaving it", submissionId);
            return;
        }
        var submission = await db.Submissions.Include(s => s.Tests)
            .FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null || submission.Status == SubmissionStatus.Graded) return;

        submission.Start(clock.GetUtcNow());
        if (!await TrySaveAsync(cancellationToken)) return;

        GradingReport report;
        using var timings = SandboxTimings.Observe();
        try
        {
            report = await GradeAgainstAsync(submission, submission.SuiteId, submission.Id.ToString(), cancellationToken,
                (outcome, ct) => StoreProgressAsync(submission, outcome, ct));
        }
        catch (SandboxUnavailableException ex)
        {
            await RecordInfrastructureFaultAsync(submission, ex);
            if (submission.Status == SubmissionStatus.Failed) return;
            throw;
        }

        Record(submission, report, timings, failureReason: null);
        var storing = clock.GetTimestamp();
        bool stored;
        try
        {
            stored = await TrySaveAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (StoreErrors.IsDataError(ex))
        {
            // Retrying would fail the same way after another full run: the tests become internal errors instead.
            logger.LogError(ex, "The result of {SubmissionId} cannot be stored", submission.Id);
            db.ChangeTracker.Clear();
            // The pictures too, so that replacing the rows this run stored as it went replaces theirs.
            submission = await db.Submissions.Include(s => s.Tests).ThenInclude(t => t.Figures).FirstAsync(s => s.Id == submissionId, cancellationToken);
            Record(submission, new GradingReport(report.Tests.Select(StoreErrors.Unstorable).ToList()), timings,
                StoreErrors.Reason(ex));
            stored = await TrySaveAsync(cancellationToken);
        }
        if (stored)
        {
            metrics.RecordGraded(submission, clock.GetElapsedTime(storing));
            logger.LogInformation("Graded {SubmissionId}: {Score}/{MaxScore} {Verdict}",
                submission.Id, submission.Score, submission.MaxScore, submission.Verdict);
        }
    }

    public async Task PreviewRegradeAsync(Guid previewRunId, CancellationToken cancellationToken)
    {
        var run = await db.RegradePreviewRuns.Include(r => r.Preview)
            .FirstOrDefaultAsync(r => r.Id == previewRunId, cancellationToken);
        if (run is null || run.IsDone) return;
        var submission = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == run.SubmissionId, cancellationToken);

        // A fault throws and Hangfire retries; the submission itself is never touched.
        var report = await GradeAgainstAsync(submission, run.Preview!.SuiteId, $"preview-{run.Id}", cancellationToken);
        run.Record(report.Score, report.Verdict, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The teacher cancelled the preview while this run graded: there is nothing left to store it in.
            logger.LogInformation("Regrade preview run {RunId} was cancelled while it ran", previewRunId);
        }
    }

    /// <summary>Runs a submission's program against a suite version: its own grading, or a regrade preview's.</summary>
    private async Task<GradingReport> GradeAgainstAsync(Submission submission, Guid suiteId, string label,
        CancellationToken cancellationToken, Func<TestOutcome, CancellationToken, Task>? progress = null)
    {
        var suiteRow = await db.Suites.AsNoTracking().Include(s => s.Files)
            .FirstAsync(s => s.Id == suiteId, cancellationToken);
        return await grader.GradeAsync(
            new ProgramFiles(submission.Language, SubmissionFiles.Unpack(submission)),
            SuiteJson.Deserialize(suiteRow.DefinitionJson),
            suiteRow.Files.ToDictionary(f => f.Path, f => f.Content),
            label,
            cancellationToken,
            progress);
    }

    /// <summary>
    /// Stores one test's result while the others still run, so the student watches the tests finish one by one (the
    /// submission stays running; its score comes with the grade, which replaces these rows). A row that cannot be
    /// stored is only progress lost: the grade stores every test again.
    /// </summary>
    private async Task StoreProgressAsync(Submission submission, TestOutcome outcome, CancellationToken cancellationToken)
    {
        var row = TestResults.From(submission.Id, outcome);
        submission.Tests.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Progress of {SubmissionId} test {Index} not stored", submission.Id, outcome.Index);
            submission.Tests.Remove(row);
            db.Entry(row).State = EntityState.Detached;
            foreach (var figure in row.Figures)
                db.Entry(figure).State = EntityState.Detached;
        }
    }

    private void Record(Submission submission, GradingReport report, SandboxTimings timings, string? failureReason) =>
        submission.RecordGrade(
            report.Tests.Select(t => TestResults.From(submission.Id, t)),
            report.Score,
            report.Verdict,
            report.Profile is { } profile ? JsonSerializer.Serialize(profile, GraderDbContext.Json) : null,
            timings.ContainerStartedAt,
            timings.ContainerFinishedAt ?? clock.GetUtcNow(),
            failureReason,
            clock.GetUtcNow());

    public async Task ValidateSuiteAsync(Guid suiteId, CancellationToken cancellationToken)
    {
        var suiteRow = await db.Suites.Include(s => s.Files).FirstOrDefaultAsync(s => s.Id == suiteId, cancellationToken);
        if (suiteRow is null || suiteRow.ValidationStatus != ValidationStatus.Pending) return;

        var suite = SuiteJson.Deserialize(suiteRow.DefinitionJson);
        var files = suiteRow.Files.ToDictionary(f => f.Path, f => f.Content);
        var reference = suite.Reference!;
        var referenceFiles = SubmissionFiles.Reference(reference, files[reference.File], out var unrunnable);
        var failures = referenceFiles is null
            ? [new ValidationFailure(reference.File, Verdict.Unsupported, "", null, unrunnable)]
            : (await grader.GradeAsync(new ProgramFiles(reference.Language, referenceFiles),
                    suite, files, $"suite-{suiteId}", cancellationToken))
                .Tests.Where(t => t.Verdict != Verdict.Passed)
                .Select(t => new ValidationFailure(t.Name, t.Verdict, t.Stdout, t.FirstDifference, t.Error?.Message))
                .ToList();
        suiteRow.ValidationStatus = failures.Count == 0 ? ValidationStatus.Passed : ValidationStatus.Failed;
        suiteRow.ValidationReport = new ValidationReport(failures);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (StoreErrors.IsDataError(ex))
        {
            // A report that cannot be stored would leave the suite pending for ever: it fails, saying why.
            logger.LogError(ex, "The validation report of suite {SuiteId} cannot be stored", suiteId);
            db.ChangeTracker.Clear();
            suiteRow = await db.Suites.FirstAsync(s => s.Id == suiteId, cancellationToken);
            suiteRow.ValidationStatus = ValidationStatus.Failed;
            suiteRow.ValidationReport = new ValidationReport(
                [new ValidationFailure(reference.File, Verdict.InternalError, "", null, StoreErrors.Reason(ex))]);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Keeps the submission readable while Hangfire retries; on the last attempt it becomes failed with a reason an
    /// admin can act on, and the job ends without throwing so Hangfire does not retry past our own count.
    /// </summary>
    private async Task RecordInfrastructureFaultAsync(Submission submission, Exception fault)
    {
        logger.LogWarning(fault, "Attempt {Attempt} of {SubmissionId} hit an infrastructure fault", submission.Attempts, submission.Id);
        submission.RecordInfrastructureFault(fault.Message);
        await TrySaveAsync(CancellationToken.None);
    }

    /// <summary>False when another run changed the submission first: that run owns it now.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        // A run that started while another was running loses either on the row version or, when EF writes the
        // test rows first, on their primary key: either way the other run's result stands.
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
            || ex.IsUniqueViolation())
        {
            logger.LogInformation("Another run owns this submission; leaving it");
            return false;
        }
    }
}
