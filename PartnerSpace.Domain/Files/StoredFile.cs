namespace PartnerSpace.Domain.Files;

/// <summary>What a stored file is for; decides who may read it.</summary>
public enum FilePurpose
{
    /// <summary>An image in a custom content page (S-1.3): read by anyone who sees the page.</summary>
    PageImage = 1,

    /// <summary>A partner's logo or an image answer of the profile form (S-1.4, S-2.2): public.</summary>
    ProfileImage = 2,

    /// <summary>A file answer of a form: read by the partner's administrators and organizers.</summary>
    FormFile = 3,

    /// <summary>A document the organizer shares (S-2.6): read by the partners it is assigned to and organizers.</summary>
    Document = 4,

    /// <summary>A file answer to a task (S-2.5): read by the partner's administrators and organizers.</summary>
    TaskAnswer = 5,
}

/// <summary>
/// An uploaded file: this row says what it is and whose; its bytes are on disk (<see cref="FileStore"/>).
/// </summary>
public sealed class StoredFile
{
    public const int FileNameMaxLength = 200;
    public const int ContentTypeMaxLength = 100;

    private StoredFile()
    {
    }

    public StoredFile(Guid eventId, Guid? partnerId, FilePurpose purpose, string fileName, string contentType, long length, DateTimeOffset createdAt)
    {
        EventId = eventId;
        PartnerId = partnerId;
        Purpose = purpose;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EventId { get; private set; }

    /// <summary>The partner the file belongs to, when it is a partner's.</summary>
    public Guid? PartnerId { get; private set; }

    public FilePurpose Purpose { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }

    /// <summary>
    /// Bytes of a file stored before files moved to disk; moved out at startup
    /// (<see cref="FileService.MoveLegacyContentAsync"/>), then null.
    /// </summary>
    public byte[]? LegacyContent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A smaller copy of an image for display (a logo resized), stored as its own file; null when none.</summary>
    public Guid? DisplayId { get; private set; }

    internal void UseDisplayCopy(Guid displayId) => DisplayId = displayId;

    internal void ForgetLegacyContent() => LegacyContent = null;
}
