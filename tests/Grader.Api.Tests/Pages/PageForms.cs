using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grader.Api.Tests.Pages;

/// <summary>
/// The web pages as a browser uses them: a client that keeps its cookies and does not follow redirects, and
/// forms posted with the anti-forgery token of the page they came from.
/// </summary>
internal static partial class PageForms
{
    public static HttpClient Browser(ApiFactory api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The anti-forgery token of the form on <paramref name="page"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient browser, string page)
    {
        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        return TokenField().Match(html).Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string token,
        params (string Name, string Value)[] fields)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
                KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        return await browser.SendAsync(post);
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string login, string password) =>
        await SignInAsync(browser, await TokenAsync(browser, "/signin"), login, password);

    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string token, string login, string password) =>
        PostAsync(browser, "/signin", token, ("Login", login), ("Password", password));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
