using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>Issue 15: the NEIS 수행평가 bulk-entry workbook over HTTP, read back with the Open XML SDK.</summary>
public sealed class NeisWorkbookTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly Classroom classroom = new(api);

    /// <summary>One cell as read back: its sheet, reference, whether it is text (not a number or formula), and its text.</summary>
    private sealed record CellRead(string Sheet, string Reference, bool IsText, string Text);

    private async Task<(GraderClient Teacher, Guid CourseId, string Tag)> CourseAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await classroom.UserAsync("teacher");
        var suiteId = await classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 2반", kind = "credit", credits = 2 });
        var sum = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "두 수의 합", suiteId, dueAt = Classroom.DueAt });
        var loop = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "반복문", suiteId, dueAt = Classroom.DueAt.AddDays(1) });
        var ids = await Classroom.EnrolAsync(teacher, courseId, $"10201,minjun-{tag},김민준\n10203,seoyeon-{tag},이서연\n");
        await classroom.GradedAsync(sum, ids[$"minjun-{tag}"], 9.5m, TimeSpan.FromHours(-1));
        await classroom.GradedAsync(loop, ids[$"minjun-{tag}"], 7, TimeSpan.FromHours(-1));
        await classroom.GradedAsync(sum, ids[$"seoyeon-{tag}"], 4, TimeSpan.FromHours(-1));
        return (teacher, courseId, tag);
    }

    [Fact]
    public async Task Gradebook_as_xlsx_is_the_bulk_entry_layout_in_text_cells()
    {
        var (teacher, courseId, _) = await CourseAsync();

        var (bytes, response) = await DownloadAsync(teacher, courseId);

        Assert.Equal(Xlsx, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("정보 2반 수행평가 일괄입력.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var cells = Read(bytes);
        Assert.All(cells, c => Assert.True(c.IsText, $"{c.Sheet}!{c.Reference}"));
        Assert.Equal(["1. 두 수의 합", "2. 반복문"], cells.Select(c => c.Sheet).Distinct());
        Assert.Equal(
            [
                "A1 과목", "B1 정보 2반", "A2 영역", "B2 두 수의 합", "A3 만점", "B3 10",
                "A4 반", "B4 번호", "C4 성명", "D4 점수",
                "A5 2", "B5 1", "C5 김민준", "D5 9.5",
                "A6 2", "B6 3", "C6 이서연", "D6 4",
            ],
            cells.Where(c => c.Sheet == "1. 두 수의 합").Select(c => $"{c.Reference} {c.Text}"));
        Assert.Equal(["D5 7", "D6 "], cells.Where(c => c.Sheet == "2. 반복문" && c.Reference.StartsWith('D') && c.Reference != "D4")
            .Select(c => $"{c.Reference} {c.Text}"));
    }

    [Fact]
    public async Task Filling_a_teachers_template_changes_only_its_score_cells()
    {
        var (teacher, courseId, _) = await CourseAsync();
        var (downloaded, _) = await DownloadAsync(teacher, courseId);
        // The teacher's template: scores empty, a 비고 column, rows in another order with 번호 written "01", a row
        // for a student not in Grader, and shared strings (as Excel saves) instead of inline ones.
        var template = AsTeachersTemplate(downloaded);
        var before = Read(template);

        using var content = new ByteArrayContent(template);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        var response = await teacher.Http.PostAsync($"/api/courses/{courseId}/neis", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", response.Headers.GetValues("X-Neis-Filled").Single()); // both students on both sheets, not the transfer student
        var after = Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(before.Select(c => (c.Sheet, c.Reference)), after.Select(c => (c.Sheet, c.Reference)));
        var changed = before.Zip(after).Where(p => p.First.Text != p.Second.Text)
            .Select(p => $"{p.Second.Sheet}!{p.Second.Reference} {p.Second.Text}").ToList();
        Assert.Equal(["1. 두 수의 합!D5 4", "1. 두 수의 합!D6 9.5", "2. 반복문!D6 7"], changed);
    }

    [Theory]
    [InlineData("no-area")]
    [InlineData("unknown-area")]
    [InlineData("not-xlsx")]
    public async Task A_template_whose_layout_is_not_recognised_is_refused_with_422(string broken)
    {
        var (teacher, courseId, _) = await CourseAsync();
        var (downloaded, _) = await DownloadAsync(teacher, courseId);
        var template = broken switch
        {
            "no-area" => Edit(downloaded, (sheet, _) => sheet.Elements<Row>().ElementAt(1).Remove()),
            "unknown-area" => Edit(downloaded, (sheet, _) => SetText(sheet.Elements<Row>().ElementAt(1).Elements<Cell>().ElementAt(1), "없는 과제")),
            _ => "이름,점수\n김민준,10\n"u8.ToArray(),
        };

        using var content = new ByteArrayContent(template);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        var response = await teacher.Http.PostAsync($"/api/courses/{courseId}/neis", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"file\"", await response.Content.ReadAsStringAsync());
    }

    private static async Task<(byte[] Bytes, HttpResponseMessage Response)> DownloadAsync(GraderClient teacher, Guid courseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/courses/{courseId}/gradebook");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Xlsx));
        var response = await teacher.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>Every cell of every sheet in order, its text resolved from inline or shared strings.</summary>
    private static List<CellRead> Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return workbook.Workbook.Sheets!.Elements<Sheet>().SelectMany(sheet =>
            ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().Select(cell => new CellRead(
                sheet.Name!,
                cell.CellReference!,
                cell.DataType?.Value == CellValues.InlineString || cell.DataType?.Value == CellValues.SharedString,
                cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text)]
                    : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? ""))).ToList();
    }

    private static byte[] AsTeachersTemplate(byte[] downloaded) => Edit(downloaded, (sheet, shared) =>
    {
        var rows = sheet.Elements<Row>().ToList();
        foreach (var cell in rows.SelectMany(r => r.Elements<Cell>()))
            Share(cell, shared, cell.InlineString!.InnerText);
        rows[3].Append(SharedCell("E4", shared, "비고"));
        foreach (var row in rows.Skip(4))
        {
            Share(row.Elements<Cell>().ElementAt(3), shared, "");
            row.Append(SharedCell($"E{row.RowIndex}", shared, "확인"));
        }
        // 김민준 (2반 1번) and 이서연 (2반 3번) swap rows, 번호 written with a leading zero, and a transfer student follows.
        var (first, second) = (rows[4].Elements<Cell>().ToList(), rows[5].Elements<Cell>().ToList());
        Share(first[1], shared, "03"); Share(first[2], shared, "이서연");
        Share(second[1], shared, "01"); Share(second[2], shared, "김민준");
        sheet.Append(new Row(SharedCell("A7", shared, "2"), SharedCell("B7", shared, "9"), SharedCell("C7", shared, "전학생"),
            SharedCell("D7", shared, "8"), SharedCell("E7", shared, "전입")) { RowIndex = 7 });
    });

    /// <summary>Edits every sheet of an xlsx; the callback gets the sheet data and the workbook's shared strings.</summary>
    private static byte[] Edit(byte[] xlsx, Action<SheetData, SharedStringTable> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var shared = (workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>()).SharedStringTable ??= new SharedStringTable();
            foreach (var part in workbook.WorksheetParts) edit(part.Worksheet.GetFirstChild<SheetData>()!, shared);
        }
        return stream.ToArray();
    }

    private static void Share(Cell cell, SharedStringTable shared, string text)
    {
        shared.Append(new SharedStringItem(new Text(text)));
        cell.InlineString = null;
        cell.DataType = CellValues.SharedString;
        cell.CellValue = new CellValue((shared.Elements<SharedStringItem>().Count() - 1).ToString());
    }

    private static Cell SharedCell(string reference, SharedStringTable shared, string text)
    {
        var cell = new Cell { CellReference = reference };
        Share(cell, shared, text);
        return cell;
    }

    private static void SetText(Cell cell, string text) => cell.InlineString = new InlineString(new Text(text));
}
