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
    /// <summary>JSON: the failing tests and what the reference printed, once validation has run.</summary>
    public string? ValidationReportJson { get; set; }
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
