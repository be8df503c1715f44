using Grader.Api.Infrastructure;
using Grader.Grading.Suites;

namespace Grader.Api.Suites;

/// <summary>Bridges the upload body to the suite parser and renders its problems for people.</summary>
public static class SuiteUploads
{
    /// <summary>The parser tells a zip from a manifest by its signature, whatever the Content-Type said.</summary>
    public static SuiteParseResult Parse(byte[] body) => SuiteParser.Parse(body);

    /// <summary>"where: message" with the message in the reader's language when we have one for its code.</summary>
    public static string Describe(SuiteProblem problem) =>
        Messages.Has("suite." + problem.Code) ? $"{Messages.Text("suite." + problem.Code)} ({problem.Message})" : problem.Message;
}
