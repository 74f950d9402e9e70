using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Events;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> b)
    {
        b.ToTable("History");
        b.Property(c => c.Area).HasMaxLength(ChangeRecord.AreaMaxLength);
        b.Property(c => c.Summary).HasMaxLength(ChangeRecord.SummaryMaxLength);
        b.Property(c => c.ActorName).HasMaxLength(200);
        b.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.EventId, c.Area, c.At });
    }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> b)
    {
        b.ToTable("SecurityEvents");
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ActorName).HasMaxLength(SecurityEvent.NameMaxLength);
        b.Property(e => e.Target).HasMaxLength(SecurityEvent.TargetMaxLength);
        b.Property(e => e.IpAddress).HasMaxLength(SecurityEvent.IpMaxLength);
        b.Property(e => e.UserAgent).HasMaxLength(SecurityEvent.UserAgentMaxLength);
        b.Property(e => e.Details).HasMaxLength(SecurityEvent.DetailsMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.EventId, e.At });
        // The log screen filters by action and by partner, newest first (issue 8, item 6).
        b.HasIndex(e => new { e.EventId, e.Action, e.At });
        b.HasIndex(e => new { e.EventId, e.PartnerId, e.At });
    }
}
