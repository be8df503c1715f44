using System.Text.Json;
using System.Text.Json.Nodes;
using Grader.Grading.Running;

namespace Grader.Sandbox;

/// <summary>
/// /job/private/plan.json, what the harness reads before the first test (docs/harness-protocol.md, "The job
/// folder"): one type for every key the worker writes, so the plan cannot drift from the protocol by a typo.
/// </summary>
/// <param name="Language">The runner's language by its wire name.</param>
/// <param name="Entry">The program's entry file inside /job/program.</param>
/// <param name="Interactive">One test whose stdin and stdout are the interactor's pipes; results go to stderr.</param>
/// <param name="RuntimeStart">Limits on starting a block runtime before the first test; null: the harness's own.</param>
internal sealed record HarnessPlan(string Language, string Entry, bool PromptsAreOutput, bool Interactive,
    int OutputLimitBytes, int StderrLimitBytes, int RunnerUid, int RunnerGid, RuntimeStartLimits? RuntimeStart,
    IReadOnlyList<HarnessPlanTest> Tests)
{
    /// <summary>camelCase keys, nulls written: the harness reads <c>call: null</c> as "not a call test".</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <param name="Stdin">The test's input file, relative to /job/private.</param>
/// <param name="Args">The program's command-line arguments (an interactor's input file); null for none.</param>
internal sealed record HarnessPlanTest(int Index, string Stdin, double CpuSeconds, double WallSeconds, int MemoryMb,
    HarnessCall? Call, IReadOnlyList<string>? Args);

internal sealed record HarnessCall(string Function, JsonArray Args);
