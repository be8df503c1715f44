using System.Text;
using Grader.Core.Gradebook;
using Grader.Core.Csv;
using static Grader.Core.Tests.Gradebook.GradebookBuilders;

namespace Grader.Core.Tests.Gradebook;

public class GradebookCsvTests
{
    private static readonly GradebookAssignment s_sum = Assignment(title: "두 수의 합");
    private static readonly GradebookAssignment s_loop = Assignment(title: "반복문, \"별\" 찍기");

    private static byte[] Export(GradebookCsvLabels labels, params GradebookStudent[] students) =>
        GradebookCsv.Write(GradebookCalculator.Compute(Course(CourseKind.Credit, s_sum, s_loop), students), labels);

    [Fact]
    public void Starts_with_the_UTF8_byte_order_mark_so_Excel_reads_Korean()
    {
        var bytes = Export(GradebookCsvLabels.Korean, Student());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Fact]
    public void Round_trips_Korean_names_commas_quotes_and_line_breaks()
    {
        var minjun = Student("김민준", "minjun", narrativeNote: "조건문을 잘 씀.\n반복문 보충 필요", submissions: [Submission(s_sum, 80)]);
        var quoted = Student("Kim, \"MJ\"", "kim.mj", submissions: [Submission(s_sum, 100), Submission(s_loop, 90)]);

        var records = ReadCsv(Export(GradebookCsvLabels.Korean, minjun, quoted));

        Assert.Equal(
            ["이름", "아이디", "두 수의 합", "반복문, \"별\" 찍기", "성취율(%)", "성취도", "출석 일수", "수업 일수", "학점 취득", "상태", "최소 성취수준 미도달", "서술형 평가"],
            records[0]);
        Assert.Equal(["김민준", "minjun", "80", "", "40", "E", "15", "15", "예", "이수", "", "조건문을 잘 씀.\n반복문 보충 필요"], records[1]);
        Assert.Equal(["Kim, \"MJ\"", "kim.mj", "100", "90", "95", "A", "15", "15", "예", "이수", "", ""], records[2]);
        Assert.Equal(3, records.Count);
    }

    [Fact]
    public void Ends_every_record_with_CRLF()
    {
        var text = Encoding.UTF8.GetString(Export(GradebookCsvLabels.English, Student())[3..]);
        Assert.EndsWith("\r\n", text);
        Assert.Equal(2, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Writes_the_English_labels_when_asked()
    {
        var records = ReadCsv(Export(GradebookCsvLabels.English, Student(sessionsAttended: 3)));
        Assert.Equal("Name", records[0][0]);
        Assert.Equal(["No", "Attendance short (extra learning)"], records[1][^4..^2]);
    }

    [Fact]
    public void Defuses_a_name_Excel_would_run_as_a_formula()
    {
        var records = ReadCsv(Export(GradebookCsvLabels.Korean, Student("=HYPERLINK(\"http://x\")", "-1")));
        Assert.Equal("'=HYPERLINK(\"http://x\")", records[1][0]);
        Assert.Equal("'-1", records[1][1]);
    }

    [Fact]
    public void Both_label_sets_name_every_status()
    {
        foreach (var labels in new[] { GradebookCsvLabels.Korean, GradebookCsvLabels.English })
            Assert.All(Enum.GetValues<GradebookStatus>(), status => Assert.False(string.IsNullOrEmpty(labels.Statuses[status])));
    }

    /// <summary>The uploads' RFC 4180 reader, which shares nothing with the writer, so the test does not trust its quoting.</summary>
    private static List<string[]> ReadCsv(byte[] utf8WithBom)
    {
        var (records, unclosedQuoteLine) = CsvRecords.Read(new UTF8Encoding(false).GetString(utf8WithBom.AsSpan(3)));
        Assert.Null(unclosedQuoteLine);
        return records.Select(r => r.Fields.ToArray()).ToList();
    }
}
