using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Jobs;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.JobName).HasMaxLength(JobSetting.NameMaxLength);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Message).HasMaxLength(JobRun.TextMaxLength);
        builder.Property(r => r.Error).HasMaxLength(JobRun.TextMaxLength);
        builder.Property(r => r.TriggeredBy).HasMaxLength(JobRun.TriggeredByMaxLength);
        builder.Property(r => r.Instance).HasMaxLength(JobRun.InstanceMaxLength);
        builder.Ignore(r => r.Duration);

        // One job's runs newest first (the history page), and the retention sweep by age.
        builder.HasIndex(r => new { r.JobName, r.Id });
        builder.HasIndex(r => r.StartedAt);
    }
}
