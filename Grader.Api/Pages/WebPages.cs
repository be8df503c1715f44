using System.Text.Encodings.Web;
using System.Text.Unicode;
using Grader.Api.Infrastructure;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.WebEncoders;

namespace Grader.Api.Pages;

/// <summary>
/// The server-rendered pages for students, teachers and designers. They sign in with a password and a cookie;
/// the API under /api keeps to bearer tokens, so a page's cookie never authorises an API call.
/// </summary>
public static class WebPages
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static class Policies
    {
        public const string SignedIn = "page.signed_in";
        public const string Students = "page.students";
        public const string Staff = "page.staff";
        public const string Designers = "page.designers";
        /// <summary>Signed in by the page's cookie or an API token: what a statement's pictures need.</summary>
        public const string PageOrApi = "page.or_api";
    }

    public static WebApplicationBuilder AddGraderPages(this WebApplicationBuilder builder)
    {
        // Serve wwwroot from the build output in every environment (tests run the build in Production);
        // a published app carries wwwroot itself and has no manifest, so this changes nothing there.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        // Korean text stays readable in the HTML; markup characters are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/";
            options.Cookie.Name = "grader.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // A school day, renewed while the pages are in use.
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(Policies.Students, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(nameof(Role.Student)))
            .AddPolicy(Policies.Staff, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(nameof(Role.Teacher), nameof(Role.Admin)))
            .AddPolicy(Policies.Designers, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(nameof(Role.Designer), nameof(Role.Admin)))
            .AddPolicy(Policies.PageOrApi, p => p.AddAuthenticationSchemes(CookieScheme, BearerTokenHandler.SchemeName).RequireAuthenticatedUser());
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", Policies.SignedIn);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Language");
            options.Conventions.AuthorizeFolder("/Student", Policies.Students);
            options.Conventions.AuthorizeFolder("/Teacher", Policies.Staff);
            options.Conventions.AddPageRoute("/Teacher/CourseForm", "teacher/courses/{id:guid}/edit");
            options.Conventions.AddPageRoute("/Teacher/AssignmentForm", "teacher/assignments/{id:guid}");
            options.Conventions.AuthorizeFolder("/Designer", Policies.Designers);
            options.Conventions.AddPageRoute("/Designer/Editor", Designer.EditorModel.EditRoute);
        }).AddMvcOptions(options => options.Filters.Add<ContentSecurityPolicy>());
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.AddSingleton<SignInThrottle>();
        return builder;
    }

    public static WebApplication MapGraderPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages();
        return app;
    }
}
