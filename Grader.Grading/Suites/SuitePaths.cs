namespace Grader.Grading.Suites;

/// <summary>How file names in a manifest and entries in a zip are written, so both look files up alike.</summary>
public static class SuitePaths
{
    /// <summary>Forward slashes, no leading "./"; null when the path could leave the suite's folder.</summary>
    public static string? Normalize(string path)
    {
        var forward = path.Replace('\\', '/');
        while (forward.StartsWith("./", StringComparison.Ordinal)) forward = forward[2..];
        var segments = forward.TrimEnd('/').Split('/');
        var escapes = forward.StartsWith('/')
            || (forward.Length >= 2 && forward[1] == ':') // a drive letter, "C:..."
            || segments.Any(s => s is "" or "." or "..");
        return escapes ? null : forward;
    }
}
