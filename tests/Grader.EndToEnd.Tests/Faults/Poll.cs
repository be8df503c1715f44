namespace Grader.EndToEnd.Tests.Faults;

internal static class Poll
{
    /// <summary>Checks a condition every quarter second until it holds, or fails with what <paramref name="why"/> says.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> why)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{timeout}: {why()}");
            await Task.Delay(250);
        }
    }
}
