using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Grader.Core.Gradebook;

/// <summary>Why a teacher's NEIS template could not be filled: it is no xlsx, or its layout is not the bulk-entry one.</summary>
public sealed class NeisLayoutException(string message) : Exception(message);

/// <summary>
/// One NEIS 평가영역: the weighted assignments sharing an area name, in gradebook column order.
/// </summary>
/// <param name="FullMarks">만점: the sum of the assignments' maxima.</param>
/// <param name="Columns">The assignments' indexes among the gradebook's columns.</param>
public sealed record NeisArea(string Name, decimal FullMarks, IReadOnlyList<int> Columns)
{
    /// <summary>
    /// 점수: 만점 × the student's weighted rate over the area's assignments (Σ weight × score / max ÷ Σ weight, as the
    /// achievement rate), rounded half up to 2 decimals, so it never passes 만점 and is the plain sum of the scores when
    /// the assignments have equal weights and maxima. Null when the student handed in none of them.
    /// </summary>
    public decimal? Score(Gradebook gradebook, GradebookRow row)
    {
        if (Columns.All(i => row.Scores[i].Score is null)) return null;
        var earned = ExactRational.Zero;
        var weight = ExactRational.Zero;
        foreach (var i in Columns)
        {
            var column = gradebook.Assignments[i];
            earned += (ExactRational)column.Weight * (row.Scores[i].Score ?? 0m) / column.MaxScore;
            weight += column.Weight;
        }
        return (earned * FullMarks / weight).RoundHalfUp(2);
    }
}

/// <summary>
/// The NEIS 수행평가 bulk-entry workbook (나이스 일괄입력 양식), one sheet per area (평가영역): a 과목 row, a 영역 row with
/// the area's name, a 만점 row, then a header 반·번호·성명·점수 and a 점수 row per student. Every cell is text, as NEIS
/// reads it. Written and read with the Open XML SDK.
/// </summary>
public static class NeisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Caps on a template, far above a class's (about 40 rows, a few sheets), so a hostile file costs little.</summary>
    public const int MaxSheets = 50, MaxRowsPerSheet = 1000, MaxCellsPerRow = 100, MaxEntries = 200;

    /// <summary>What the template may unpack to, as its zip declares; an XML part is also cut off past
    /// <see cref="MaxCharactersInPart"/> while it is read, in case the declaration lies.</summary>
    public const long MaxUnpackedBytes = 32 * 1024 * 1024, MaxCharactersInPart = 2 * 1024 * 1024;

    private const string Subject = "과목", Area = "영역", FullMarks = "만점", Class = "반", Number = "번호", Name = "성명", Score = "점수";

    /// <summary>반 and 번호 from a roster student number: 5 digits are grade, class and number (10203 is 2반 3번).</summary>
    public static (string Class, string Number) ClassAndNumber(string? studentNumber) =>
        studentNumber is { Length: 5 } n && n.All(char.IsAsciiDigit)
            ? (int.Parse(n[1..3], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
               int.Parse(n[3..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
            : ("", studentNumber ?? "");

    /// <summary>
    /// The course's areas: weighted assignments grouped by <see cref="GradebookColumn.AreaName"/>, in the order their
    /// first assignment appears. Practice assignments (weight 0) are no 수행평가 and are left out.
    /// </summary>
    public static IReadOnlyList<NeisArea> Areas(Gradebook gradebook) =>
        gradebook.Assignments.Select((column, index) => (column, index))
            .Where(c => c.column.IsWeighted)
            .GroupBy(c => c.column.AreaName, StringComparer.Ordinal)
            .Select(g => new NeisArea(g.Key, g.Sum(c => c.column.MaxScore), g.Select(c => c.index).ToList()))
            .ToList();

    public static byte[] Write(string courseName, Gradebook gradebook)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var areas = Areas(gradebook);
            for (var i = 0; i < areas.Count; i++)
            {
                var area = areas[i];
                var rows = new List<string[]>
                {
                    new[] { Subject, courseName },
                    new[] { Area, area.Name },
                    new[] { FullMarks, Text(area.FullMarks) },
                    new[] { Class, Number, Name, Score },
                };
                rows.AddRange(gradebook.Rows.Select(r =>
                {
                    var (cls, number) = ClassAndNumber(r.StudentNumber);
                    return new[] { cls, number, r.Name, area.Score(gradebook, r) is { } s ? Text(s) : "" };
                }));
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData(rows.Select((cells, r) =>
                    new Row(cells.Select((value, c) => TextCell(Reference(c, r + 1), value))) { RowIndex = (uint)(r + 1) })));
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = SheetName(i, area.Name) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Fills the 점수 cells of a teacher's own template: each worksheet's 영역 names an area (see <see cref="Areas"/>), and
    /// each student row is matched by 번호 (and 반 when both have one) then 성명. Nothing else in the file changes: only
    /// the worksheets written to are saved again, and rows that match no student keep their 점수. Returns the file and
    /// how many 점수 cells were written.
    /// </summary>
    /// <exception cref="NeisLayoutException">Not an xlsx, past a cap, a formula, or a sheet without the 영역 row and
    /// the 번호·성명·점수 header.</exception>
    public static (byte[] File, int Filled) Fill(byte[] template, Gradebook gradebook)
    {
        CheckPackage(template);
        var areas = Areas(gradebook);
        using var stream = new MemoryStream();
        stream.Write(template);
        var filled = 0;
        try
        {
            var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = MaxCharactersInPart };
            using var document = SpreadsheetDocument.Open(stream, isEditable: true, settings);
            if (document.DocumentType != SpreadsheetDocumentType.Workbook)
                throw new NeisLayoutException($"a {document.DocumentType} file, not an .xlsx workbook");
            var workbook = document.WorkbookPart ?? throw new NeisLayoutException("no workbook");
            var strings = SharedStrings(workbook);
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            if (sheets.Count > MaxSheets) throw new NeisLayoutException($"more than {MaxSheets} sheets");
            var worksheets = sheets
                .Select(sheet => (sheet, Part: sheet.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null))
                .Where(s => s.Part is not null)
                .ToList();
            if (worksheets.Count == 0) throw new NeisLayoutException("no sheet");
            foreach (var (sheet, part) in worksheets)
            {
                var written = FillSheet(sheet.Name?.Value ?? "", part!.Worksheet, strings, areas, gradebook);
                if (written > 0) part.Worksheet.Save();
                filled += written;
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException
                                      or InvalidOperationException or XmlException or IOException)
        {
            throw new NeisLayoutException(e.Message);
        }
        return (stream.ToArray(), filled);
    }

    /// <summary>Refuses what is no zip, or one whose entries declare more than the caps, before anything is inflated.</summary>
    private static void CheckPackage(byte[] template)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw new NeisLayoutException($"more than {MaxEntries} parts");
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                throw new NeisLayoutException($"unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB");
        }
        catch (InvalidDataException)
        {
            throw new NeisLayoutException("not an .xlsx file (save it from Excel as .xlsx)");
        }
    }

    /// <returns>How many 점수 cells were written.</returns>
    private static int FillSheet(string sheetName, Worksheet worksheet, IReadOnlyList<string> strings,
        IReadOnlyList<NeisArea> areas, Gradebook gradebook)
    {
        var data = worksheet.GetFirstChild<SheetData>() ?? throw new NeisLayoutException($"{sheetName}: no cells");
        var rows = data.Elements<Row>().ToList();
        if (rows.Count > MaxRowsPerSheet) throw new NeisLayoutException($"{sheetName}: more than {MaxRowsPerSheet} rows");
        var cells = rows.ToDictionary(r => r, r => Cells(sheetName, r, strings));

        var areaRow = rows.FirstOrDefault(r => CellText(cells[r], 0) == Area)
            ?? throw new NeisLayoutException($"{sheetName}: no {Area} row");
        var areaName = CellText(cells[areaRow], 1).Trim();
        var area = areas.FirstOrDefault(a => a.Name == areaName)
            ?? throw new NeisLayoutException($"{sheetName}: {Area} \"{areaName}\" is no area of the course");
        var header = rows.FirstOrDefault(r => cells[r].Values.Any(c => c.Text.Trim() == Number))
            ?? throw new NeisLayoutException($"{sheetName}: no {Number} header");
        var columns = new Dictionary<string, int>();
        foreach (var (column, cell) in cells[header]) columns.TryAdd(cell.Text.Trim(), column);
        if (!columns.TryGetValue(Name, out var nameColumn) || !columns.TryGetValue(Score, out var scoreColumn))
            throw new NeisLayoutException($"{sheetName}: the header needs {Number}, {Name} and {Score}");
        var classColumn = columns.TryGetValue(Class, out var c) ? c : (int?)null;

        var written = 0;
        foreach (var row in rows.SkipWhile(r => r != header).Skip(1))
        {
            var number = CellText(cells[row], columns[Number]).Trim();
            var name = CellText(cells[row], nameColumn).Trim();
            var cls = classColumn is { } cc ? CellText(cells[row], cc).Trim() : "";
            if (Match(gradebook, number, cls, name) is not { } student) continue;
            SetText(row, cells[row].GetValueOrDefault(scoreColumn)?.Cell, scoreColumn, area.Score(gradebook, student) is { } s ? Text(s) : "");
            written++;
        }
        return written;
    }

    private sealed record CellRead(Cell Cell, string Text);

    /// <summary>
    /// A row's cells by column with their text. A formula is refused: NEIS templates have none, and a 번호, 성명 or
    /// 점수 computed by the sheet would be matched or overwritten on a value Excel has not recalculated.
    /// </summary>
    private static Dictionary<int, CellRead> Cells(string sheetName, Row row, IReadOnlyList<string> strings)
    {
        if (row.RowIndex?.Value is not (>= 1 and <= 1_048_576)) throw new NeisLayoutException($"{sheetName}: a row without its number");
        var cells = new Dictionary<int, CellRead>();
        foreach (var cell in row.Elements<Cell>())
        {
            if (cells.Count >= MaxCellsPerRow) throw new NeisLayoutException($"{sheetName}: more than {MaxCellsPerRow} cells in row {row.RowIndex}");
            var reference = cell.CellReference?.Value ?? "";
            if (ColumnIndex(reference, row.RowIndex.Value) is not { } column)
                throw new NeisLayoutException($"{sheetName}: cell \"{reference}\" is not in row {row.RowIndex}");
            if (cell.CellFormula is not null) throw new NeisLayoutException($"{sheetName}: {reference} is a formula");
            cells.TryAdd(column, new CellRead(cell, Text(sheetName, cell, strings)));
        }
        return cells;
    }

    /// <summary>The shared strings once, as plain text (phonetic guides left out), so a lookup costs nothing.</summary>
    private static IReadOnlyList<string> SharedStrings(WorkbookPart workbook) =>
        workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(PlainText).ToList() ?? [];

    private static string PlainText(OpenXmlElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static string CellText(Dictionary<int, CellRead> cells, int column) => cells.GetValueOrDefault(column)?.Text ?? "";

    private static string Text(string sheetName, Cell cell, IReadOnlyList<string> strings)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString is { } inline ? PlainText(inline) : "";
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value != CellValues.SharedString) return value;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count
            ? strings[i]
            : throw new NeisLayoutException($"{sheetName}: {cell.CellReference} names shared string {value}, which the file does not have");
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

    /// <summary>Writes a text cell in place (its style kept), or inserts one in column order.</summary>
    private static void SetText(Row row, Cell? existing, int column, string value)
    {
        var cell = TextCell(Reference(column, (int)row.RowIndex!.Value), value);
        if (existing is not null)
        {
            cell.StyleIndex = existing.StyleIndex;
            row.ReplaceChild(cell, existing);
            return;
        }
        var after = row.Elements<Cell>().FirstOrDefault(c => ColumnIndex(c.CellReference!, row.RowIndex.Value) > column);
        if (after is null) row.Append(cell);
        else row.InsertBefore(cell, after);
    }

    private static Cell TextCell(string reference, string value) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The column of a reference such as "D5" in row 5 (A is 0); null when it is malformed, past XFD, or in another row.</summary>
    private static int? ColumnIndex(string reference, uint row)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetterUpper).Count();
        if (letters is 0 or > 3 || !uint.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != row)
            return null;
        var index = 0;
        foreach (var ch in reference[..letters]) index = index * 26 + (ch - 'A' + 1);
        return index <= 16_384 ? index - 1 : null;
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
