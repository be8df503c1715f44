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
/// Reads what a student handed in and decides which language it is, refusing unreadable files up front
/// so that nothing unrunnable is ever queued.
/// </summary>
public static class SubmissionIntake
{
    public const int MaxSourceBytes = 512 * 1024;
    public const int MaxUploadBytes = 8 * 1024 * 1024;

    public static Intake<IncomingProgram> FromSource(string? language, string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return new IntakeRefusal(IntakeRefusalKind.Missing, "source");
        var bytes = Encoding.UTF8.GetBytes(source);
        if (bytes.Length > MaxSourceBytes) return new IntakeRefusal(IntakeRefusalKind.TooLarge, "source");
        var name = (language ?? "python").ToLowerInvariant();
        if (!WireNames.TryParseWire<ProgramLanguage>(name, out var known)) return new IntakeRefusal(IntakeRefusalKind.LanguageNotAccepted, name);
        return known == ProgramLanguage.Python
            ? new IncomingProgram(ProgramLanguage.Python, "main.py", bytes)
            : BlockProgram(known, "source", bytes);
    }

    public static Intake<IncomingProgram> FromFile(string fileName, byte[] content)
    {
        var name = Path.GetFileName(fileName);
        if (content.Length == 0) return new IntakeRefusal(IntakeRefusalKind.UnreadableFile, name);
        if (name.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
        {
            return IsUtf8(content)
                ? new IncomingProgram(ProgramLanguage.Python, "main.py", content)
                : new IntakeRefusal(IntakeRefusalKind.UnreadableFile, name);
        }
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // Stored as handed in; the worker unpacks it with the same reader.
            if (PythonArchive.TryRead(content, out _, out var zipProblem))
                return new IncomingProgram(ProgramLanguage.Python, PythonArchive.StoredFileName, content);
            var kind = zipProblem.Fault switch
            {
                PythonArchive.Fault.MissingMain => IntakeRefusalKind.ZipWithoutMain,
                PythonArchive.Fault.Unreadable or PythonArchive.Fault.NotUtf8 => IntakeRefusalKind.UnreadableFile,
            };
            return new IntakeRefusal(kind, $"{name}: {zipProblem.Where}: {zipProblem.Message}");
        }
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".sb3" => BlockProgram(ProgramLanguage.Scratch, name, content),
            ".ent" => BlockProgram(ProgramLanguage.Entry, name, content),
            ".xml" => BlockProgram(ProgramLanguage.Blockly, name, content),
            ".json" when BlockLanguageOfJson(content) is { } language => BlockProgram(language, name, content),
            ".json" => new IntakeRefusal(IntakeRefusalKind.UnreadableFile, $"{name} is not a Scratch, Entry or Blockly project"),
            _ => new IntakeRefusal(IntakeRefusalKind.LanguageNotAccepted, name),
        };
    }

    /// <summary>
    /// Stores what the runner reads (the project.json inside an .sb3 or .ent, or the Blockly workspace) under the
    /// name the runner expects, once BlockProgramReader has found every block runnable.
    /// </summary>
    private static Intake<IncomingProgram> BlockProgram(ProgramLanguage language, string name, byte[] content)
    {
        var read = BlockProgramReader.Read(language, name, content);
        return read switch
        {
            { Problem: { Block: { } block } problem } => new IntakeRefusal(IntakeRefusalKind.UnrunnableBlock,
                string.Format(Messages.Text("submission.block_detail"), block, problem.Owner)),
            { Problem: { } unreadable } => new IntakeRefusal(IntakeRefusalKind.UnreadableFile, unreadable.Message),
            { Program: { } program } => new IncomingProgram(language, program.FileName, Encoding.UTF8.GetBytes(program.Text)),
            _ => throw new InvalidOperationException("BlockProgramReader gave neither a program nor a problem."),
        };
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
