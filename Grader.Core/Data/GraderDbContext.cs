using System.Text.Json;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Grader.Core.Data;

public sealed class GraderDbContext(DbContextOptions<GraderDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseMember> CourseMembers => Set<CourseMember>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Suite> Suites => Set<Suite>();
    public DbSet<SuiteFile> SuiteFiles => Set<SuiteFile>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionTestResult> SubmissionTestResults => Set<SubmissionTestResult>();
    public DbSet<SubmissionFigure> SubmissionFigures => Set<SubmissionFigure>();
    public DbSet<SubmissionGrade> SubmissionGrades => Set<SubmissionGrade>();
    public DbSet<SubmissionJob> SubmissionJobs => Set<SubmissionJob>();
    public DbSet<RegradePreview> RegradePreviews => Set<RegradePreview>();
    public DbSet<RegradePreviewRun> RegradePreviewRuns => Set<RegradePreviewRun>();

    /// <summary>
    /// The grading vocabulary is stored as its wire names (<see cref="WireNames"/>), the text these columns always
    /// held, so typing them needed no migration.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<Verdict>().HaveConversion<WireNameConverter<Verdict>>();
        conventions.Properties<TestVisibility>().HaveConversion<WireNameConverter<TestVisibility>>();
        conventions.Properties<ProgramLanguage>().HaveConversion<WireNameConverter<ProgramLanguage>>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<User>(user =>
        {
            user.HasIndex(u => u.Login).IsUnique();
            user.HasIndex(u => u.TokenHash).IsUnique();
            user.Property(u => u.Role).HasConversion<string>();
            user.Property(u => u.SecurityStamp).HasDefaultValueSql("gen_random_uuid()");
        });

        model.Entity<Course>(course =>
        {
            course.Property(c => c.Kind).HasConversion<string>();
            course.Property(c => c.SubjectType).HasConversion<string>();
            course.ComplexProperty(c => c.CutScores, cuts => cuts.ToJson());
            course.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CourseId);
            course.HasMany(c => c.Assignments).WithOne(a => a.Course).HasForeignKey(a => a.CourseId);
        });

        model.Entity<CourseMember>(member =>
        {
            member.HasKey(m => new { m.CourseId, m.UserId });
            member.Property(m => m.Role).HasConversion<string>();
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
        });

        model.Entity<Assignment>(assignment =>
        {
            assignment.Property(a => a.ScorePolicy).HasConversion<string>();
            assignment.ComplexProperty(a => a.LatePolicy, late =>
            {
                late.ToJson();
                late.Property(l => l.Mode).HasConversion<string>();
            });
            assignment.HasOne(a => a.Suite).WithMany().HasForeignKey(a => a.SuiteId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Suite>(suite =>
        {
            suite.HasIndex(s => new { s.Slug, s.Version }).IsUnique();
            suite.Property(s => s.DefinitionJson).HasColumnType("jsonb");
            suite.Property(s => s.ValidationReport).HasColumnName("validation_report_json").HasColumnType("jsonb")
                .HasConversion(new JsonConverter<ValidationReport?>(), new JsonComparer<ValidationReport?>());
            suite.Property(s => s.ValidationStatus).HasConversion<string>();
            suite.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.SuiteId);
        });

        model.Entity<SuiteFile>().HasKey(f => new { f.SuiteId, f.Path });

        model.Entity<Submission>(submission =>
        {
            submission.Property(s => s.Status).HasConversion<string>();
            submission.Property(s => s.ProfileJson).HasColumnType("jsonb");
            submission.Property(s => s.RowVersion).IsRowVersion();
            submission.HasIndex(s => new { s.AssignmentId, s.StudentId });
            submission.HasIndex(s => s.Status);
            submission.HasIndex(s => new { s.StudentId, s.IdempotencyKey }).IsUnique()
                .HasFilter("idempotency_key IS NOT NULL");
            // Optional for trials (no assignment); an assignment's submissions still go with it, as before.
            submission.HasOne(s => s.Assignment).WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Cascade);
            submission.HasOne(s => s.Student).WithMany().HasForeignKey(s => s.StudentId);
            submission.HasOne<Suite>().WithMany().HasForeignKey(s => s.SuiteId).OnDelete(DeleteBehavior.Restrict);
            submission.HasMany(s => s.Tests).WithOne().HasForeignKey(t => t.SubmissionId);
            submission.HasMany(s => s.History).WithOne().HasForeignKey(h => h.SubmissionId);
        });

        model.Entity<SubmissionTestResult>(test =>
        {
            test.HasKey(t => new { t.SubmissionId, t.Index });
            // Regrading replaces a submission's test rows; their pictures go with them.
            test.HasMany(t => t.Figures).WithOne().HasForeignKey(f => new { f.SubmissionId, f.TestIndex }).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SubmissionFigure>(figure =>
        {
            figure.HasKey(f => new { f.SubmissionId, f.TestIndex, f.Number });
            figure.Property(f => f.Name).HasMaxLength(100);
        });

        model.Entity<SubmissionJob>(job =>
        {
            job.Property(j => j.HangfireJobId).HasMaxLength(100);
            job.HasIndex(j => j.SubmissionId);
            job.HasOne<Submission>().WithMany().HasForeignKey(j => j.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RegradePreview>(preview =>
        {
            preview.HasIndex(p => p.AssignmentId);
            preview.HasOne<Assignment>().WithMany().HasForeignKey(p => p.AssignmentId).OnDelete(DeleteBehavior.Cascade);
            preview.HasOne(p => p.Suite).WithMany().HasForeignKey(p => p.SuiteId).OnDelete(DeleteBehavior.Restrict);
            preview.HasOne<Suite>().WithMany().HasForeignKey(p => p.FromSuiteId).OnDelete(DeleteBehavior.Restrict);
            preview.HasOne<User>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.Cascade);
            preview.HasMany(p => p.Runs).WithOne(r => r.Preview).HasForeignKey(r => r.PreviewId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RegradePreviewRun>(run =>
        {
            run.HasIndex(r => new { r.PreviewId, r.SubmissionId }).IsUnique();
            run.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewSecurityStamps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewSecurityStamps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Here rather than at each call site, so no path that changes a password or a role can forget it.</summary>
    private void RenewSecurityStamps()
    {
        foreach (var user in ChangeTracker.Entries<User>())
        {
            if (user.State == EntityState.Modified
                && (user.Property(u => u.PasswordHash).IsModified || user.Property(u => u.Role).IsModified))
            {
                user.Entity.SecurityStamp = Guid.NewGuid();
            }
        }
    }

    /// <summary>JSON options for everything the API and the worker store as JSON text.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The one value converter of enums stored as text: their wire names, both ways.</summary>
public sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToWire(), text => WireNames.ParseWire<TEnum>(text))
    where TEnum : struct, Enum;

/// <summary>A record stored as JSON text (<see cref="GraderDbContext.Json"/>).</summary>
public sealed class JsonConverter<T>() : ValueConverter<T, string>(
    value => JsonSerializer.Serialize(value, GraderDbContext.Json), text => JsonSerializer.Deserialize<T>(text, GraderDbContext.Json)!)
    where T : class?;

/// <summary>Change tracking of a record stored as JSON: equal when their JSON is.</summary>
public sealed class JsonComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, GraderDbContext.Json) == JsonSerializer.Serialize(b, GraderDbContext.Json),
    value => JsonSerializer.Serialize(value, GraderDbContext.Json).GetHashCode(StringComparison.Ordinal),
    value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, GraderDbContext.Json), GraderDbContext.Json)!)
    where T : class?;
