namespace Grader.Tests.Shared;

/// <summary>
/// The runner's self-test program (docker/runner-python/selftest/hazards.py, copied beside the tests): its first
/// input line picks a hazard, so the sandbox's tests replay the attacks the harness's self-test checks.
/// </summary>
public static class HazardProgram
{
    public static string Source => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hazards", "hazards.py"));
}
