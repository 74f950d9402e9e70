using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("Files");
        b.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.FileName).HasMaxLength(StoredFile.FileNameMaxLength);
        b.Property(f => f.ContentType).HasMaxLength(StoredFile.ContentTypeMaxLength);
        b.Property(f => f.LegacyContent).HasColumnName("Content");
        b.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(f => f.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.EventId, f.Purpose });
    }
}
