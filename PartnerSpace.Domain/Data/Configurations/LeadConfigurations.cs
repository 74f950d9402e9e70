using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> b)
    {
        b.Property(s => s.BadgeCode).HasMaxLength(Attendee.BadgeCodeMaxLength);
        b.Property(s => s.ScannedBy).HasMaxLength(Text.EmailMaxLength);
        b.Property(s => s.Note).HasMaxLength(Scan.NoteMaxLength);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Lead).WithMany().HasForeignKey(s => s.LeadId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<DeviceKey>().WithMany().HasForeignKey(s => s.DeviceKeyId).OnDelete(DeleteBehavior.SetNull);

        // Idempotent retries: the database, not a prior read, decides that a scan id was seen.
        b.HasIndex(s => new { s.PartnerId, s.ScanId }).IsUnique();

        // Unmatched scans are matched when their badge appears.
        b.HasIndex(s => new { s.PartnerId, s.BadgeCode });

        // The "unknown badges" counter of every live screen: constant time, not a walk of all scans.
        b.HasIndex(s => s.PartnerId, "IX_Scans_Unmatched").HasFilter("\"LeadId\" IS NULL");
        b.HasIndex(s => s.LeadId);
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(l => l.LastScannedBy).HasMaxLength(Text.EmailMaxLength);
        b.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.PartnerId, l.PersonId }).IsUnique();
        b.HasIndex(l => new { l.PartnerId, l.LastCapturedAt });
    }
}

internal sealed class DeviceKeyConfiguration : IEntityTypeConfiguration<DeviceKey>
{
    public void Configure(EntityTypeBuilder<DeviceKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(DeviceKey.NameMaxLength);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Property(k => k.Hint).HasMaxLength(8);
        b.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasIndex(k => k.PartnerId);
    }
}
