using System.Text.Json;
using Grader.Grading.Text;

namespace Grader.Grading.Tests.Text;

public class StorableTextTests
{
    [Fact]
    public void Text_loses_only_what_no_store_holds()
    {
        Assert.Equal("a\uFFFDb", StorableText.MakeStorable("a\0b"));
        Assert.Equal("x\uFFFDy", StorableText.MakeStorable("x\uD800y"));
        Assert.Equal("한글 😀", StorableText.MakeStorable("한글 😀"));
    }

    [Fact]
    public void Json_a_serializer_wrote_for_nul_and_a_lone_surrogate_is_repaired_and_the_rest_kept()
    {
        var json = JsonSerializer.Serialize(new { stdout = "a\0b", lone = "\uDC00", pair = "😀", slash = "\\u0000 as typed" });

        var storable = StorableText.MakeStorableJson(json);

        using var document = JsonDocument.Parse(storable);
        var root = document.RootElement;
        Assert.Equal("a\uFFFDb", root.GetProperty("stdout").GetString());
        Assert.Equal("\uFFFD", root.GetProperty("lone").GetString());
        Assert.Equal("😀", root.GetProperty("pair").GetString());
        Assert.Equal("\\u0000 as typed", root.GetProperty("slash").GetString());
    }
}
