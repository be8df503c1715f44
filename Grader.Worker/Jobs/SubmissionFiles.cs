using System.Text;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Worker.Jobs;

/// <summary>Turns a stored submission back into the files its runner expects.</summary>
internal static class SubmissionFiles
{
    public static IReadOnlyDictionary<string, byte[]> Unpack(Submission submission)
    {
        if (!PythonArchive.IsStoredArchive(submission.Language, submission.FileName))
            return new Dictionary<string, byte[]> { [submission.FileName] = submission.Content };
        // The API accepted it with the same reader, so a refusal here means the stored bytes changed.
        return PythonArchive.TryRead(submission.Content, out var files, out var problem)
            ? files
            : throw new InvalidDataException($"Stored zip of {submission.Id} cannot be read: {problem.Message}");
    }

    /// <summary>
    /// A suite's reference solution as its runner expects it: main.py, or a block program read the way a submission
    /// is (its project.json or workspace). Null, with the reader's problem, when a block reference cannot run.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]>? Reference(SuiteReference reference, byte[] content, out string? problem)
    {
        problem = null;
        if (reference.Language == ProgramLanguage.Python) return new Dictionary<string, byte[]> { ["main.py"] = content };
        var read = BlockProgramReader.Read(reference.Language, reference.File, content);
        problem = read.Problem?.Message;
        return read.Program is { } program
            ? new Dictionary<string, byte[]> { [program.FileName] = Encoding.UTF8.GetBytes(program.Text) }
            : null;
    }
}
