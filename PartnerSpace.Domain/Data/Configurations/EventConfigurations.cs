using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Events;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.HasIndex(e => e.Slug).IsUnique();
        b.Property(e => e.Slug).HasMaxLength(Event.SlugMaxLength);
        b.Property(e => e.TimeZoneId).HasMaxLength(60);
        b.OwnsLocalized(e => e.Name, Event.NameMaxLength);
    }
}

internal sealed class EventOrganizerConfiguration : IEntityTypeConfiguration<EventOrganizer>
{
    public void Configure(EntityTypeBuilder<EventOrganizer> b)
    {
        b.HasKey(o => new { o.EventId, o.UserId });
        b.HasOne<Event>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrganizerUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => o.UserId);
    }
}

internal sealed class EventOptionsConfiguration : IEntityTypeConfiguration<EventOptions>
{
    public void Configure(EntityTypeBuilder<EventOptions> b)
    {
        b.HasKey(o => o.EventId);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.ComplexProperty(o => o.Values);
        b.HasOne<Event>().WithOne().HasForeignKey<EventOptions>(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
