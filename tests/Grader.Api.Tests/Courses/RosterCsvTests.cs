using System.Text;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;

namespace Grader.Api.Tests.Courses;

public class RosterCsvTests
{
    private static (IReadOnlyList<RosterEntry> Entries, IReadOnlyList<CsvProblem> Problems) Read(string text) =>
        RosterCsv.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_header_may_order_the_columns_and_add_others()
    {
        var (entries, problems) = Read("이름,비고,아이디,학번\r\n김민준,반장,minjun,20301\r\n");
        Assert.Empty(problems);
        Assert.Equal([new RosterEntry(2, "20301", "minjun", "김민준")], entries);
    }

    [Fact]
    public void Without_a_header_the_columns_are_student_number_login_name()
    {
        var (entries, _) = Read("20301,minjun,김민준\n20302,seoyeon,이서연");
        Assert.Equal(["minjun", "seoyeon"], entries.Select(e => e.Login));
        Assert.Equal([1, 2], entries.Select(e => e.Line));
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_quotes_and_skip_blank_rows()
    {
        var (_, problems) = Read("Student number,Login,Name\n1,a1,\"김\n민준\"\n,,\n\n2,!,이서연\n");
        Assert.Equal([new CsvProblem(6, RosterCsv.LoginColumn, "login.format")], problems);
    }

    [Fact]
    public void Every_problem_of_the_file_comes_back_at_once()
    {
        var (entries, problems) = Read("1,minjun,김민준\n1,minjun,\n,x y,이서연\n");
        Assert.Empty(entries);
        Assert.Equal(
            [
                new CsvProblem(2, RosterCsv.StudentNumberColumn, "roster.duplicate"),
                new CsvProblem(2, RosterCsv.LoginColumn, "roster.duplicate"),
                new CsvProblem(2, RosterCsv.NameColumn, "field.required"),
                new CsvProblem(3, RosterCsv.StudentNumberColumn, "field.required"),
                new CsvProblem(3, RosterCsv.LoginColumn, "login.format"),
            ],
            problems);
    }

    [Fact]
    public void A_header_missing_a_column_is_refused()
    {
        var (_, problems) = Read("학번,이름\n1,김민준\n");
        Assert.Equal([new CsvProblem(1, RosterCsv.LoginColumn, "roster.column_missing")], problems);
    }

    [Theory]
    [InlineData("", "roster.empty")]
    [InlineData("학번,아이디,이름\n", "roster.empty")]
    [InlineData("1,minjun,\"김민준\n", "roster.quote")]
    public void An_empty_or_unreadable_file_is_one_problem(string text, string code)
    {
        var (_, problems) = Read(text);
        Assert.Equal(code, Assert.Single(problems).Code);
    }
}
