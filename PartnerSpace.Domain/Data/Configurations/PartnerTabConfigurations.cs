using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Discounts;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Sessions;
using PartnerSpace.Domain.Tasks;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.Property(o => o.Title).HasMaxLength(Offer.TitleMaxLength);
        b.Property(o => o.Description).HasMaxLength(Offer.DescriptionMaxLength);
        b.Property(o => o.Link).HasMaxLength(Offer.LinkMaxLength);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Partner>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.PartnerId, o.Position });
    }
}

internal sealed class PartnerTaskConfiguration : IEntityTypeConfiguration<PartnerTask>
{
    public void Configure(EntityTypeBuilder<PartnerTask> b)
    {
        b.ToTable("Tasks");
        b.OwnsLocalized(t => t.Title, PartnerTask.TitleMaxLength);
        b.OwnsLocalized(t => t.Instructions, PartnerTask.InstructionsMaxLength);
        b.Property(t => t.AnswerKind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.Audience);
        b.Ignore(t => t.Choices);
        b.Ignore(t => t.FileRules);
        b.HasOne<Event>().WithMany().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.EventId, t.Position });
    }
}

internal sealed class TaskProgressConfiguration : IEntityTypeConfiguration<TaskProgress>
{
    public void Configure(EntityTypeBuilder<TaskProgress> b)
    {
        b.HasKey(p => new { p.TaskId, p.PartnerId });
        b.Property(p => p.AnswerText).HasMaxLength(TaskProgress.AnswerMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.IsCompleted);
        b.HasOne<PartnerTask>().WithMany().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(p => p.AnswerFileId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.PartnerId);
    }
}

internal sealed class EventDocumentConfiguration : IEntityTypeConfiguration<EventDocument>
{
    public void Configure(EntityTypeBuilder<EventDocument> b)
    {
        b.ToTable("Documents");
        b.OwnsLocalized(d => d.Title, EventDocument.TitleMaxLength);
        b.OwnsLocalized(d => d.Description, EventDocument.DescriptionMaxLength);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Audience);
        b.HasOne<Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(d => d.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.EventId, d.Position });
    }
}

internal sealed class DocumentReadConfiguration : IEntityTypeConfiguration<DocumentRead>
{
    public void Configure(EntityTypeBuilder<DocumentRead> b)
    {
        b.HasKey(r => new { r.DocumentId, r.PartnerId });
        b.HasOne<EventDocument>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.PartnerId);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.Property(s => s.Title).HasMaxLength(Session.TitleMaxLength);
        b.Property(s => s.Room).HasMaxLength(Session.RoomMaxLength);
        b.Property(s => s.Type).HasMaxLength(Session.TypeMaxLength);
        b.Property(s => s.Description).HasMaxLength(Session.DescriptionMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.EventId, s.StartsAt });
    }
}

internal sealed class SessionHostConfiguration : IEntityTypeConfiguration<SessionHost>
{
    public void Configure(EntityTypeBuilder<SessionHost> b)
    {
        b.HasKey(h => new { h.SessionId, h.PartnerId });
        b.HasOne<Session>().WithMany().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(h => h.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => h.PartnerId);
    }
}

internal sealed class SessionSpeakerConfiguration : IEntityTypeConfiguration<SessionSpeaker>
{
    public void Configure(EntityTypeBuilder<SessionSpeaker> b)
    {
        b.HasKey(s => new { s.SessionId, s.PersonId });
        b.HasOne<Session>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.PartnerId);
        b.HasIndex(s => s.PersonId);
    }
}

internal sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> b)
    {
        b.HasKey(a => new { a.SessionId, a.PersonId });
        b.HasOne<Session>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.PersonId);
    }
}

internal sealed class DiscountCodeConfiguration : IEntityTypeConfiguration<DiscountCode>
{
    public void Configure(EntityTypeBuilder<DiscountCode> b)
    {
        b.Property(c => c.Code).HasMaxLength(DiscountCode.CodeMaxLength);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.EventId, c.Code }).IsUnique();
        b.HasIndex(c => c.PartnerId);
    }
}

internal sealed class TicketPurchaseConfiguration : IEntityTypeConfiguration<TicketPurchase>
{
    public void Configure(EntityTypeBuilder<TicketPurchase> b)
    {
        b.Property(t => t.TicketReference).HasMaxLength(TicketPurchase.ReferenceMaxLength);
        b.Property(t => t.OrderReference).HasMaxLength(TicketPurchase.ReferenceMaxLength);
        b.Property(t => t.Code).HasMaxLength(DiscountCode.CodeMaxLength);
        b.Property(t => t.BuyerName).HasMaxLength(TicketPurchase.NameMaxLength);
        b.Property(t => t.BuyerEmail).HasMaxLength(Common.Text.EmailMaxLength);
        b.Property(t => t.AttendeeName).HasMaxLength(TicketPurchase.NameMaxLength);
        b.Property(t => t.AttendeeEmail).HasMaxLength(Common.Text.EmailMaxLength);
        b.Property(t => t.TicketType).HasMaxLength(TicketPurchase.TicketTypeMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DiscountCode>().WithMany().HasForeignKey(t => t.DiscountCodeId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(t => new { t.EventId, t.TicketReference }).IsUnique();
        b.HasIndex(t => t.DiscountCodeId);
    }
}

internal sealed class HomeDashboardConfiguration : IEntityTypeConfiguration<HomeDashboard>
{
    public void Configure(EntityTypeBuilder<HomeDashboard> b)
    {
        b.HasKey(d => d.EventId);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Elements);
        b.Ignore(d => d.Contacts);
        b.HasOne<Event>().WithOne().HasForeignKey<HomeDashboard>(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
