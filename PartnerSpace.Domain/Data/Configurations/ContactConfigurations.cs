using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class ContactShareConfiguration : IEntityTypeConfiguration<ContactShare>
{
    public void Configure(EntityTypeBuilder<ContactShare> b)
    {
        b.Property(s => s.Origin).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Note).HasMaxLength(ContactShare.NoteMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);

        // One consent per partner and person: sharing again renews it.
        b.HasIndex(s => new { s.PartnerId, s.PersonId }).IsUnique();
        b.HasIndex(s => new { s.PartnerId, s.SharedAt });
        b.HasIndex(s => s.PersonId);
    }
}

internal sealed class PartnerMessageConfiguration : IEntityTypeConfiguration<PartnerMessage>
{
    public void Configure(EntityTypeBuilder<PartnerMessage> b)
    {
        b.Property(m => m.SenderName).HasMaxLength(Person.NameMaxLength * 2);
        b.Property(m => m.Body).HasMaxLength(PartnerMessage.BodyMaxLength);
        b.Property(m => m.Reply).HasMaxLength(PartnerMessage.BodyMaxLength);
        b.Property(m => m.Answer).HasConversion<string>().HasMaxLength(10);
        b.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.AttendeePersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.SenderPersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => new { m.PartnerId, m.SentAt });
        b.HasIndex(m => new { m.AttendeePersonId, m.SentAt });
    }
}

internal sealed class NetworkingContactConfiguration : IEntityTypeConfiguration<NetworkingContact>
{
    public void Configure(EntityTypeBuilder<NetworkingContact> b)
    {
        b.Property(c => c.Note).HasMaxLength(NetworkingContact.NoteMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.OwnerPersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.ContactPersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.OwnerPersonId, c.ContactPersonId }).IsUnique();
        b.HasIndex(c => c.ContactPersonId);
    }
}
