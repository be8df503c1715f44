using Grader.Core.Data;
using Grader.Hosting;
using Grader.Worker;
using Grader.Worker.Metrics;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddGraderData(builder.Configuration);
builder.Services.AddGradingWorker(builder.Configuration);

var app = builder.Build();
app.MapGraderHealth();
app.MapGradingMetrics();
app.Run();
