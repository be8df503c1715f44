using Grader.Grading.Suites;

namespace Grader.Grading;

/// <summary>
/// A Python program handed in as a zip: <c>main.py</c> at its top (or at the top of the one folder it holds),
/// any modules and data files beside it. Read with the suite parser's safe zip reading, so escaping paths,
/// links and bombs are refused alike. The API checks an upload with it; the worker unpacks the stored zip with it.
/// </summary>
public static class PythonArchive
{
    public const string Entry = "main.py";

    private static readonly SuiteUploadLimits s_limits = new(MaxEntries: 200, MaxTotalBytes: 16 * 1024 * 1024);

    /// <summary>Why a zip cannot be graded: <see cref="Code"/> is "missing_main", "not_utf8" or a zip problem's code.</summary>
    public sealed record Problem(string Code, string Where, string Message);

    public static IReadOnlyDictionary<string, byte[]>? Read(byte[] zip, out Problem? problem)
    {
        var problems = new List<SuiteProblem>();
        var files = SuiteArchive.Read(zip, s_limits, problems);
        if (files is null || problems.Count > 0)
        {
            var first = problems.FirstOrDefault() ?? new SuiteProblem("upload", "zip_corrupt", "The zip cannot be read.");
            problem = new Problem(first.Code, first.Where, first.Message);
            return null;
        }
        if (!files.ContainsKey(Entry)) files = SuiteArchive.WithoutSingleTopFolder(files);
        if (!files.ContainsKey(Entry))
        {
            problem = new Problem("missing_main", Entry, "The zip holds no main.py at its top.");
            return null;
        }
        var notText = files.FirstOrDefault(f => f.Key.EndsWith(".py", StringComparison.Ordinal) && !SuiteFiles.TryDecodeText(f.Value, out _));
        if (notText.Key is not null)
        {
            problem = new Problem("not_utf8", notText.Key, $"'{notText.Key}' is not UTF-8 text.");
            return null;
        }
        problem = null;
        return files;
    }
}
