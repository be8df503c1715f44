using System.Text.Json.Serialization;

namespace Grader.Grading;

/// <summary>Per-test and per-submission verdicts of SPEC.md; serialised in snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("passed")] Passed,
    [JsonStringEnumMemberName("wrong_answer")] WrongAnswer,
    [JsonStringEnumMemberName("presentation_error")] PresentationError,
    [JsonStringEnumMemberName("time_limit_exceeded")] TimeLimitExceeded,
    [JsonStringEnumMemberName("memory_limit_exceeded")] MemoryLimitExceeded,
    [JsonStringEnumMemberName("output_limit_exceeded")] OutputLimitExceeded,
    [JsonStringEnumMemberName("runtime_error")] RuntimeError,
    [JsonStringEnumMemberName("compile_error")] CompileError,
    [JsonStringEnumMemberName("unsupported")] Unsupported,
    [JsonStringEnumMemberName("internal_error")] InternalError,
}

public static class VerdictNames
{
    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.Passed => "passed",
        Verdict.WrongAnswer => "wrong_answer",
        Verdict.PresentationError => "presentation_error",
        Verdict.TimeLimitExceeded => "time_limit_exceeded",
        Verdict.MemoryLimitExceeded => "memory_limit_exceeded",
        Verdict.OutputLimitExceeded => "output_limit_exceeded",
        Verdict.RuntimeError => "runtime_error",
        Verdict.CompileError => "compile_error",
        Verdict.Unsupported => "unsupported",
        _ => "internal_error",
    };
}
