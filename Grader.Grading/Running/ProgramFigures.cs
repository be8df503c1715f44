namespace Grader.Grading.Running;

/// <summary>A picture a test's program saved in its working folder (<c>plt.savefig("chart.png")</c>).</summary>
public sealed record SandboxFigure(string Name, byte[] Png);

/// <summary>
/// What a test may keep of the pictures its program saved: PNG files only, at most <see cref="PerTest"/> of
/// <see cref="MaxBytes"/> each (the harness reads no more; the worker checks again what it will serve as image/png).
/// </summary>
public static class ProgramFigures
{
    public const int PerTest = 3;
    public const int MaxBytes = 1024 * 1024;
    private const int MaxNameChars = 100;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool Acceptable(ReadOnlySpan<byte> png) => png.Length <= MaxBytes && png.StartsWith(Signature);

    /// <summary>The file name as shown: letters (Hangul too), digits, <c>.</c>, <c>-</c> and <c>_</c>; anything else
    /// (slashes, quotes, controls) becomes <c>_</c>.</summary>
    public static string SafeName(string name)
    {
        var safe = new string([.. name.Take(MaxNameChars).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return safe.Length == 0 ? "figure.png" : safe;
    }
}
