using System.Net;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 7: a client that retries a submission after a timeout, with the same Idempotency-Key, submits once;
/// the same key with another program is refused; retries racing each other still make one submission.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class IdempotencyTests(GraderStack stack) : IClassFixture<GraderStack>
{
    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_submits_once()
    {
        var room = await FaultClass.EnrolAsync(stack, FaultClass.DoublingSuite(), students: 1);
        var student = room.Students[0];
        var key = Guid.NewGuid().ToString();

        var first = await SubmitWithKeyAsync(student, room.AssignmentId, key, FaultClass.DoublingProgram);
        var retry = await SubmitWithKeyAsync(student, room.AssignmentId, key, FaultClass.DoublingProgram);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(FaultClass.IdOf(first.Body!), FaultClass.IdOf(retry.Body!));
        Assert.Equal("true", retry.Replayed);

        var reused = await SubmitWithKeyAsync(student, room.AssignmentId, key, "print('another program')\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal("idempotency.reused", reused.Body!["code"]!.GetValue<string>());

        // Retries racing each other: the unique index lets one in, the others answer with it. Six, so that with the
        // three requests above they stay within the default burst of the rate limit, which counts retries too.
        var raceKey = Guid.NewGuid().ToString();
        var race = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            SubmitWithKeyAsync(student, room.AssignmentId, raceKey, "print(2 * int(input()))\n")));
        Assert.All(race, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Single(race.Select(r => FaultClass.IdOf(r.Body!)).Distinct());

        Assert.Equal(2, (await new SubmissionRows(stack.Database.ConnectionString).OfAssignmentAsync(room.AssignmentId)).Count);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? Replayed)> SubmitWithKeyAsync(
        GraderClient student, Guid assignmentId, string key, string source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assignments/{assignmentId}/submissions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { language = "python", source }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await student.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) ? replayed.Single() : null);
    }
}
