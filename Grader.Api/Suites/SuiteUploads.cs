using Grader.Api.Infrastructure;
using Grader.Grading.Suites;

namespace Grader.Api.Suites;

/// <summary>Renders the suite parser's problems for people.</summary>
public static class SuiteUploads
{
    /// <summary>"where: message" with the message in the reader's language when we have one for its code.</summary>
    public static string Describe(SuiteProblem problem) =>
        Messages.Has("suite." + problem.Code) ? $"{Messages.Text("suite." + problem.Code)} ({problem.Message})" : problem.Message;
}
