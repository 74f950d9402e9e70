using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Data.Configurations;

internal static class LocalizedTextMapping
{
    /// <summary>Maps a <see cref="LocalizedText"/> to two columns, <c>{Name}Fr</c> and <c>{Name}En</c>.</summary>
    public static void OwnsLocalized<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, LocalizedText?>> property, int maxLength)
        where T : class
    {
        var name = ((MemberExpression)property.Body).Member.Name;
        var text = builder.ComplexProperty(property);
        text.Property(t => t.Fr).HasColumnName(name + "Fr").HasMaxLength(maxLength);
        text.Property(t => t.En).HasColumnName(name + "En").HasMaxLength(maxLength);
    }
}
