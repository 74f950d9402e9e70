using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class MeetingSpaceConfiguration : IEntityTypeConfiguration<MeetingSpace>
{
    public void Configure(EntityTypeBuilder<MeetingSpace> b)
    {
        b.Property(s => s.Name).HasMaxLength(MeetingSpace.NameMaxLength);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Link).HasMaxLength(MeetingSpace.LinkMaxLength);
        b.Property(s => s.Place).HasMaxLength(MeetingSpace.PlaceMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PartnerId, s.Position });
    }
}

internal sealed class MeetingSlotConfiguration : IEntityTypeConfiguration<MeetingSlot>
{
    public void Configure(EntityTypeBuilder<MeetingSlot> b)
    {
        b.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MeetingSpace>().WithMany().HasForeignKey(s => s.SpaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.StaffPersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PartnerId, s.StartsAt });
        b.HasIndex(s => s.SpaceId);
        b.HasIndex(s => s.StaffPersonId);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(m => m.Origin).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.IsLive);
        b.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);

        // A slot with a meeting is not removed on its own (the service frees or moves the meeting
        // first); NO ACTION is checked at the end of the statement, so deleting a partner, which
        // cascades to both its slots and its meetings, still works.
        b.HasOne<MeetingSlot>().WithMany().HasForeignKey(m => m.SlotId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.AttendeePersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.HostPersonId).OnDelete(DeleteBehavior.SetNull);

        // S-3.5: one live meeting per slot. A partial index; its filter reads the same on SQLite and PostgreSQL.
        b.HasIndex(m => m.SlotId).IsUnique().HasFilter($"\"Status\" IN ({Meeting.LiveStatusesSql})").HasDatabaseName("IX_Meetings_SlotId_Live");
        b.HasIndex(m => new { m.PartnerId, m.StartsAt });
        b.HasIndex(m => new { m.AttendeePersonId, m.StartsAt });
        b.HasIndex(m => new { m.Status, m.ExpiresAt });
    }
}

internal sealed class MeetingOccupancyConfiguration : IEntityTypeConfiguration<MeetingOccupancy>
{
    public void Configure(EntityTypeBuilder<MeetingOccupancy> b)
    {
        b.ToTable("MeetingOccupancy");

        // S-3.5, ADR 0009: a person's 5-minute cell is taken by one live meeting at most.
        b.HasKey(o => new { o.EventId, o.PersonId, o.CellStart });
        b.HasOne<Meeting>().WithMany().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => o.MeetingId);
        b.HasIndex(o => o.PersonId);
    }
}

internal sealed class MeetingMessageConfiguration : IEntityTypeConfiguration<MeetingMessage>
{
    public void Configure(EntityTypeBuilder<MeetingMessage> b)
    {
        b.Property(m => m.AuthorName).HasMaxLength(Person.NameMaxLength * 2);
        b.Property(m => m.Body).HasMaxLength(Meeting.MessageMaxLength);
        b.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.AuthorPersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => new { m.MeetingId, m.SentAt });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(f => f.OwnerKind).HasConversion<string>().HasMaxLength(8);
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.TokenHash).IsUnique();

        // One link in use per owner: regenerating revokes the old one in the same transaction.
        b.HasIndex(f => new { f.EventId, f.OwnerKind, f.OwnerId }).IsUnique().HasFilter("\"RevokedAt\" IS NULL").HasDatabaseName("IX_CalendarFeeds_Owner_Active");
    }
}
