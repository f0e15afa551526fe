using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Jobs;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class JobSettingConfiguration : IEntityTypeConfiguration<JobSetting>
{
    public void Configure(EntityTypeBuilder<JobSetting> builder)
    {
        builder.ToTable("JobSettings");
        builder.HasKey(s => s.JobName);
        builder.Property(s => s.JobName).HasMaxLength(JobSetting.NameMaxLength);
        builder.Property(s => s.ChangedBy).HasMaxLength(200);
        builder.Property(s => s.RunRequestedBy).HasMaxLength(JobRun.TriggeredByMaxLength);
    }
}
