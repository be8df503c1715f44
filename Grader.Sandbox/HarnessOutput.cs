using System.Buffers;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Grader.Grading.Running;

namespace Grader.Sandbox;

/// <summary>
/// Reads what the harness writes to the container's stdout (one JSON line per test, docs/harness-protocol.md)
/// and keeps the tail of its stderr for diagnostics. Everything it reads counts against one byte cap.
/// With <paramref name="passThrough"/> (an interactive test) stdout is the program's own output, handed on as it
/// comes, and the result lines arrive on stderr among the harness's diagnostics.
/// </summary>
internal sealed class HarnessOutput(long byteCap, Action<SandboxTestResult>? onResult = null, Action<byte[]>? passThrough = null)
{
    private const int StderrTailBytes = 8 * 1024;
    private const int ReadBufferBytes = 81920;

    private readonly ArrayBufferWriter<byte> _partialLine = new();
    private readonly Queue<byte[]> _stderrChunks = new();
    private int _stderrBytes;
    private long _bytesRead;

    private MultiplexedStream.TargetStream ResultsTarget => passThrough is null
        ? MultiplexedStream.TargetStream.StandardOut
        : MultiplexedStream.TargetStream.StandardError;

    public List<SandboxTestResult> Results { get; } = [];

    /// <summary>Lines on stdout that were not a result the protocol describes.</summary>
    public int MalformedLines { get; private set; }

    public bool CapExceeded { get; private set; }

    public string StderrTail
    {
        get
        {
            var bytes = _stderrChunks.SelectMany(chunk => chunk).ToArray();
            return Encoding.UTF8.GetString(bytes, Math.Max(0, bytes.Length - StderrTailBytes), Math.Min(bytes.Length, StderrTailBytes));
        }
    }

    /// <summary>Reads until the stream ends or the cap is passed (then it stops reading and returns).</summary>
    public async Task ReadAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, ReadBufferBytes, cancellationToken);
                if (read.EOF)
                    return;
                _bytesRead += read.Count;
                if (_bytesRead > byteCap)
                {
                    CapExceeded = true;
                    return;
                }

                var chunk = buffer.AsSpan(0, read.Count);
                if (read.Target == ResultsTarget)
                    AcceptLines(chunk);
                else if (passThrough is not null)
                    passThrough(chunk.ToArray());
                else
                    AcceptStderr(chunk);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void AcceptLines(ReadOnlySpan<byte> chunk)
    {
        while (true)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _partialLine.Write(chunk);
                return;
            }

            ReadOnlySpan<byte> line;
            if (_partialLine.WrittenCount == 0)
            {
                line = chunk[..newline];
            }
            else
            {
                _partialLine.Write(chunk[..newline]);
                line = _partialLine.WrittenSpan;
            }

            AcceptLine(line);
            _partialLine.Clear();
            chunk = chunk[(newline + 1)..];
        }
    }

    private void AcceptLine(ReadOnlySpan<byte> line)
    {
        if (line.Trim((byte)' ').Trim((byte)'\r').IsEmpty)
            return;
        var result = HarnessResultLine.TryParse(line);
        if (result is not null)
        {
            Results.Add(result);
            onResult?.Invoke(result);
        }
        else if (passThrough is null)
        {
            MalformedLines++;
        }
        else
        {
            AcceptStderr(line);
            AcceptStderr("\n"u8);
        }
    }

    private void AcceptStderr(ReadOnlySpan<byte> chunk)
    {
        _stderrChunks.Enqueue(chunk.ToArray());
        _stderrBytes += chunk.Length;
        while (_stderrBytes - _stderrChunks.Peek().Length >= StderrTailBytes)
            _stderrBytes -= _stderrChunks.Dequeue().Length;
    }
}

/// <summary>One harness result line, parsed leniently: a field of an unexpected type reads as absent.</summary>
internal static class HarnessResultLine
{
    public static SandboxTestResult? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Int(root, "index") is not { } index)
                return null;

            return new SandboxTestResult(
                Index: index,
                Outcome: ParseOutcome(String(root, "outcome")),
                ExitCode: Int(root, "exitCode"),
                CpuMs: Int(root, "cpuMs") ?? 0,
                WallMs: Int(root, "wallMs") ?? 0,
                MaxRssKb: Long(root, "maxRssKb") ?? 0,
                Stdout: Base64(root, "stdout"),
                Stderr: String(root, "stderr") ?? "",
                Error: Error(root),
                ReturnValueJson: ReturnValue(root),
                Predictions: root.TryGetProperty("predictions", out var predictions) && predictions.ValueKind == JsonValueKind.String
                    ? predictions.GetBytesFromBase64() : null,
                Figures: Figures(root));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static RunOutcome ParseOutcome(string? outcome) => outcome switch
    {
        "exited" => RunOutcome.Exited,
        "runtime_error" => RunOutcome.RuntimeError,
        "compile_error" => RunOutcome.CompileError,
        "time_limit" => RunOutcome.TimeLimit,
        "memory_limit" => RunOutcome.MemoryLimit,
        "output_limit" => RunOutcome.OutputLimit,
        _ => RunOutcome.Internal,
    };

    private static ProgramError? Error(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return null;
        return new ProgramError(String(error, "type") ?? "Error", String(error, "message") ?? "", Int(error, "line"), Int(error, "column"));
    }

    /// <summary>The figures the harness collected, checked again: only PNG files within the caps are kept.</summary>
    private static List<SandboxFigure> Figures(JsonElement root)
    {
        if (!root.TryGetProperty("figures", out var figures) || figures.ValueKind != JsonValueKind.Array)
            return [];
        return figures.EnumerateArray()
            .Where(f => f.ValueKind == JsonValueKind.Object)
            .Select(f => new SandboxFigure(ProgramFigures.SafeName(String(f, "name") ?? ""), Base64(f, "png")))
            .Where(f => ProgramFigures.Acceptable(f.Png))
            .Take(ProgramFigures.PerTest)
            .ToList();
    }

    /// <summary>The protocol sends the return value as JSON text in a string; a bare JSON value is taken as is.</summary>
    private static string? ReturnValue(JsonElement root)
    {
        if (!root.TryGetProperty("returnValue", out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
    }

    private static byte[] Base64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetBytesFromBase64() : [];

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out var whole) ? whole : (long)Math.Round(value.GetDouble())
            : null;

    private static int? Int(JsonElement root, string name) =>
        Long(root, name) is { } number ? (int)Math.Clamp(number, int.MinValue, int.MaxValue) : null;
}
