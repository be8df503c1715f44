using Grader.Core.Domain;
using Grader.Runners.Grading;

namespace Grader.Worker.Grading;

/// <summary>Turns a stored submission back into the files its runner expects.</summary>
internal static class SubmissionFiles
{
    public static IReadOnlyDictionary<string, byte[]> Unpack(Submission submission) =>
        submission.Language == "python" && submission.FileName.EndsWith(".zip", StringComparison.Ordinal)
            // The API accepted it with the same reader, so a refusal here means the stored bytes changed.
            ? PythonArchive.Read(submission.Content, out var problem)
                ?? throw new InvalidDataException($"Stored zip of {submission.Id} cannot be read: {problem!.Message}")
            : new Dictionary<string, byte[]> { [submission.FileName] = submission.Content };
}
