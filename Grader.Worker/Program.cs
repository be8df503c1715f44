using Grader.Core.Data;
using Grader.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddGraderData(builder.Configuration);
builder.Services.AddGradingWorker(builder.Configuration);

var app = builder.Build();
app.MapWorkerHealth();
app.Run();
