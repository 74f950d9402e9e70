using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Documents;

/// <summary>S-2.6: a document the organizer shares with partners (rules, floor plan, logistics guide).</summary>
public sealed class EventDocument
{
    public const int TitleMaxLength = 160;
    public const int DescriptionMaxLength = 2000;

    private EventDocument()
    {
    }

    public EventDocument(Guid eventId, Guid fileId, LocalizedText title, LocalizedText description, Audience audience, int position, DateTimeOffset createdAt)
    {
        EventId = eventId;
        FileId = fileId;
        Title = title;
        Description = description;
        AudienceJson = audience.ToJson();
        Position = position;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    /// <summary>The uploaded file (<see cref="Files.FilePurpose.Document"/>).</summary>
    public Guid FileId { get; private set; }

    public LocalizedText Title { get; private set; } = LocalizedText.Empty;

    public LocalizedText Description { get; private set; } = LocalizedText.Empty;

    public string AudienceJson { get; private set; } = "";

    public Audience Audience => Audience.FromJson(AudienceJson);

    public int Position { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    internal void Edit(LocalizedText title, LocalizedText description, Audience audience)
    {
        Title = title;
        Description = description;
        AudienceJson = audience.ToJson();
        Version++;
    }

    internal void ReplaceFile(Guid fileId)
    {
        FileId = fileId;
        Version++;
    }

    internal void MoveTo(int position) => Position = position;
}

/// <summary>S-2.6: the first time someone of a partner opened a document; the partner's "Read" list.</summary>
public sealed class DocumentRead
{
    private DocumentRead()
    {
    }

    public DocumentRead(Guid documentId, Guid partnerId, Guid? readBy, DateTimeOffset readAt)
    {
        DocumentId = documentId;
        PartnerId = partnerId;
        ReadBy = readBy;
        ReadAt = readAt;
    }

    public Guid DocumentId { get; private set; }

    public Guid PartnerId { get; private set; }

    /// <summary>The person who opened it first; null when an organizer marked it.</summary>
    public Guid? ReadBy { get; private set; }

    public DateTimeOffset ReadAt { get; private set; }
}
