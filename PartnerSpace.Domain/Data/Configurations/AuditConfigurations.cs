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
