using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Blocks;

internal static class BlockFixtures
{
    /// <summary>A fixture's bytes; the fixtures sit in one folder per language, named as the wire names it.</summary>
    public static byte[] Bytes(ProgramLanguage language, string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", language.ToWire(), fileName));

    public static BlockProgram Read(ProgramLanguage language, string fileName)
    {
        var result = BlockProgramReader.Read(language, fileName, Bytes(language, fileName));
        Assert.Null(result.Problem);
        return result.Program!;
    }
}
