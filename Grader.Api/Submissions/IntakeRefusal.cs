using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Grader.Api.Submissions;

/// <summary>Why a submission was refused before anything was stored.</summary>
public enum IntakeRefusalKind
{
    /// <summary>The body is neither a form nor JSON, or its JSON is broken.</summary>
    UnreadableRequest,

    /// <summary>The <c>Idempotency-Key</c> header is empty, too long or given twice.</summary>
    InvalidKey,

    /// <summary>The key already made a submission of another program or assignment.</summary>
    ReusedKey,

    /// <summary>The student's rate limit is used up for now.</summary>
    TooMany,

    /// <summary>The upload or the pasted source is over its size cap.</summary>
    TooLarge,

    /// <summary>No source, or a form without a file.</summary>
    Missing,

    /// <summary>A language the grader does not know, or the assignment does not accept.</summary>
    LanguageNotAccepted,

    /// <summary>Empty, not UTF-8, a broken zip or project.</summary>
    UnreadableFile,

    /// <summary>A zip without main.py at its top.</summary>
    ZipWithoutMain,

    /// <summary>A block program with a block the runners cannot run.</summary>
    UnrunnableBlock,

    /// <summary>Past the due date of an assignment that refuses late work.</summary>
    Late,

    /// <summary>The teacher closed the assignment: nothing more is taken, whatever the late policy.</summary>
    Closed,

    /// <summary>The assignment's <c>maxSubmissions</c> is used up.</summary>
    LimitReached,
}

/// <summary>
/// How a refusal is answered: its HTTP status and message code (the problem's <c>code</c> and its title), whether
/// the problem carries the refusal's detail, and whether the code is also the error on the <c>file</c> field (a
/// refusal of what was handed in, rather than of the request).
/// </summary>
public sealed record IntakeAnswer(int Status, string Code, bool ShowsDetail, bool OnFile);

/// <summary>
/// A refusal: its kind, and the detail naming the file, block or header at fault. Only a rate-limit refusal
/// carries the seconds until the student may submit again.
/// </summary>
public sealed record IntakeRefusal(IntakeRefusalKind Kind, string Detail)
{
    public int? RetryAfterSeconds { get; private init; }

    public static IntakeRefusal RateLimited(int seconds) =>
        new(IntakeRefusalKind.TooMany, seconds.ToString(CultureInfo.InvariantCulture)) { RetryAfterSeconds = seconds };

    /// <summary>The one place a kind becomes a status and a message: a new kind that is not answered here does not compile.</summary>
    public IntakeAnswer Answer => Kind switch
    {
        IntakeRefusalKind.UnreadableRequest => new(StatusCodes.Status400BadRequest, "bad_request", ShowsDetail: true, OnFile: false),
        IntakeRefusalKind.InvalidKey => new(StatusCodes.Status400BadRequest, "idempotency.invalid", ShowsDetail: true, OnFile: false),
        IntakeRefusalKind.TooMany => new(StatusCodes.Status429TooManyRequests, "too_many", ShowsDetail: false, OnFile: false),
        IntakeRefusalKind.TooLarge => new(StatusCodes.Status413PayloadTooLarge, "too_large", ShowsDetail: true, OnFile: false),
        // About the request, not the file.
        IntakeRefusalKind.ReusedKey => new(StatusCodes.Status422UnprocessableEntity, "idempotency.reused", ShowsDetail: false, OnFile: false),
        IntakeRefusalKind.Late => new(StatusCodes.Status422UnprocessableEntity, "submission.late", ShowsDetail: false, OnFile: false),
        IntakeRefusalKind.Closed => new(StatusCodes.Status422UnprocessableEntity, "submission.closed", ShowsDetail: false, OnFile: false),
        IntakeRefusalKind.LimitReached => new(StatusCodes.Status422UnprocessableEntity, "submission.limit", ShowsDetail: false, OnFile: false),
        IntakeRefusalKind.Missing => OnFileAnswer("field.required"),
        IntakeRefusalKind.LanguageNotAccepted => OnFileAnswer("submission.language"),
        IntakeRefusalKind.UnreadableFile => OnFileAnswer("submission.file"),
        IntakeRefusalKind.ZipWithoutMain => OnFileAnswer("submission.zip_main"),
        IntakeRefusalKind.UnrunnableBlock => OnFileAnswer("submission.block"),
    };

    private static IntakeAnswer OnFileAnswer(string code) => new(StatusCodes.Status422UnprocessableEntity, code, ShowsDetail: true, OnFile: true);
}

/// <summary>
/// What one step of intake gives: its value, or the refusal that ends the submission there. Either converts to it
/// implicitly, so a step returns the one it has.
/// </summary>
public sealed class Intake<T>
    where T : class
{
    private readonly T? _value;
    private readonly IntakeRefusal? _refusal;

    private Intake(T? value, IntakeRefusal? refusal)
    {
        _value = value;
        _refusal = refusal;
    }

    public static implicit operator Intake<T>(T value) => new(value, null);

    public static implicit operator Intake<T>(IntakeRefusal refusal) => new(null, refusal);

    /// <summary>True with the refusal, or false with the value.</summary>
    public bool IsRefused([NotNullWhen(true)] out IntakeRefusal? refusal, [NotNullWhen(false)] out T? value)
    {
        refusal = _refusal;
        value = _value;
        return refusal is not null;
    }
}
