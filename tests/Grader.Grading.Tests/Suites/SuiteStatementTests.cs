using System.Text;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Grading.Tests.Suites;

/// <summary>The statement a student reads and the hints of tests (SPEC.md "Test suites"; issue 17).</summary>
public class SuiteStatementTests
{
    /// <summary>The 8-byte PNG signature and a little more: what a picture's bytes start with.</summary>
    public static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private static string Manifest(string statementLine = "") =>
        $"slug: sum\ntitle: 합\nlanguages: [python]\n{statementLine}tests:\n" +
        "  - {name: small, points: 1, visibility: visible, stdin: \"1 2\\n\", expectedStdout: \"3\\n\", hint: 두 수를 더해 보세요.}\n";

    [Fact]
    public void A_zips_statement_md_is_read_with_its_pictures_typed_by_their_bytes()
    {
        var result = SuiteParser.Parse(Zip(("suite.yaml", Utf8(Manifest())),
            ("statement.md", Utf8("# 두 수의 합\n\n![그림](pictures/plus.png)\n")), ("pictures/plus.png", Png)));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.StartsWith("# 두 수의 합", result.Suite!.Statement);
        Assert.Equal([new StatementImage("pictures/plus.png", "pictures/plus.png", "image/png")], result.Suite.StatementImages);
        Assert.Equal("두 수를 더해 보세요.", result.Suite.Tests[0].Hint);
    }

    [Fact]
    public void A_named_statement_file_and_inline_markdown_both_work()
    {
        var named = SuiteParser.Parse(Zip(("suite.yaml", Utf8(Manifest("statement: docs/task.md\n"))),
            ("docs/task.md", Utf8("![](a.gif)")), ("docs/a.gif", "GIF89a"u8.ToArray())));
        Assert.True(named.IsValid, string.Join("; ", named.Problems));
        Assert.Equal("docs/a.gif", Assert.Single(named.Suite!.StatementImages!).Path);

        var inline = SuiteParser.Parse(Utf8(Manifest("statement: |\n  두 수를 **더해요**.\n")));
        Assert.True(inline.IsValid, string.Join("; ", inline.Problems));
        Assert.Equal("두 수를 **더해요**.\n", inline.Suite!.Statement);
    }

    [Theory]
    [InlineData("![](missing.png)", "statement_image_missing")]
    [InlineData("![](https://example.org/a.png)", "statement_image_outside")]
    [InlineData("![](../up.png)", "statement_image_outside")]
    [InlineData("![](evil.svg)", "statement_image_type")]
    [InlineData("숫자\0를 더해요", "unstorable_text")]
    public void A_statement_with_a_bad_picture_or_a_nul_is_refused_naming_the_file(string markdown, string code)
    {
        var svg = Utf8("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
        var problem = Assert.Single(SuiteParser.Parse(Zip(("suite.yaml", Utf8(Manifest())),
            ("statement.md", Utf8(markdown)), ("evil.svg", svg))).Problems);

        Assert.Equal(code, problem.Code);
        Assert.Equal("statement.md", problem.Where);
    }

    [Fact]
    public void A_picture_past_the_size_cap_is_refused()
    {
        var big = Png.Concat(new byte[SuiteStatement.MaxImageBytes]).ToArray();
        var problem = Assert.Single(SuiteParser.Parse(Zip(("suite.yaml", Utf8(Manifest())),
            ("statement.md", Utf8("![](big.png)")), ("big.png", big))).Problems);
        Assert.Equal("statement_image_too_large", problem.Code);
    }

    [Fact]
    public void A_blank_hint_is_refused_on_its_test()
    {
        var problem = Assert.Single(SuiteParser.Parse(Utf8(
            "slug: s\ntitle: t\nlanguages: [python]\ntests:\n  - {name: a, points: 1, expectedStdout: x, hint: \" \"}\n")).Problems);
        Assert.Equal(("invalid_hint", "tests[0].hint"), (problem.Code, problem.Field));
    }

    [Fact]
    public void Raw_html_and_script_urls_come_out_as_text_and_pictures_point_at_the_suite()
    {
        var markdown = """
            # 문제 <script>alert('md')</script>

            <img src=x onerror="alert(1)">

            [눌러 보세요](javascript:alert(2)) [설명](https://docs.python.org/ko/3/)

            ![덧셈](plus.png) ![밖](https://example.org/x.png)
            """;
        var html = SuiteStatement.ToHtml(markdown, [new StatementImage("plus.png", "plus.png", "image/png")],
            path => "/suites/1/images/" + path);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img src=\"x\"", html);
        Assert.DoesNotMatch("<[^>]*onerror", html); // only as the text "&lt;img … onerror=…&gt;"
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<img src=\"/suites/1/images/plus.png\" alt=\"덧셈\">", html);
        Assert.DoesNotContain("example.org", html);
        Assert.Contains("href=\"https://docs.python.org/ko/3/\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void A_stored_statement_survives_json()
    {
        var suite = SuiteParser.Parse(Zip(("suite.yaml", Utf8(Manifest())), ("statement.md", Utf8("![](p.png)")), ("p.png", Png))).Suite!;
        var json = SuiteJson.Serialize(suite);
        var back = SuiteJson.Deserialize(json);
        Assert.Equal(suite.Statement, back.Statement);
        Assert.Equal(suite.StatementImages, back.StatementImages);
        Assert.Equal(suite.Tests[0].Hint, back.Tests[0].Hint);
        _ = Encoding.UTF8;
    }
}
