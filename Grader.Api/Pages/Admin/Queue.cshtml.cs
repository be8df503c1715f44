using Grader.Api.Admin;
using Grader.Core.Data;
using Hangfire;

namespace Grader.Api.Pages.Admin;

/// <summary>`/admin/queue`: what `GET /api/admin/queue` answers, from the same handler.</summary>
public sealed class QueueModel(GraderDbContext db, JobStorage storage) : AdminPageModel
{
    public QueueView Queue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Queue = (await AdminApi.GetQueueAsync(db, storage, ct)).Value!;
}
