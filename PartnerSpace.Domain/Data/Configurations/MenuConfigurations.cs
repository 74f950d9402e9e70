using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Menu;

namespace PartnerSpace.Domain.Data.Configurations;

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> b)
    {
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(p => p.Slug).HasMaxLength(Page.SlugMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.OwnsLocalized(p => p.Title, Page.TitleMaxLength);
        b.OwnsLocalized(p => p.Introduction, Page.IntroductionMaxLength);
        b.OwnsLocalized(p => p.Body, Page.BodyMaxLength);
        b.OwnsLocalized(p => p.Help, Page.HelpMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.EventId, p.Slug }).IsUnique();
    }
}

internal sealed class MenuItemConfiguration : IEntityTypeConfiguration<MenuItem>
{
    public void Configure(EntityTypeBuilder<MenuItem> b)
    {
        b.Property(m => m.Icon).HasMaxLength(MenuItem.IconMaxLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.OwnsLocalized(m => m.Label, MenuItem.LabelMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Page).WithMany().HasForeignKey(m => m.PageId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.EventId, m.Position });
    }
}

internal sealed class MenuSettingsConfiguration : IEntityTypeConfiguration<MenuSettings>
{
    public void Configure(EntityTypeBuilder<MenuSettings> b)
    {
        b.HasKey(s => s.EventId);
        b.Property(s => s.Color).HasMaxLength(7);
        b.Property(s => s.Position).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Event>().WithOne().HasForeignKey<MenuSettings>(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FormDefinitionConfiguration : IEntityTypeConfiguration<Forms.FormDefinition>
{
    public void Configure(EntityTypeBuilder<Forms.FormDefinition> b)
    {
        b.ToTable("Forms");
        b.HasKey(f => new { f.EventId, f.Kind });
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
