using Grader.Grading.Blocks;

namespace Grader.Grading.Tests.Blocks;

internal static class BlockFixtures
{
    public static byte[] Bytes(string language, string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", language, fileName));

    public static BlockProgram Read(string language, string fileName)
    {
        var result = BlockProgramReader.Read(language, fileName, Bytes(language, fileName));
        Assert.Null(result.Problem);
        return result.Program!;
    }
}
