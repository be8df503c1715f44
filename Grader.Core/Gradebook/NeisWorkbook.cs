using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Grader.Core.Gradebook;

/// <summary>Why a teacher's NEIS template could not be filled: it is no xlsx, or its layout is not the bulk-entry one.</summary>
public sealed class NeisLayoutException(string message) : Exception(message);

/// <summary>
/// The NEIS 수행평가 bulk-entry workbook (나이스 일괄입력 양식), one sheet per area (평가영역, one per assignment):
/// a 과목 row, a 영역 row with the assignment's title, a 만점 row with its maximum, then a header 반·번호·성명·점수 and
/// a 점수 row per student. Every cell is text, as NEIS reads it. Written and read with the Open XML SDK.
/// </summary>
public static class NeisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Subject = "과목", Area = "영역", FullMarks = "만점", Class = "반", Number = "번호", Name = "성명", Score = "점수";

    /// <summary>반 and 번호 from a roster student number: 5 digits are grade, class and number (10203 is 2반 3번).</summary>
    public static (string Class, string Number) ClassAndNumber(string? studentNumber) =>
        studentNumber is { Length: 5 } n && n.All(char.IsAsciiDigit)
            ? (int.Parse(n[1..3], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
               int.Parse(n[3..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
            : ("", studentNumber ?? "");

    public static byte[] Write(string courseName, Gradebook gradebook)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < gradebook.Assignments.Count; i++)
            {
                var column = gradebook.Assignments[i];
                var rows = new List<string[]>
                {
                    new[] { Subject, courseName },
                    new[] { Area, column.Title },
                    new[] { FullMarks, Text(column.MaxScore) },
                    new[] { Class, Number, Name, Score },
                };
                rows.AddRange(gradebook.Rows.Select(r =>
                {
                    var (cls, number) = ClassAndNumber(r.StudentNumber);
                    return new[] { cls, number, r.Name, r.Scores[i].Score is { } s ? Text(s) : "" };
                }));
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData(rows.Select((cells, r) =>
                    new Row(cells.Select((value, c) => TextCell(Reference(c, r + 1), value))) { RowIndex = (uint)(r + 1) })));
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = SheetName(i, column.Title) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Fills the 점수 cells of a teacher's own template: each sheet's 영역 names an assignment by title, and each student
    /// row is matched by 번호 (and 반 when both have one) then 성명. Nothing else in the file changes; rows that match no
    /// student keep their 점수. Returns the file and how many 점수 cells were written.
    /// </summary>
    /// <exception cref="NeisLayoutException">Not an xlsx, or no sheet with the 영역 row and the 번호·성명·점수 header.</exception>
    public static (byte[] File, int Filled) Fill(byte[] template, Gradebook gradebook)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        var filled = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(stream, isEditable: true);
            var workbook = document.WorkbookPart ?? throw new NeisLayoutException("no workbook");
            var strings = workbook.SharedStringTablePart?.SharedStringTable;
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            foreach (var sheet in sheets)
            {
                var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()
                    ?? throw new NeisLayoutException($"{sheet.Name}: no cells");
                var rows = data.Elements<Row>().ToList();
                var areaRow = rows.FirstOrDefault(r => CellText(r, 0, strings) == Area)
                    ?? throw new NeisLayoutException($"{sheet.Name}: no {Area} row");
                var title = CellText(areaRow, 1, strings);
                var column = gradebook.Assignments.Select((a, i) => (a.Title, Index: i)).FirstOrDefault(a => a.Title == title);
                if (column.Title is null) throw new NeisLayoutException($"{sheet.Name}: {Area} \"{title}\" is no assignment of the course");
                var header = rows.FirstOrDefault(r => Columns(r, strings).ContainsKey(Number))
                    ?? throw new NeisLayoutException($"{sheet.Name}: no {Number} header");
                var columns = Columns(header, strings);
                if (!columns.TryGetValue(Name, out var nameColumn) || !columns.TryGetValue(Score, out var scoreColumn))
                    throw new NeisLayoutException($"{sheet.Name}: the header needs {Number}, {Name} and {Score}");
                var classColumn = columns.TryGetValue(Class, out var c) ? c : (int?)null;
                foreach (var row in rows.SkipWhile(r => r != header).Skip(1))
                {
                    var number = CellText(row, columns[Number], strings).Trim();
                    var name = CellText(row, nameColumn, strings).Trim();
                    var cls = classColumn is { } cc ? CellText(row, cc, strings).Trim() : "";
                    if (Match(gradebook, number, cls, name) is not { } student) continue;
                    SetText(row, scoreColumn, student.Scores[column.Index].Score is { } s ? Text(s) : "");
                    filled++;
                }
            }
            if (sheets.Count == 0) throw new NeisLayoutException("no sheet");
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or InvalidOperationException)
        {
            throw new NeisLayoutException(e.Message);
        }
        return (stream.ToArray(), filled);
    }

    /// <summary>By 번호 (with 반 when both sides have one) and 성명; else by 성명 alone when it is unique in the course.</summary>
    private static GradebookRow? Match(Gradebook gradebook, string number, string cls, string name)
    {
        if (name.Length == 0) return null;
        var byNumber = gradebook.Rows.Where(r =>
        {
            var (rowClass, rowNumber) = ClassAndNumber(r.StudentNumber);
            return number.Length > 0 && Normal(rowNumber) == Normal(number) && (cls.Length == 0 || rowClass.Length == 0 || Normal(rowClass) == Normal(cls));
        }).ToList();
        if (byNumber.Count > 0) return byNumber.SingleOrDefault(r => r.Name == name);
        var byName = gradebook.Rows.Where(r => r.Name == name).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    /// <summary>"03" and "3" are the same 번호.</summary>
    private static string Normal(string number) => number.TrimStart('0') is { Length: > 0 } n ? n : number;

    private static Dictionary<string, int> Columns(Row header, SharedStringTable? strings)
    {
        var columns = new Dictionary<string, int>();
        foreach (var cell in header.Elements<Cell>())
            columns.TryAdd(Text(cell, strings).Trim(), ColumnIndex(cell.CellReference!));
        return columns;
    }

    private static string CellText(Row row, int column, SharedStringTable? strings) =>
        row.Elements<Cell>().FirstOrDefault(c => ColumnIndex(c.CellReference!) == column) is { } cell ? Text(cell, strings) : "";

    private static string Text(Cell cell, SharedStringTable? strings)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString && strings is not null && int.TryParse(value, out var i)
            ? strings.Elements<SharedStringItem>().ElementAt(i).InnerText
            : value;
    }

    /// <summary>Writes a text cell in place (its style kept), or inserts one in column order.</summary>
    private static void SetText(Row row, int column, string value)
    {
        var reference = Reference(column, (int)row.RowIndex!.Value);
        var existing = row.Elements<Cell>().FirstOrDefault(c => ColumnIndex(c.CellReference!) == column);
        var cell = TextCell(reference, value);
        if (existing is not null)
        {
            cell.StyleIndex = existing.StyleIndex;
            row.ReplaceChild(cell, existing);
            return;
        }
        var after = row.Elements<Cell>().FirstOrDefault(c => ColumnIndex(c.CellReference!) > column);
        if (after is null) row.Append(cell);
        else row.InsertBefore(cell, after);
    }

    private static Cell TextCell(string reference, string value) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter)) index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return index - 1;
    }

    private static string Reference(int column, int row)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :, unique (numbered).</summary>
    private static string SheetName(int index, string title)
    {
        var safe = string.Concat(title.Select(ch => "\\/?*[]:".Contains(ch) ? '_' : ch));
        var name = $"{index + 1}. {safe}";
        return name.Length <= 31 ? name : name[..31];
    }
}
