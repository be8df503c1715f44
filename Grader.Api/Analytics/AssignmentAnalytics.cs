using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Grader.Grading;
using Grader.Grading.Similarity;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Analytics;

/// <summary>An assignment as its analysis pages name it.</summary>
public sealed record AnalyzedAssignment(Guid Id, Guid CourseId, string CourseName, string Title, ScorePolicy ScorePolicy, Guid SuiteId);

/// <summary>A student's program in the similarity report: whose it is and which submission.</summary>
public sealed record ComparedProgram(Guid SubmissionId, string StudentName, string Login, ProgramLanguage Language, DateTimeOffset SubmittedAt);

/// <summary>
/// The similarity report of an assignment: each student's latest submission compared with every other's
/// (<see cref="SimilarityReport"/>); a pair's entries are keyed by submission id.
/// </summary>
public sealed record AssignmentSimilarity(AnalyzedAssignment Assignment, IReadOnlyDictionary<string, ComparedProgram> Programs,
    IReadOnlyList<SimilarPair> Pairs);

/// <summary>One student's row of the class overview: the counted submission's verdict per test name, and how each
/// of the suite's groups went by the rule that scored it (<see cref="TestGroups"/>).</summary>
public sealed record OverviewRow(Guid StudentId, string Name, string Login, Guid? CountedSubmissionId, decimal? CountedScore,
    SubmissionStatus? LatestStatus, IReadOnlyDictionary<string, Verdict> Verdicts, IReadOnlyList<GroupOutcome> Groups);

/// <summary>Outputs that were wrong the same way, and whose they were.</summary>
public sealed record WrongOutput(Verdict Verdict, string Output, IReadOnlyList<string> Students);

/// <summary>A test failed by someone: how many of the counted submissions failed it, and the commonest wrong outputs.</summary>
public sealed record FailedTest(string Name, TestVisibility Visibility, int Failed, int Graded, IReadOnlyList<WrongOutput> CommonWrongOutputs);

/// <param name="Groups">The suite's groups (subtasks) in order, each with its points; empty when it has none.</param>
public sealed record ClassOverview(AnalyzedAssignment Assignment, decimal MaxScore, IReadOnlyList<string> Tests,
    IReadOnlyList<SuiteGroup> Groups, IReadOnlyList<OverviewRow> Rows, IReadOnlyList<FailedTest> MostFailed);

/// <summary>
/// What a teacher reads about one assignment of theirs (another teacher's is not found): the similarity report and
/// the class overview. The overview shows the submission the gradebook counts (<see cref="GradebookAssignment.Counted"/>).
/// </summary>
public sealed class AssignmentAnalytics(GraderDbContext db, SuiteSummaries suites)
{
    /// <summary>The most wrong outputs shown per test, and how much of each.</summary>
    public const int WrongOutputsPerTest = 3;

    public const int WrongOutputChars = 300;

    /// <summary>The largest starter code a teacher may paste (a starter is a few dozen lines).</summary>
    public const int MaxStarterChars = 20_000;

    public Task<AnalyzedAssignment?> FindAsync(Guid assignmentId, ClaimsPrincipal user, CancellationToken ct) =>
        db.Assignments.AsNoTracking()
            .Where(a => a.Id == assignmentId && db.Courses.TaughtBy(user).Any(c => c.Id == a.CourseId))
            .Select(a => new AnalyzedAssignment(a.Id, a.CourseId, a.Course!.Name, a.Title, a.ScorePolicy, a.SuiteId))
            .FirstOrDefaultAsync(ct);

    /// <summary>The report, or null when the assignment is not the caller's. <paramref name="pythonStarter"/> is left out of every Python program.</summary>
    public async Task<AssignmentSimilarity?> SimilarityAsync(Guid assignmentId, ClaimsPrincipal user, string? pythonStarter, CancellationToken ct)
    {
        var assignment = await FindAsync(assignmentId, user, ct);
        if (assignment is null) return null;
        var latest = (await StudentSubmissions(assignment)
                .Select(s => new { s.Id, s.StudentId, s.SubmittedAt })
                .ToListAsync(ct))
            .GroupBy(s => s.StudentId)
            .Select(g => g.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id).Last().Id)
            .ToList();
        var programs = await db.Submissions.AsNoTracking().Where(s => latest.Contains(s.Id))
            .Select(s => new { s.Id, s.Language, s.FileName, s.Content, s.SubmittedAt, s.Student!.Name, s.Student.Login })
            .ToListAsync(ct);
        var entries = programs
            .Select(p => new SimilarityEntry(p.Id.ToString(), p.Language, SimilarityReport.Read(p.Language, p.FileName, p.Content)))
            .ToList();
        var starters = string.IsNullOrWhiteSpace(pythonStarter)
            ? new Dictionary<ProgramLanguage, SimilarityDocument>()
            : new Dictionary<ProgramLanguage, SimilarityDocument> { [ProgramLanguage.Python] = PythonTokens.Read(pythonStarter) };
        return new AssignmentSimilarity(assignment,
            programs.ToDictionary(p => p.Id.ToString(), p => new ComparedProgram(p.Id, p.Name, p.Login, p.Language, p.SubmittedAt)),
            SimilarityReport.Pairs(entries, starters));
    }

    public async Task<ClassOverview?> OverviewAsync(Guid assignmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        var assignment = await FindAsync(assignmentId, user, ct);
        if (assignment is null) return null;
        var rules = await db.Assignments.AsNoTracking().Where(a => a.Id == assignmentId)
            .Select(a => new { a.DueAt, a.LatePolicy }).SingleAsync(ct);
        var suite = SuiteJson.Deserialize(await db.Suites.Where(s => s.Id == assignment.SuiteId).Select(s => s.DefinitionJson).SingleAsync(ct));
        var counting = new GradebookAssignment(assignment.Id, assignment.Title, 1, (await suites.ForAsync(db, assignment.SuiteId, ct)).MaxScore,
            assignment.ScorePolicy, rules.DueAt, rules.LatePolicy);

        var students = await db.CourseMembers.AsNoTracking()
            .Where(m => m.CourseId == assignment.CourseId && m.Role == MemberRole.Student)
            .Select(m => new { m.UserId, m.User!.Name, m.User.Login, m.User.StudentNumber })
            .ToListAsync(ct);
        var submissions = (await StudentSubmissions(assignment)
                .Select(s => new { s.Id, s.StudentId, s.Status, s.Score, s.SubmittedAt })
                .ToListAsync(ct))
            .ToLookup(s => s.StudentId);

        var rows = new List<OverviewRow>();
        var counted = new Dictionary<Guid, Guid>();
        foreach (var student in students
                     .OrderBy(m => m.StudentNumber is null).ThenBy(m => m.StudentNumber, StringComparer.Ordinal)
                     .ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Login, StringComparer.Ordinal))
        {
            var own = submissions[student.UserId].ToList();
            // Records compare by value: the submission counted is found again by reference.
            var graded = new Dictionary<GradedSubmission, Guid>(ReferenceEqualityComparer.Instance);
            foreach (var s in own.Where(s => s.Status == SubmissionStatus.Graded && s.Score is not null))
                graded[new GradedSubmission(assignment.Id, s.Score!.Value, s.SubmittedAt)] = s.Id;
            var chosen = counting.Counted(graded.Keys);
            Guid? countedId = chosen is { } c ? graded[c.Submission] : null;
            if (countedId is { } id) counted[student.UserId] = id;
            rows.Add(new OverviewRow(student.UserId, student.Name, student.Login, countedId, chosen?.Score,
                own.OrderBy(s => s.SubmittedAt).LastOrDefault()?.Status, new Dictionary<string, Verdict>(), []));
        }

        var countedIds = counted.Values.ToList();
        var results = await db.Set<SubmissionTestResult>().AsNoTracking()
            .Where(t => countedIds.Contains(t.SubmissionId))
            .Select(t => new { t.SubmissionId, t.Index, t.Name, t.Verdict, t.Visibility, t.Stdout })
            .ToListAsync(ct);
        var bySubmission = results.ToLookup(t => t.SubmissionId);
        var groups = TestGroups.Of(suite);
        rows = rows.Select(row =>
        {
            if (row.CountedSubmissionId is not { } id) return row;
            var verdicts = bySubmission[id].ToDictionary(t => t.Name, t => t.Verdict, StringComparer.Ordinal);
            return row with { Verdicts = verdicts, Groups = groups.Judge(verdicts) };
        }).ToList();

        var tests = suite.Tests.Select(t => t.Name)
            .Concat(results.OrderBy(t => t.Index).Select(t => t.Name)).Distinct(StringComparer.Ordinal).ToList();
        var nameOf = rows.Where(r => r.CountedSubmissionId is not null).ToDictionary(r => r.CountedSubmissionId!.Value, r => r.Name);
        var mostFailed = results.GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(test =>
            {
                var failed = test.Where(t => t.Verdict != Verdict.Passed).ToList();
                var wrong = failed
                    .GroupBy(t => (t.Verdict, Output: Shorten(t.Stdout)))
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Output, StringComparer.Ordinal)
                    .Take(WrongOutputsPerTest)
                    .Select(g => new WrongOutput(g.Key.Verdict, g.Key.Output, g.Select(t => nameOf[t.SubmissionId]).Order(StringComparer.Ordinal).ToList()))
                    .ToList();
                return new FailedTest(test.Key, test.First().Visibility, failed.Count, test.Count(), wrong);
            })
            .Where(t => t.Failed > 0)
            .OrderByDescending(t => t.Failed).ThenBy(t => tests.IndexOf(t.Name))
            .ToList();
        return new ClassOverview(assignment, counting.MaxScore, tests, suite.Groups ?? [], rows, mostFailed);
    }

    /// <summary>Outputs that differ only in trailing spaces and blank lines are one wrong output.</summary>
    private static string Shorten(string? stdout)
    {
        var lines = (stdout ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd());
        var text = string.Join('\n', lines).Trim('\n');
        return text.Length <= WrongOutputChars ? text : text[..WrongOutputChars] + "…";
    }

    /// <summary>The submissions of the course's students (not of its teachers trying it out).</summary>
    private IQueryable<Submission> StudentSubmissions(AnalyzedAssignment assignment) =>
        db.Submissions.AsNoTracking().Where(s => s.AssignmentId == assignment.Id
            && db.CourseMembers.Any(m => m.CourseId == assignment.CourseId && m.UserId == s.StudentId && m.Role == MemberRole.Student));
}
