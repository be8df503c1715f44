using System.Text;

namespace Grader.Grading.Suites;

/// <summary>Reads a test's input and expectation from the suite's files, as the worker needs them.</summary>
public static class SuiteFiles
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The bytes the program reads on stdin: the inline text, the named file, or nothing.</summary>
    public static byte[] StdinBytes(SuiteTest test, IReadOnlyDictionary<string, byte[]> files) =>
        test.StdinFile is { } file ? WithoutBom(FileOf(files, file))
        : test.Stdin is { } text ? Encoding.UTF8.GetBytes(text)
        : [];

    /// <summary>The expected stdout (or, for regex, the pattern), inline or from its file; null when the test has none.</summary>
    public static string? ExpectedStdout(SuiteTest test, IReadOnlyDictionary<string, byte[]> files) =>
        test.ExpectedStdoutFile is { } file ? DecodeText(FileOf(files, file)) : test.ExpectedStdout;

    /// <summary>A metric test's labels, one a line, as the grader reads them outside the sandbox.</summary>
    public static string MetricLabels(SuiteMetric metric, IReadOnlyDictionary<string, byte[]> files) =>
        DecodeText(FileOf(files, metric.LabelsFile));

    /// <summary>
    /// The suite files a program may read: everything the manifest does not name. Expected outputs, checkers,
    /// interactors, metric labels, inputs and the reference stay out of the sandbox.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> ProgramDataFiles(SuiteDefinition suite, IReadOnlyDictionary<string, byte[]> files)
    {
        var named = suite.Tests
            .SelectMany(t => new[] { t.StdinFile, t.ExpectedStdoutFile, t.Checker, t.Interactive?.File, t.Metric?.LabelsFile })
            .Append(suite.Reference?.File)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return files.Where(f => !named.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    /// <summary>Decodes strict UTF-8 without a leading byte-order mark; false for anything else.</summary>
    public static bool TryDecodeText(byte[] bytes, out string text)
    {
        try
        {
            text = DecodeText(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static string DecodeText(byte[] bytes) => s_strictUtf8.GetString(WithoutBom(bytes));

    // Notepad writes a UTF-8 byte-order mark; a program reading stdin or a comparison must not see it.
    private static byte[] WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;

    private static byte[] FileOf(IReadOnlyDictionary<string, byte[]> files, string name) =>
        files.TryGetValue(name, out var bytes)
            ? bytes
            : throw new InvalidOperationException($"The suite names '{name}' but its files do not hold it.");
}
