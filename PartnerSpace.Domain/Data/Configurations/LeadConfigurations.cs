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

        // The organizers' live figures: the scans of the last minutes and of the day, per partner.
        b.HasIndex(s => new { s.PartnerId, s.ReceivedAt });
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(l => l.LastScannedBy).HasMaxLength(Text.EmailMaxLength);
        b.Property(l => l.Notes).HasMaxLength(Lead.NotesMaxLength);
        b.Property(l => l.Tags).HasMaxLength(Lead.TagsMaxLength);
        b.Property(l => l.QualifiedBy).HasMaxLength(Text.EmailMaxLength);

        // Rating, follow-up and consent stay numbers: "hot first" sorts on them, and sources are flags.
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.OwnerPersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => new { l.PartnerId, l.PersonId }).IsUnique();
        b.HasIndex(l => new { l.PartnerId, l.LastCapturedAt });

        // The live counts of a category (sources are flags) read this index alone, not 100,000 rows.
        b.HasIndex(l => new { l.PartnerId, l.Sources });

        // The CRM cursor and "since my last download": one number per lead, in commit order.
        b.HasIndex(l => new { l.PartnerId, l.Sequence }).IsUnique();
        b.HasIndex(l => l.OwnerPersonId);
    }
}

internal sealed class PartnerLeadSequenceConfiguration : IEntityTypeConfiguration<PartnerLeadSequence>
{
    public void Configure(EntityTypeBuilder<PartnerLeadSequence> b)
    {
        b.HasKey(s => s.PartnerId);
        b.HasOne<Partner>().WithOne().HasForeignKey<PartnerLeadSequence>(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadQuestionConfiguration : IEntityTypeConfiguration<LeadQuestion>
{
    public void Configure(EntityTypeBuilder<LeadQuestion> b)
    {
        b.Property(q => q.Label).HasMaxLength(LeadQuestion.LabelMaxLength);
        b.Property(q => q.Options).HasMaxLength(LeadQuestion.OptionsMaxLength);
        b.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Partner>().WithMany().HasForeignKey(q => q.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(q => new { q.PartnerId, q.Position });
    }
}

internal sealed class LeadDownloadConfiguration : IEntityTypeConfiguration<LeadDownload>
{
    public void Configure(EntityTypeBuilder<LeadDownload> b)
    {
        b.Property(d => d.DownloadedBy).HasMaxLength(Text.EmailMaxLength);
        b.Property(d => d.Format).HasMaxLength(32);
        b.HasOne<Partner>().WithMany().HasForeignKey(d => d.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.PartnerId, d.DownloadedBy, d.At });
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.Property(w => w.Name).HasMaxLength(WebhookSubscription.NameMaxLength);
        b.Property(w => w.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        b.Property(w => w.Secret).HasMaxLength(100);
        b.HasOne<Partner>().WithMany().HasForeignKey(w => w.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(w => w.PartnerId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.SubscriptionId, d.At });
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
