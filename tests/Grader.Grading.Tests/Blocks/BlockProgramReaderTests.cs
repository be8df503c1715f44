using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;
using Grader.Tests.Shared;

namespace Grader.Grading.Tests.Blocks;

public class BlockProgramReaderTests
{
    [Theory]
    [InlineData("double.sb3")]
    [InlineData("sum-loop.json")]
    [InlineData("sort-list.json")]
    [InlineData("custom-block.json")]
    [InlineData("broadcast.json")]
    [InlineData("casting.json")]
    public void Scratch_fixtures_are_read_as_their_project_json(string fileName)
    {
        var program = BlockFixtures.Read(ProgramLanguage.Scratch, fileName);

        Assert.Equal("project.json", program.FileName);
        using var project = JsonDocument.Parse(program.Text);
        Assert.True(project.RootElement.GetProperty("targets").GetArrayLength() >= 2);
    }

    [Fact]
    public void An_sb3_gives_the_project_json_inside_it()
    {
        var program = BlockFixtures.Read(ProgramLanguage.Scratch, "double.sb3");

        Assert.Contains("sensing_askandwait", program.Text);
    }

    [Fact]
    public void A_scratch_extension_that_needs_a_camera_is_refused_naming_block_and_sprite()
    {
        var project = Encoding.UTF8.GetString(BlockFixtures.Bytes(ProgramLanguage.Scratch, "casting.json"))
            .Replace("\"looks_think\"", "\"videoSensing_videoToggle\"");

        var result = BlockProgramReader.Read(ProgramLanguage.Scratch, "project.json", Encoding.UTF8.GetBytes(project));

        Assert.Null(result.Program);
        Assert.Equal("unsupported_block", result.Problem!.Code);
        Assert.Equal("videoSensing_videoToggle", result.Problem.Block);
        Assert.Equal("Sprite1", result.Problem.Owner);
    }

    [Fact]
    public void Pen_and_music_blocks_are_harmless()
    {
        var project = Encoding.UTF8.GetString(BlockFixtures.Bytes(ProgramLanguage.Scratch, "forever.json"))
            .Replace("\"motion_turnright\"", "\"pen_penDown\"");

        Assert.Null(BlockProgramReader.Read(ProgramLanguage.Scratch, "project.json", Encoding.UTF8.GetBytes(project)).Problem);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2, 3 }, "is not a readable zip archive")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a' }, "is neither an .sb3 nor a Scratch project.json")]
    [InlineData(new byte[] { (byte)'{', (byte)'}' }, "is not a Scratch 3 project")]
    public void A_corrupt_scratch_file_is_a_problem_naming_the_file(byte[] bytes, string problem)
    {
        var result = BlockProgramReader.Read(ProgramLanguage.Scratch, "game.sb3", bytes);

        Assert.Equal("unreadable_file", result.Problem!.Code);
        Assert.StartsWith("game.sb3 ", result.Problem.Message);
        Assert.Contains(problem, result.Problem.Message);
    }

    [Fact]
    public void An_sb3_whose_project_json_inflates_past_the_cap_is_refused_without_inflating_it()
    {
        var sb3 = InflatingProject.Sb3(47 * 1024 * 1024);
        Assert.InRange(sb3.Length, 1, 400 * 1024);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = BlockProgramReader.Read(ProgramLanguage.Scratch, "game.sb3", sb3);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal("unreadable_file", result.Problem!.Code);
        Assert.StartsWith("game.sb3 ", result.Problem.Message);
        Assert.Contains("8 MB", result.Problem.Message);
        // The declared size is checked before anything is inflated: far less than the cap is ever allocated.
        Assert.True(allocated < BlockProgramReader.MaxProjectBytes / 4, $"{allocated} bytes allocated");
    }

    [Fact]
    public void An_sb3_just_under_the_cap_is_read_without_copying_its_project_json_again_and_again()
    {
        var size = BlockProgramReader.MaxProjectBytes - 1024;
        var sb3 = InflatingProject.Sb3(size);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = BlockProgramReader.Read(ProgramLanguage.Scratch, "game.sb3", sb3);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Null(result.Problem);
        Assert.Equal(size, Encoding.UTF8.GetByteCount(result.Program!.Text));
        // The bytes once and the text once (UTF-16: twice the bytes), with room for one more copy; a 50 MB
        // project.json used to cost 344 MB, nearly seven times its size.
        Assert.True(allocated < 5L * size, $"{allocated} bytes allocated for a {size}-byte project.json");
    }

    [Fact]
    public void An_sb3_without_project_json_is_a_problem()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("costume.svg").Open());
            writer.Write("<svg/>");
        }

        var result = BlockProgramReader.Read(ProgramLanguage.Scratch, "game.sb3", zip.ToArray());

        Assert.Equal("game.sb3 has no project.json", result.Problem!.Message);
    }

    [Theory]
    [InlineData("sum-loop.json")]
    [InlineData("sort-list.json")]
    [InlineData("function.json")]
    [InlineData("broadcast.json")]
    [InlineData("casting.json")]
    [InlineData("clones-text-scenes.json")]
    public void Entry_fixtures_are_accepted(string fileName)
    {
        var program = BlockFixtures.Read(ProgramLanguage.Entry, fileName);

        Assert.Equal("project.json", program.FileName);
    }

    [Fact]
    public void An_ent_gives_its_temp_project_json()
    {
        var program = BlockFixtures.Read(ProgramLanguage.Entry, "double.ent");

        using var project = JsonDocument.Parse(program.Text);
        Assert.Equal("entrybot", project.RootElement.GetProperty("objects")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void An_entry_block_the_interpreter_does_not_run_is_refused_naming_block_and_object()
    {
        var result = BlockProgramReader.Read(ProgramLanguage.Entry, "unsupported.json", BlockFixtures.Bytes(ProgramLanguage.Entry, "unsupported.json"));

        Assert.Equal("unsupported_block", result.Problem!.Code);
        Assert.Equal("coordinate_mouse", result.Problem.Block);
        Assert.Equal("entrybot", result.Problem.Owner);
    }

    [Fact]
    public void A_call_of_a_function_the_project_does_not_define_is_refused()
    {
        var project = Encoding.UTF8.GetString(BlockFixtures.Bytes(ProgramLanguage.Entry, "function.json"))
            .Replace("func_fn01", "func_gone");

        var result = BlockProgramReader.Read(ProgramLanguage.Entry, "project.json", Encoding.UTF8.GetBytes(project));

        Assert.Equal("func_gone", result.Problem!.Block);
    }

    [Fact]
    public void An_ent_without_temp_project_json_is_a_problem()
    {
        var ent = new MemoryStream();
        using (var gzip = new GZipStream(ent, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "temp/image.png") { DataStream = new MemoryStream([1, 2, 3]) });
        }

        var result = BlockProgramReader.Read(ProgramLanguage.Entry, "game.ent", ent.ToArray());

        Assert.Equal("game.ent has no temp/project.json", result.Problem!.Message);
    }

    [Fact]
    public void A_broken_gzip_is_a_problem_not_an_exception()
    {
        var result = BlockProgramReader.Read(ProgramLanguage.Entry, "game.ent", [0x1f, 0x8b, 8, 0, 0, 0]);

        Assert.Equal("unreadable_file", result.Problem!.Code);
    }

    [Theory]
    [InlineData("double.json", "workspace.json")]
    [InlineData("sort-list.json", "workspace.json")]
    [InlineData("sum-loop.xml", "workspace.xml")]
    [InlineData("function.xml", "workspace.xml")]
    public void Blockly_workspaces_keep_their_format(string fileName, string programFile)
    {
        Assert.Equal(programFile, BlockFixtures.Read(ProgramLanguage.Blockly, fileName).FileName);
    }

    [Theory]
    [InlineData("<xml><block type=\"text_print\">", "is not well-formed XML")]
    [InlineData("<svg/>", "is XML but not a Blockly workspace")]
    [InlineData("{\"targets\": []}", "is JSON but not a Blockly workspace")]
    public void A_file_that_is_not_a_blockly_workspace_is_a_problem(string text, string problem)
    {
        var result = BlockProgramReader.Read(ProgramLanguage.Blockly, "blocks.xml", Encoding.UTF8.GetBytes(text));

        Assert.Contains(problem, result.Problem!.Message);
    }

    [Theory]
    [InlineData("""<xml xmlns="https://developers.google.com/blockly/xml"><block type="text_print"><value name="TEXT"><block type="turtle_forward"/></value></block></xml>""")]
    [InlineData("""{"blocks": {"languageVersion": 0, "blocks": [{"type": "text_print", "inputs": {"TEXT": {"shadow": {"type": "text"}, "block": {"type": "turtle_forward"}}}}]}}""")]
    public void A_block_without_a_Python_generator_is_refused_by_name(string text)
    {
        var result = BlockProgramReader.Read(ProgramLanguage.Blockly, "turtle.json", Encoding.UTF8.GetBytes(text));

        Assert.Equal("unsupported_block", result.Problem!.Code);
        Assert.Equal("turtle_forward", result.Problem.Block);
        Assert.Equal("turtle.json", result.Problem.Owner);
    }
}
