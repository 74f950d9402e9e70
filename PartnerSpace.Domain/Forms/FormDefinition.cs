namespace PartnerSpace.Domain.Forms;

/// <summary>The stored form of one kind for one event; its fields are one JSON document.</summary>
public sealed class FormDefinition
{
    private FormDefinition()
    {
    }

    public FormDefinition(Guid eventId, FormKind kind)
    {
        EventId = eventId;
        Kind = kind;
    }

    public Guid EventId { get; private set; }

    public FormKind Kind { get; private set; }

    public string FieldsJson { get; private set; } = "[]";

    public int Version { get; private set; }

    internal void Replace(string fieldsJson)
    {
        FieldsJson = fieldsJson;
        Version++;
    }
}
