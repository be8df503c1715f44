using System.Text.Json.Serialization;

namespace Grader.Grading;

/// <summary>Per-test and per-submission verdicts of SPEC.md; serialised in snake_case.</summary>
[JsonConverter(typeof(WireEnumConverter<Verdict>))]
public enum Verdict
{
    Passed,
    WrongAnswer,
    PresentationError,
    TimeLimitExceeded,
    MemoryLimitExceeded,
    OutputLimitExceeded,
    RuntimeError,
    CompileError,
    Unsupported,
    InternalError,
}
