using System.Diagnostics.CodeAnalysis;
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

    /// <summary>The name a zipped program is stored under, whatever it was called when handed in: the API names it so,
    /// and the worker and the similarity report know a stored zip by it (<see cref="IsStoredArchive"/>).</summary>
    public const string StoredFileName = "program.zip";

    public static bool IsStoredArchive(ProgramLanguage language, string storedFileName) =>
        language == ProgramLanguage.Python && storedFileName == StoredFileName;

    private static readonly SuiteUploadLimits s_limits = new(MaxEntries: 200, MaxTotalBytes: 16 * 1024 * 1024);

    /// <summary>What is wrong with a zip: it cannot be read safely, it has no main.py, or a module is not UTF-8.</summary>
    public enum Fault
    {
        Unreadable,
        MissingMain,
        NotUtf8,
    }

    /// <summary>Why a zip cannot be graded, and the entry (or the upload) at fault.</summary>
    public sealed record Problem(Fault Fault, string Where, string Message);

    public static bool TryRead(byte[] zip, [NotNullWhen(true)] out IReadOnlyDictionary<string, byte[]>? files,
        [NotNullWhen(false)] out Problem? problem)
    {
        files = null;
        var problems = new List<SuiteProblem>();
        var read = SuiteArchive.Read(zip, s_limits, problems);
        if (read is null || problems.Count > 0)
        {
            var first = problems.FirstOrDefault() ?? new SuiteProblem("upload", "zip_corrupt", "The zip cannot be read.");
            problem = new Problem(Fault.Unreadable, first.Where, first.Message);
            return false;
        }
        if (!read.ContainsKey(Entry)) read = SuiteArchive.WithoutSingleTopFolder(read);
        if (!read.ContainsKey(Entry))
        {
            problem = new Problem(Fault.MissingMain, Entry, "The zip holds no main.py at its top.");
            return false;
        }
        var notText = read.FirstOrDefault(f => f.Key.EndsWith(".py", StringComparison.Ordinal) && !SuiteFiles.TryDecodeText(f.Value, out _));
        if (notText.Key is not null)
        {
            problem = new Problem(Fault.NotUtf8, notText.Key, $"'{notText.Key}' is not UTF-8 text.");
            return false;
        }
        problem = null;
        files = read;
        return true;
    }
}
