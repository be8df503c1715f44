using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Blocks;

/// <summary>The block languages SPEC.md accepts.</summary>
public static class BlockLanguages
{
    public static bool Contains(ProgramLanguage language) =>
        language is ProgramLanguage.Scratch or ProgramLanguage.Entry or ProgramLanguage.Blockly;

    /// <summary>
    /// What starting the runtime may take in a container, before the first test and outside every test's limits:
    /// Scratch and Entry load node, the runtime and the project once per submission (scratch-vm takes about 0.6 s of
    /// CPU; node reads some 30 MB of scripts, which took up to 15 s of wall time on our busy test host), and a
    /// Blockly workspace becomes Python before the first test (up to a minute when the host is busy, harness.py's
    /// CONVERSION_TEST). Generous, because none of this can sleep: the CPU limit stops it. Null for Python.
    /// </summary>
    public static RuntimeStartLimits? RuntimeStart(ProgramLanguage language) => language switch
    {
        ProgramLanguage.Scratch or ProgramLanguage.Entry => new RuntimeStartLimits(CpuSeconds: 10, WallSeconds: 30),
        ProgramLanguage.Blockly => new RuntimeStartLimits(CpuSeconds: 10, WallSeconds: 60),
        ProgramLanguage.Python => null,
    };
}

/// <summary>
/// A block program ready for its runtime in docker/runner-blocks: <see cref="FileName"/> is the file
/// to write in the job's program folder and pass to the runner (project.json for Scratch and Entry,
/// workspace.json or workspace.xml for Blockly), <see cref="Text"/> its content.
/// </summary>
public sealed record BlockProgram(ProgramLanguage Language, string FileName, string Text);

/// <summary>
/// Why a block program cannot be run. <see cref="Code"/> is stable for the API to localise; the
/// message names the file, or the unsupported block and the sprite/object holding it.
/// </summary>
public sealed record BlockProgramProblem(string Code, string Message, string? Block = null, string? Owner = null);

/// <summary>Either a program, or the problem that refuses it.</summary>
public sealed record BlockProgramReadResult(BlockProgram? Program, BlockProgramProblem? Problem)
{
    public static BlockProgramReadResult Of(BlockProgram program) => new(program, null);
    public static BlockProgramReadResult Refused(string code, string message, string? block = null, string? owner = null) =>
        new(null, new BlockProgramProblem(code, message, block, owner));
}
