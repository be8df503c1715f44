using System.Text;
using System.Text.Json;
using Grader.Api.Infrastructure;
using Grader.Grading;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Api.Submissions;

/// <summary>A submitted program as stored: its language, the file name it came with, and its bytes.</summary>
public sealed record IncomingProgram(ProgramLanguage Language, string FileName, byte[] Content);

/// <summary>
/// Why a submission was refused before anything was stored: a message code and the file or block it names;
/// for the rate limit, the seconds until the student may submit again.
/// </summary>
public sealed record IntakeProblem(string Code, string Detail, int? RetryAfterSeconds = null);

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
        var name = (language ?? "python").ToLowerInvariant();
        if (!WireNames.TryParseWire<ProgramLanguage>(name, out var known)) return (null, new IntakeProblem("submission.language", name));
        return known == ProgramLanguage.Python
            ? (new IncomingProgram(ProgramLanguage.Python, "main.py", bytes), null)
            : BlockProgram(known, "source", bytes);
    }

    public static (IncomingProgram? Program, IntakeProblem? Problem) FromFile(string fileName, byte[] content)
    {
        var name = Path.GetFileName(fileName);
        if (content.Length == 0) return (null, new IntakeProblem("submission.file", name));
        if (name.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
        {
            if (!IsUtf8(content)) return (null, new IntakeProblem("submission.file", name));
            return (new IncomingProgram(ProgramLanguage.Python, "main.py", content), null);
        }
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // Stored as handed in; the worker unpacks it with the same reader.
            if (PythonArchive.Read(content, out var zipProblem) is null)
            {
                return (null, new IntakeProblem(zipProblem!.Code == "missing_main" ? "submission.zip_main" : "submission.file",
                    $"{name}: {zipProblem.Where}: {zipProblem.Message}"));
            }

            return (new IncomingProgram(ProgramLanguage.Python, PythonZipName, content), null);
        }
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".sb3" => BlockProgram(ProgramLanguage.Scratch, name, content),
            ".ent" => BlockProgram(ProgramLanguage.Entry, name, content),
            ".xml" => BlockProgram(ProgramLanguage.Blockly, name, content),
            ".json" when BlockLanguageOfJson(content) is { } language => BlockProgram(language, name, content),
            ".json" => (null, new IntakeProblem("submission.file", $"{name} is not a Scratch, Entry or Blockly project")),
            _ => (null, new IntakeProblem("submission.language", name)),
        };
    }

    /// <summary>
    /// Stores what the runner reads (the project.json inside an .sb3 or .ent, or the Blockly workspace) under the
    /// name the runner expects, once BlockProgramReader has found every block runnable.
    /// </summary>
    private static (IncomingProgram?, IntakeProblem?) BlockProgram(ProgramLanguage language, string name, byte[] content)
    {
        var read = BlockProgramReader.Read(language, name, content);
        if (read.Problem is { Block: { } block } problem)
        {
            return (null, new IntakeProblem("submission.block",
                string.Format(Messages.Text("submission.block_detail"), block, problem.Owner)));
        }

        if (read.Problem is { } unreadable) return (null, new IntakeProblem("submission.file", unreadable.Message));
        return (new IncomingProgram(language, read.Program!.FileName, Encoding.UTF8.GetBytes(read.Program.Text)), null);
    }

    /// <summary>A project's own top-level keys tell the JSON kinds apart: Scratch has targets, Entry objects, Blockly blocks.</summary>
    private static ProgramLanguage? BlockLanguageOfJson(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            return root.TryGetProperty("targets", out _) ? ProgramLanguage.Scratch
                : root.TryGetProperty("objects", out _) ? ProgramLanguage.Entry
                : root.TryGetProperty("blocks", out _) ? ProgramLanguage.Blockly
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
