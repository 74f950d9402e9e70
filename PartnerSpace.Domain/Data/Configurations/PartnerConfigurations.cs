using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.Property(p => p.Name).HasMaxLength(Partner.NameMaxLength);
        b.Property(p => p.Category).HasMaxLength(Partner.CategoryMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.SpaceOpenedBy).HasMaxLength(Partner.OpenedByMaxLength);
        b.Ignore(p => p.IsSpaceOpen);
        b.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.EventId, p.Name }).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.Email).HasMaxLength(Text.EmailMaxLength);
        b.Property(p => p.FirstName).HasMaxLength(Person.NameMaxLength);
        b.Property(p => p.LastName).HasMaxLength(Person.NameMaxLength);
        b.Property(p => p.Company).HasMaxLength(Person.CompanyMaxLength);
        b.Property(p => p.Language).HasMaxLength(5);
        b.Property(p => p.SecurityStamp).HasMaxLength(64);
        b.Ignore(p => p.FullName);
        b.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.EventId, p.Email }).IsUnique();

        // S-2.8: the contact list pages through an event's people in name order.
        b.HasIndex(p => new { p.EventId, p.LastName, p.FirstName });
        b.HasIndex(p => p.Email);
    }
}

internal sealed class PartnerMemberConfiguration : IEntityTypeConfiguration<PartnerMember>
{
    public void Configure(EntityTypeBuilder<PartnerMember> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(24);
        b.HasOne(m => m.Partner).WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.PartnerId, m.PersonId }).IsUnique();
        b.HasIndex(m => m.PersonId);
    }
}

internal sealed class AttendeeConfiguration : IEntityTypeConfiguration<Attendee>
{
    public void Configure(EntityTypeBuilder<Attendee> b)
    {
        b.Property(a => a.BadgeCode).HasMaxLength(Attendee.BadgeCodeMaxLength);
        b.Property(a => a.Ticket).HasMaxLength(Attendee.TicketMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Person).WithOne().HasForeignKey<Attendee>(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.EventId, a.BadgeCode }).IsUnique();
        b.Property(a => a.ListedInContacts).HasDefaultValue(true).HasSentinel(true);
    }
}

internal sealed class PartnerProfileConfiguration : IEntityTypeConfiguration<PartnerProfile>
{
    public void Configure(EntityTypeBuilder<PartnerProfile> b)
    {
        b.ToTable("PartnerProfiles");
        b.HasKey(p => p.PartnerId);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Partner>().WithOne().HasForeignKey<PartnerProfile>(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
