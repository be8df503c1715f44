using System.Text;
using Grader.Runners.Grading;

namespace Grader.Api.Submissions;

/// <summary>A submitted program as stored: its language, the file name it came with, and its bytes.</summary>
public sealed record IncomingProgram(string Language, string FileName, byte[] Content);

/// <summary>Why a submission was refused before anything was stored: a message code and the file or block it names.</summary>
public sealed record IntakeProblem(string Code, string Detail);

/// <summary>
/// Reads what a student handed in and decides which language it is, refusing unreadable files up front
/// so that nothing unrunnable is ever queued.
/// </summary>
public static class SubmissionIntake
{
    public const int MaxSourceBytes = 512 * 1024;
    public const int MaxUploadBytes = 8 * 1024 * 1024;

    /// <summary>The stored name of a zipped Python program, which tells the worker to unpack it.</summary>
    public const string PythonZipName = "program.zip";

    public static (IncomingProgram? Program, IntakeProblem? Problem) FromSource(string? language, string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return (null, new IntakeProblem("field.required", "source"));
        var bytes = Encoding.UTF8.GetBytes(source);
        if (bytes.Length > MaxSourceBytes) return (null, new IntakeProblem("too_large", "source"));
        return (language ?? "python").ToLowerInvariant() switch
        {
            "python" => (new IncomingProgram("python", "main.py", bytes), null),
            var other => (null, new IntakeProblem("submission.language", other)),
        };
    }

    public static (IncomingProgram? Program, IntakeProblem? Problem) FromFile(string fileName, byte[] content)
    {
        var name = Path.GetFileName(fileName);
        if (content.Length == 0) return (null, new IntakeProblem("submission.file", name));
        if (name.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
        {
            if (!IsUtf8(content)) return (null, new IntakeProblem("submission.file", name));
            return (new IncomingProgram("python", "main.py", content), null);
        }
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // Stored as handed in; the worker unpacks it with the same reader.
            if (PythonArchive.Read(content, out var zipProblem) is null)
                return (null, new IntakeProblem(zipProblem!.Code == "missing_main" ? "submission.zip_main" : "submission.file",
                    $"{name}: {zipProblem.Where}: {zipProblem.Message}"));
            return (new IncomingProgram("python", PythonZipName, content), null);
        }
        return (null, new IntakeProblem("submission.language", name));
    }

    private static bool IsUtf8(byte[] content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
