using Grader.Api.Admin;
using Grader.Api.Assignments;
using Grader.Api.Courses;
using Grader.Api.Gradebook;
using Grader.Api.Infrastructure;
using Grader.Api.Pages;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Api.Users;
using Grader.Core.Data;
using Grader.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddGraderData(builder.Configuration);
builder.Services.AddGraderApi(builder.Configuration);
builder.AddGraderPages();

var app = builder.Build();

await app.Services.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);

app.UseGraderPipeline();
app.MapGraderHealth();
app.MapUsers();
app.MapCourses();
app.MapGradebook();
app.MapAssignments();
app.MapRegradePreviews();
app.MapSuites();
app.MapStatementImages();
app.MapSubmissions();
app.MapGraderPages();
app.MapAdmin();
app.MapQueueDashboard();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
