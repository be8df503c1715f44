using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Grader.Api.Tests.Pages;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>Issue 15: the NEIS 수행평가 bulk-entry workbook over HTTP, read back with the Open XML SDK that writes it.</summary>
public sealed class NeisWorkbookTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly Classroom _classroom = new(api);

    /// <summary>One cell as read back: its sheet, reference, whether it is text (not a number or formula), and its text.</summary>
    private sealed record CellRead(string Sheet, string Reference, bool IsText, string Text, uint Style);

    private async Task<(GraderClient Teacher, Guid CourseId, string Tag)> CourseAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 2반", kind = "credit", credits = 2 });
        var sum = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "두 수의 합", suiteId, dueAt = Classroom.DueAt });
        var loop = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "반복문", suiteId, dueAt = Classroom.DueAt.AddDays(1) });
        var ids = await Classroom.EnrolAsync(teacher, courseId, $"10201,minjun-{tag},김민준\n10203,seoyeon-{tag},이서연\n");
        await _classroom.GradedAsync(sum, ids[$"minjun-{tag}"], 9.5m, TimeSpan.FromHours(-1));
        await _classroom.GradedAsync(loop, ids[$"minjun-{tag}"], 7, TimeSpan.FromHours(-1));
        await _classroom.GradedAsync(sum, ids[$"seoyeon-{tag}"], 4, TimeSpan.FromHours(-1));
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
        // for a student not in Grader, shared strings (as Excel saves) instead of inline ones, column widths, a
        // merged title, a style on the 점수 cells and a styles part.
        var template = AsTeachersTemplate(downloaded);
        var before = Read(template);

        var response = await PostTemplateAsync(teacher, courseId, template);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", response.Headers.GetValues("X-Neis-Filled").Single()); // both students on both sheets, not the transfer student
        var filled = await response.Content.ReadAsByteArrayAsync();
        var after = Read(filled);

        Assert.Equal(before.Select(c => (c.Sheet, c.Reference)), after.Select(c => (c.Sheet, c.Reference)));
        var changed = before.Zip(after).Where(p => p.First.Text != p.Second.Text)
            .Select(p => $"{p.Second.Sheet}!{p.Second.Reference} {p.Second.Text}").ToList();
        Assert.Equal(["1. 두 수의 합!D5 4", "1. 두 수의 합!D6 9.5", "2. 반복문!D6 7"], changed);

        // Every part of the package is as it was, byte for byte, except the two worksheets; and those, with the
        // 점수 cells of the student rows emptied (reference and style kept), are the same XML as before.
        var (partsBefore, partsAfter) = (Parts(template), Parts(filled));
        Assert.Equal(partsBefore.Keys.Order(), partsAfter.Keys.Order());
        var worksheets = partsBefore.Keys.Where(k => k.StartsWith("/xl/worksheets/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, worksheets.Count);
        foreach (var (uri, bytes) in partsBefore.Where(p => !worksheets.Contains(p.Key)))
            Assert.True(bytes.SequenceEqual(partsAfter[uri]), $"{uri} changed");
        foreach (var uri in worksheets)
        {
            var (was, now) = (WithoutScores(partsBefore[uri]), WithoutScores(partsAfter[uri]));
            Assert.True(XNode.DeepEquals(was, now), $"{uri}:\n{was}\n{now}");
        }
        Assert.All(after.Where(c => c.Reference is "D5" or "D6"), c => Assert.Equal(1u, c.Style));
    }

    [Fact]
    public async Task Assignments_sharing_an_area_are_one_NEIS_area_with_summed_full_marks_and_a_weighted_score()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 1반", kind = "credit", credits = 2 });
        var variables = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "변수", suiteId, dueAt = Classroom.DueAt, area = "프로그래밍" });
        var loops = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "반복문", suiteId, dueAt = Classroom.DueAt.AddDays(1), weight = 3 });
        var talk = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "발표", suiteId, dueAt = Classroom.DueAt.AddDays(2) });
        var ids = await Classroom.EnrolAsync(teacher, courseId, $"10101,minjun-{tag},김민준\n10102,seoyeon-{tag},이서연\n");
        await _classroom.GradedAsync(variables, ids[$"minjun-{tag}"], 10, TimeSpan.FromHours(-1));
        await _classroom.GradedAsync(loops, ids[$"minjun-{tag}"], 4, TimeSpan.FromHours(-1));
        await _classroom.GradedAsync(talk, ids[$"minjun-{tag}"], 7, TimeSpan.FromHours(-1));
        await _classroom.GradedAsync(variables, ids[$"seoyeon-{tag}"], 5, TimeSpan.FromHours(-1));

        // 반복문 joins 변수's area (the name trimmed); 발표 stays an area of its own, named by its title.
        var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/assignments/areas",
            new { assignments = new[] { new { assignmentId = loops, area = " 프로그래밍 " } } });
        Assert.True(HttpStatusCode.OK == status, body?.ToJsonString());
        Assert.Equal(["변수 프로그래밍", "반복문 프로그래밍", "발표 -"],
            body!.AsArray().Select(a => $"{a!["title"]} {a["area"]?.GetValue<string>() ?? "-"}"));
        var gradebook = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");
        Assert.Equal("프로그래밍", gradebook["assignments"]![1]!["area"]!.GetValue<string>());

        var (downloaded, _) = await DownloadAsync(teacher, courseId);
        var cells = Read(downloaded);
        // By hand: 프로그래밍's 만점 is 10 + 10; 김민준's rate over it (1 × 10/10 + 3 × 4/10) / 4 = 55 %, 11 of 20;
        // 이서연's (1 × 5/10) / 4 = 12.5 %, 2.5 of 20. 발표: 7 of 10, and nothing from 이서연.
        Assert.Equal(
            [
                "1. 프로그래밍!B2 프로그래밍", "1. 프로그래밍!B3 20", "1. 프로그래밍!D5 11", "1. 프로그래밍!D6 2.5",
                "2. 발표!B2 발표", "2. 발표!B3 10", "2. 발표!D5 7", "2. 발표!D6 ",
            ],
            cells.Where(c => c.Reference is "B2" or "B3" or "D5" or "D6").Select(c => $"{c.Sheet}!{c.Reference} {c.Text}"));

        // A template naming the areas is filled with the same scores.
        var template = Edit(downloaded, (sheet, _) =>
        {
            foreach (var row in sheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(4)) SetText(row.Elements<Cell>().ElementAt(3), "");
        });
        var response = await PostTemplateAsync(teacher, courseId, template);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["11", "2.5", "7", ""], Read(await response.Content.ReadAsByteArrayAsync())
            .Where(c => c.Reference is "D5" or "D6").Select(c => c.Text));
    }

    [Fact]
    public async Task Areas_are_checked_and_a_refused_request_stores_none()
    {
        var (teacher, courseId, _) = await CourseAsync();
        var (otherTeacher, otherCourse, _) = await CourseAsync();
        var mine = (await teacher.GetOkAsync($"/api/courses/{courseId}/assignments")).AsArray().Select(a => a!["id"]!.GetValue<Guid>()).ToList();
        var theirs = (await otherTeacher.GetOkAsync($"/api/courses/{otherCourse}/assignments"))[0]!["id"]!.GetValue<Guid>();

        foreach (var (request, field) in new (object, string)[]
                 {
                     (new { assignments = new object[] { new { assignmentId = mine[0], area = "영역" }, new { assignmentId = theirs, area = "영역" } } }, "assignments[1].assignmentId"),
                     (new { assignments = new object[] { new { assignmentId = mine[0], area = "영역" }, new { assignmentId = mine[1], area = new string('가', 51) } } }, "assignments[1].area"),
                     (new { assignments = new object[] { new { assignmentId = mine[0], area = "영역" }, new { assignmentId = mine[0], area = "둘" } } }, "assignments[1].assignmentId"),
                     (new { }, "assignments"),
                 })
        {
            var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/assignments/areas", request);
            Assert.True(HttpStatusCode.UnprocessableEntity == status, body?.ToJsonString());
            Assert.NotNull(body!["errors"]![field]);
        }
        Assert.All((await teacher.GetOkAsync($"/api/courses/{courseId}/assignments")).AsArray(), a => Assert.Null(a!["area"]));
        // Someone else's course is not found, and its assignments keep their areas.
        var (stranger, _, _) = await otherTeacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/assignments/areas",
            new { assignments = new[] { new { assignmentId = mine[0], area = "남의 영역" } } });
        Assert.Equal(HttpStatusCode.NotFound, stranger);
        Assert.Null((await teacher.GetOkAsync($"/api/assignments/{mine[0]}"))["area"]);
    }

    [Fact]
    public async Task The_teachers_course_page_names_the_areas()
    {
        var login = $"t-{Guid.NewGuid():N}"[..12];
        var created = await api.Admin.PostOkAsync("/api/users", new { login, name = "김선생", role = "teacher", password = "teach-2026!" });
        var teacher = api.Admin.As(created["token"]!.GetValue<string>());
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit", credits = 2 });
        var first = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "변수", suiteId, dueAt = Classroom.DueAt });
        var second = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "반복문", suiteId, dueAt = Classroom.DueAt.AddDays(1) });
        using var browser = PageForms.Browser(api);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, login, "teach-2026!")).StatusCode);
        var page = $"/teacher/courses/{courseId}";

        var token = await PageForms.TokenAsync(browser, page);
        var saved = await PageForms.PostAsync(browser, $"{page}?handler=areas", token, ($"area[{first}]", "프로그래밍"), ($"area[{second}]", "프로그래밍"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["프로그래밍", "프로그래밍"],
            (await teacher.GetOkAsync($"/api/courses/{courseId}/assignments")).AsArray().Select(a => a!["area"]!.GetValue<string>()));
        Assert.Contains($"name=\"area[{first}]\" value=\"프로그래밍\"", await browser.GetStringAsync(page));

        var refused = await PageForms.PostAsync(browser, $"{page}?handler=areas", token, ($"area[{first}]", new string('가', 51)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("너무 깁니다", await refused.Content.ReadAsStringAsync());
        Assert.Equal("프로그래밍", (await teacher.GetOkAsync($"/api/assignments/{first}"))["area"]!.GetValue<string>());
    }

    /// <summary>
    /// Templates a hostile or careless teacher may send, each refused with 422 on <c>file</c> and a second line
    /// naming the problem, before the server spends more than the caps on it.
    /// </summary>
    [Theory]
    [InlineData("no-area", "no 영역 row")]
    [InlineData("unknown-area", "\"없는 과제\" is no area")]
    [InlineData("not-xlsx", "not an .xlsx file")]
    [InlineData("truncated", "not an .xlsx file")]
    [InlineData("zip-bomb", "unpacks to more than 32 MB")]
    [InlineData("huge-part", "MaxCharactersInDocument")]
    [InlineData("many-rows", "more than 1000 rows")]
    [InlineData("many-cells", "more than 100 cells in row 5")]
    [InlineData("formula", "D5 is a formula")]
    [InlineData("shared-string-index", "names shared string 9999")]
    [InlineData("bad-reference", "cell \"D99999999999\" is not in row 5")]
    [InlineData("macro-enabled", "MacroEnabledWorkbook")]
    [InlineData("word", "")]
    public async Task A_template_it_cannot_read_safely_is_refused_with_422(string broken, string reason)
    {
        var (teacher, courseId, _) = await CourseAsync();
        var (downloaded, _) = await DownloadAsync(teacher, courseId);
        static Row StudentRow(Worksheet sheet) => sheet.GetFirstChild<SheetData>()!.Elements<Row>().ElementAt(4);
        var template = broken switch
        {
            "no-area" => Edit(downloaded, (sheet, _) => sheet.GetFirstChild<SheetData>()!.Elements<Row>().ElementAt(1).Remove()),
            "unknown-area" => Edit(downloaded, (sheet, _) => SetText(sheet.GetFirstChild<SheetData>()!.Elements<Row>().ElementAt(1).Elements<Cell>().ElementAt(1), "없는 과제")),
            "not-xlsx" => "이름,점수\n김민준,10\n"u8.ToArray(),
            "truncated" => downloaded[..(downloaded.Length / 2)],
            // 40 MB of zeros deflate to about 40 KB: a small upload that would unpack past the cap.
            "zip-bomb" => WithEntry(downloaded, "xl/media/padding.bin", new byte[40 * 1024 * 1024]),
            // 5 million characters in one cell: the part declares 15 MB, under the unpacked cap, over the per-part one.
            "huge-part" => Edit(downloaded, (sheet, _) => SetText(StudentRow(sheet).Elements<Cell>().ElementAt(2), new string('가', 5_000_000))),
            "many-rows" => Edit(downloaded, (sheet, _) =>
            {
                var data = sheet.GetFirstChild<SheetData>()!;
                for (var r = 7u; r <= 1007; r++) data.Append(new Row(new Cell { CellReference = $"A{r}", CellValue = new CellValue("2") }) { RowIndex = r });
            }),
            "many-cells" => Edit(downloaded, (sheet, _) =>
            {
                for (var c = 0; c < 100; c++) StudentRow(sheet).Append(new Cell { CellReference = $"{(char)('E' + c / 26 % 20)}{(char)('A' + c % 26)}5" });
            }),
            "formula" => Edit(downloaded, (sheet, _) =>
            {
                var score = StudentRow(sheet).Elements<Cell>().ElementAt(3);
                score.InlineString = null;
                score.DataType = null;
                score.CellFormula = new CellFormula("WEBSERVICE(\"http://example.invalid/\")");
            }),
            "shared-string-index" => Edit(downloaded, (sheet, _) =>
            {
                var name = StudentRow(sheet).Elements<Cell>().ElementAt(2);
                name.InlineString = null;
                name.DataType = CellValues.SharedString;
                name.CellValue = new CellValue("9999");
            }),
            "bad-reference" => Edit(downloaded, (sheet, _) => StudentRow(sheet).Elements<Cell>().ElementAt(3).CellReference = "D99999999999"),
            "macro-enabled" => MacroEnabled(downloaded),
            _ => WordDocument(),
        };

        var response = await PostTemplateAsync(teacher, courseId, template);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.UnprocessableEntity == response.StatusCode, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var lines = System.Text.Json.Nodes.JsonNode.Parse(text)!["errors"]!["file"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.StartsWith("나이스 수행평가 일괄입력 양식으로 읽을 수 없습니다", lines[0]);
        Assert.True(lines.Count == 2 && lines[1].Contains(reason, StringComparison.Ordinal), string.Join(" | ", lines));
    }

    [Fact]
    public async Task A_template_past_the_upload_limit_is_refused_with_413()
    {
        var (teacher, courseId, _) = await CourseAsync();
        var response = await PostTemplateAsync(teacher, courseId, new byte[10 * 1024 * 1024 + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostTemplateAsync(GraderClient teacher, Guid courseId, byte[] template)
    {
        using var content = new ByteArrayContent(template);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return await teacher.Http.PostAsync($"/api/courses/{courseId}/neis", content);
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
                    : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "",
                cell.StyleIndex?.Value ?? 0))).ToList();
    }

    /// <summary>Every part of the package by its URI, with its bytes.</summary>
    private static Dictionary<string, byte[]> Parts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        return document.GetAllParts().ToDictionary(p => p.Uri.OriginalString, p =>
        {
            using var stream = p.GetStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>A worksheet's XML with the content of the student rows' 점수 cells (column D below the header) left out.</summary>
    private static XDocument WithoutScores(byte[] worksheet)
    {
        var xml = XDocument.Load(new MemoryStream(worksheet));
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        foreach (var cell in xml.Descendants(main + "c").Where(c => System.Text.RegularExpressions.Regex.IsMatch((string)c.Attribute("r")!, "^D([5-9]|[1-9][0-9]+)$")))
        {
            cell.RemoveNodes();
            cell.Attribute("t")?.Remove();
        }
        return xml;
    }

    private static byte[] AsTeachersTemplate(byte[] downloaded) => Edit(downloaded, (sheet, shared) =>
    {
        var rows = sheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        foreach (var cell in rows.SelectMany(r => r.Elements<Cell>()))
            Share(cell, shared, cell.InlineString!.InnerText);
        rows[3].Append(SharedCell("E4", shared, "비고"));
        foreach (var row in rows.Skip(4))
        {
            var score = row.Elements<Cell>().ElementAt(3);
            Share(score, shared, "");
            score.StyleIndex = 1;
            row.Append(SharedCell($"E{row.RowIndex}", shared, "확인"));
        }
        // 김민준 (2반 1번) and 이서연 (2반 3번) swap rows, 번호 written with a leading zero, and a transfer student follows.
        var (first, second) = (rows[4].Elements<Cell>().ToList(), rows[5].Elements<Cell>().ToList());
        Share(first[1], shared, "03"); Share(first[2], shared, "이서연");
        Share(second[1], shared, "01"); Share(second[2], shared, "김민준");
        sheet.GetFirstChild<SheetData>()!.Append(new Row(SharedCell("A7", shared, "2"), SharedCell("B7", shared, "9"), SharedCell("C7", shared, "전학생"),
            SharedCell("D7", shared, "8"), SharedCell("E7", shared, "전입")) { RowIndex = 7 });
        sheet.InsertBefore(new Columns(new Column { Min = 3, Max = 3, Width = 14, CustomWidth = true }), sheet.GetFirstChild<SheetData>());
        sheet.InsertAfter(new MergeCells(new MergeCell { Reference = "B1:D1" }) { Count = 1 }, sheet.GetFirstChild<SheetData>());
    }, workbook =>
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true }) { Count = 2 });
    });

    /// <summary>Edits every sheet of an xlsx; the callback gets the worksheet and the workbook's shared strings.</summary>
    private static byte[] Edit(byte[] xlsx, Action<Worksheet, SharedStringTable> edit, Action<WorkbookPart>? workbookEdit = null)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var shared = (workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>()).SharedStringTable ??= new SharedStringTable();
            foreach (var part in workbook.WorksheetParts) edit(part.Worksheet, shared);
            workbookEdit?.Invoke(workbook);
        }
        return stream.ToArray();
    }

    /// <summary>The xlsx with one more zip entry, written by the same zip library Excel files are read with.</summary>
    private static byte[] WithEntry(byte[] xlsx, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }
        return stream.ToArray();
    }

    private static byte[] MacroEnabled(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
            document.ChangeDocumentType(DocumentFormat.OpenXml.SpreadsheetDocumentType.MacroEnabledWorkbook);
        return stream.ToArray();
    }

    private static byte[] WordDocument()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
            document.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
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
