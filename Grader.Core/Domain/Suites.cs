using Grader.Grading;

namespace Grader.Core.Domain;

public enum ValidationStatus { Pending, Passed, Failed, NotRequired }

/// <summary>One version of a designer's test suite. The parsed manifest is kept as JSON; its files beside it.</summary>
public sealed class Suite
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    /// <summary>The normalised <c>SuiteDefinition</c> of Grader.Grading, as JSON.</summary>
    public required string DefinitionJson { get; set; }
    /// <summary>The statement rendered and sanitised at upload, with image addresses of this version; null without one.</summary>
    public string? StatementHtml { get; set; }
    public ValidationStatus ValidationStatus { get; set; }
    /// <summary>The failing tests and what the reference printed, once validation has run (stored as JSON).</summary>
    public ValidationReport? ValidationReport { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<SuiteFile> Files { get; set; } = [];
}

public sealed class SuiteFile
{
    public Guid SuiteId { get; set; }
    public required string Path { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>Set on the pictures the statement shows: only these are served to students, with this type.</summary>
    public string? ContentType { get; set; }
}

/// <summary>What the reference solution did on a test it failed: the designer needs to see what it printed.</summary>
public sealed record ValidationFailure(string Test, Verdict Verdict, string Stdout, string? Difference, string? Error);

/// <summary>A suite version's validation against its reference: written by the worker, read by the API, one type.</summary>
public sealed record ValidationReport(IReadOnlyList<ValidationFailure> Failures);
