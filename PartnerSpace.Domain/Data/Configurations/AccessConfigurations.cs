using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> b)
    {
        b.Property(l => l.Email).HasMaxLength(Text.EmailMaxLength);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.RequestedFrom).HasMaxLength(64);
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.Email, l.CreatedAt });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(m => m.To).HasMaxLength(Text.EmailMaxLength);
        b.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.AttachmentFileName).HasMaxLength(OutboxMessage.AttachmentNameMaxLength);
        b.Property(m => m.AttachmentContentType).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        b.HasIndex(m => new { m.Status, m.CreatedAt });
        b.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class AccessEmailConfiguration : IEntityTypeConfiguration<AccessEmail>
{
    public void Configure(EntityTypeBuilder<AccessEmail> b)
    {
        b.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);

        // The outbox message and the link are read beside it (left joins): no constraint, so
        // clearing old outbox messages or links one day does not need to touch this history.
        b.HasIndex(a => new { a.PartnerId, a.PersonId, a.QueuedAt });
        b.HasIndex(a => a.PersonId);
    }
}

internal sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> b)
    {
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.Language).HasMaxLength(EmailTemplate.LanguageMaxLength);
        b.Property(t => t.Subject).HasMaxLength(EmailTemplate.SubjectMaxLength);
        b.Property(t => t.Body).HasMaxLength(EmailTemplate.BodyMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Event>().WithMany().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);

        // One text per event, e-mail and language: two first saves race to this index, one wins.
        b.HasIndex(t => new { t.EventId, t.Kind, t.Language }).IsUnique();
    }
}
