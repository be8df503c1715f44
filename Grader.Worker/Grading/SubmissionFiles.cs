using Grader.Core.Domain;

namespace Grader.Worker.Grading;

/// <summary>Turns a stored submission back into the files its runner expects.</summary>
internal static class SubmissionFiles
{
    public static IReadOnlyDictionary<string, byte[]> Unpack(Submission submission) =>
        new Dictionary<string, byte[]> { [submission.FileName] = submission.Content };
}
