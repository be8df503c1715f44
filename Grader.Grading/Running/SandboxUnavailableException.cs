namespace Grader.Grading.Running;

/// <summary>
/// The sandbox could not run the submission at all: Docker unreachable or failing, a runner image missing,
/// the job folder not writable. Worth retrying later; never the student's fault. A student's broken program
/// is a result, never this exception.
/// </summary>
public sealed class SandboxUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
