using System.Text.Json;
using Grader.Grading;
using Grader.Grading.Running;
using IOPath = System.IO.Path;

namespace Grader.Sandbox;

/// <summary>
/// One run's host folder, bind-mounted read-only at /job (docs/harness-protocol.md): program/, readable by the
/// program, and private/ (plan.json, inputs/N.in), readable by this process's uid only: the harness reads it as
/// that uid and hands each test only its own input. Expected outputs never come here. Created empty first, so a
/// container can be created on it before the submission is known.
/// </summary>
internal sealed class JobFolder
{
    private const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode ReadableFolderMode = PrivateFolderMode
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // The program runs as an unprivileged uid that owns none of these files: they must be world-readable.
    private const UnixFileMode ReadableFileMode = PrivateFileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private JobFolder(string name, string path)
    {
        Name = name;
        HostPath = path;
    }

    /// <summary>Folder name under the job root; also the container's name suffix and its grader.job label.</summary>
    public string Name { get; }

    public string HostPath { get; }

    /// <summary>Matches every job folder's name, and nothing else a job root might hold.</summary>
    public const string NamePattern = "job-*";

    public static JobFolder Create(string jobRoot)
    {
        CreateFolder(jobRoot, ReadableFolderMode);
        var name = $"job-{Guid.NewGuid():N}";
        var path = IOPath.Combine(jobRoot, name);
        CreateFolder(path, ReadableFolderMode);
        return new JobFolder(name, path);
    }

    /// <param name="interactive">The program talks over the container's stdin and stdout (docs/harness-protocol.md).</param>
    public async Task WriteAsync(SandboxRequest request, IReadOnlyList<SandboxTest> tests, SandboxOptions options,
        bool interactive, CancellationToken cancellationToken)
    {
        var programFolder = IOPath.Combine(HostPath, "program");
        CreateFolder(programFolder, ReadableFolderMode);
        foreach (var (relativePath, content) in request.Files)
        {
            var target = ResolveInside(programFolder, relativePath);
            CreateFolder(IOPath.GetDirectoryName(target)!, ReadableFolderMode);
            await WriteFileAsync(target, content, ReadableFileMode, cancellationToken);
        }

        // Every test's input and call arguments: a hidden test's must not be readable by another test's program.
        var privateFolder = IOPath.Combine(HostPath, "private");
        var inputsFolder = IOPath.Combine(privateFolder, "inputs");
        CreateFolder(privateFolder, PrivateFolderMode);
        CreateFolder(inputsFolder, PrivateFolderMode);
        foreach (var test in tests)
            await WriteFileAsync(IOPath.Combine(inputsFolder, $"{test.Index}.in"), test.Stdin, PrivateFileMode, cancellationToken);

        var plan = JsonSerializer.SerializeToUtf8Bytes(BuildPlan(request, tests, options, interactive), HarnessPlan.Json);
        await WriteFileAsync(IOPath.Combine(privateFolder, "plan.json"), plan, PrivateFileMode, cancellationToken);
    }

    /// <summary>Best effort: a folder left behind is removed by the sweeper with its container.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static HarnessPlan BuildPlan(SandboxRequest request, IReadOnlyList<SandboxTest> tests, SandboxOptions options,
        bool interactive) => new(
        request.Language.ToWire(), request.Entry, request.PromptsAreOutput, interactive,
        options.OutputLimitBytesPerTest, options.StderrLimitBytesPerTest, options.RunnerUid, options.RunnerGid,
        request.RuntimeStart,
        [.. tests.Select(test => new HarnessPlanTest(test.Index, $"inputs/{test.Index}.in", test.CpuSeconds, test.WallSeconds,
            test.MemoryMb, test.Call is null ? null : new HarnessCall(test.Call.Function, test.Call.Args), test.Args))]);

    /// <summary>A submission's file name (from a zip, say) must not climb out of the program folder.</summary>
    private static string ResolveInside(string root, string relativePath)
    {
        var full = IOPath.GetFullPath(IOPath.Combine(root, relativePath));
        if (IOPath.IsPathRooted(relativePath) || !full.StartsWith(root + IOPath.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Program file path '{relativePath}' is not inside the program folder.", nameof(relativePath));
        return full;
    }

    /// <summary>Creates the folder and any missing parents.</summary>
    private static void CreateFolder(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, mode);
    }

    private static async Task WriteFileAsync(string path, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = mode;
        await using var file = new FileStream(path, fileOptions);
        await file.WriteAsync(content, cancellationToken);
    }
}
