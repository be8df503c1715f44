using Grader.Grading.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grader.Worker.Storing;

/// <summary>
/// The worker's storing boundary: every text column of every row it adds or changes (stdout, error messages, a
/// reference's output in a validation report, jsonb) is made storable here, since what a program printed may hold
/// U+0000 or a lone surrogate and PostgreSQL refuses those on every retry (22021, 22P05).
/// </summary>
public sealed class StorableProgramText : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        MakeStorable(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MakeStorable(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void MakeStorable(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                // A value stored as text through a converter (the validation report's JSON) is made storable as that text.
                var converter = property.Metadata.GetValueConverter();
                if (converter is not null && converter.ProviderClrType != typeof(string)) continue;
                var value = property.CurrentValue;
                if ((converter is null ? value : value is null ? null : converter.ConvertToProvider(value)) is not string text) continue;
                var storable = property.Metadata.GetColumnType() == "jsonb"
                    ? StorableText.MakeStorableJson(text)
                    : StorableText.MakeStorable(text);
                if (!ReferenceEquals(storable, text))
                    property.CurrentValue = converter is null ? storable : converter.ConvertFromProvider(storable);
            }
        }
    }
}
