using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Grader.Tests.Shared;

/// <summary>A thin HTTP client for tests: one bearer token, JSON in and out, nothing hidden.</summary>
public sealed class GraderClient(Uri baseAddress, string? token, HttpMessageHandler? handler = null)
{
    public HttpClient Http { get; } = CreateHttp(baseAddress, token, handler);

    public GraderClient As(string otherToken) => new(baseAddress, otherToken, handler);

    private static HttpClient CreateHttp(Uri baseAddress, string? token, HttpMessageHandler? handler)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseAddress;
        http.Timeout = TimeSpan.FromSeconds(60);
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = JsonContent.Create(json);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonNode> PostOkAsync(string path, object json)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, path, json);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted))
            throw new HttpRequestException($"POST {path} answered {(int)status}: {body?.ToJsonString()}");
        return body!;
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        if (status != HttpStatusCode.OK) throw new HttpRequestException($"GET {path} answered {(int)status}: {body?.ToJsonString()}");
        return body!;
    }

    public async Task<(Guid Id, string Token)> CreateUserAsync(string login, string name, string role)
    {
        var body = await PostOkAsync("/api/users", new { login, name, role });
        return (body["id"]!.GetValue<Guid>(), body["token"]!.GetValue<string>());
    }

    public async Task<Guid> CreateSuiteAsync(object manifest)
    {
        var body = await PostOkAsync("/api/suites", manifest);
        return body["id"]!.GetValue<Guid>();
    }

    /// <summary>A suite upload as a zip body: the status and the body (the suite, or the problem).</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> UploadSuiteZipAsync(byte[] zip)
    {
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        var response = await Http.PostAsync("/api/suites", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async Task<JsonNode> SubmitSourceAsync(Guid assignmentId, string source, string language = "python") =>
        await PostOkAsync($"/api/assignments/{assignmentId}/submissions", new { language, source });

    public async Task<JsonNode> SubmitFileAsync(Guid assignmentId, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        var response = await Http.PostAsync($"/api/assignments/{assignmentId}/submissions", form);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new HttpRequestException($"upload {fileName} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Polls a submission until it leaves queued/running, or fails after the timeout.</summary>
    public async Task<JsonNode> WaitGradedAsync(Guid submissionId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetOkAsync($"/api/submissions/{submissionId}");
            var status = last["status"]!.GetValue<string>();
            if (status is "graded" or "failed") return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"submission {submissionId} not graded in {timeout}: {last?.ToJsonString()}");
    }

    /// <summary>Polls a suite version until its validation leaves pending, or fails after the timeout.</summary>
    public async Task<JsonNode> WaitValidatedAsync(Guid suiteId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var suite = await GetOkAsync($"/api/suites/{suiteId}");
            if (suite["validation"]!["status"]!.GetValue<string>() != "pending") return suite;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"suite {suiteId} still pending: {suite.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");
}
