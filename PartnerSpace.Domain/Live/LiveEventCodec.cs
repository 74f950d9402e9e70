using System.Collections.Frozen;
using System.Text.Json;

namespace PartnerSpace.Domain.Live;

/// <summary>
/// Live events as JSON between nodes: <c>{"node":…,"type":"ScansRecorded","event":{…}}</c>. The type
/// names are the records' own (every <see cref="LiveEvent"/> of this assembly, found once), so a new
/// event needs no registration; a name this node does not know comes from a newer node and is dropped.
/// </summary>
public static class LiveEventCodec
{
    /// <summary>The message a node sends when it got its connection back: every node's screens catch up.</summary>
    public const string ResyncAllType = "*resync";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<string, Type> TypesByName = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(LiveEvent)))
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The names of every event type this node can read and write.</summary>
    public static IReadOnlyCollection<string> TypeNames => TypesByName.Keys;

    public static byte[] Encode(string node, LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        var type = liveEvent.GetType();
        return JsonSerializer.SerializeToUtf8Bytes(new Envelope(node, type.Name, JsonSerializer.SerializeToElement(liveEvent, type, Json)), Json);
    }

    public static byte[] EncodeResyncAll(string node) => JsonSerializer.SerializeToUtf8Bytes(new Envelope(node, ResyncAllType, null), Json);

    /// <summary>Reads a message; <see cref="Decoded.Event"/> is null for a resync or a type this node does not know.</summary>
    /// <exception cref="JsonException">Not a message of this format.</exception>
    public static Decoded Decode(ReadOnlySpan<byte> message)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(message, Json) ?? throw new JsonException("An empty live message.");
        if (envelope.Node is null || envelope.Type is null)
        {
            throw new JsonException("A live message without its node or type.");
        }

        var liveEvent = envelope.Event is { } body && TypesByName.TryGetValue(envelope.Type, out var type)
            ? (LiveEvent?)body.Deserialize(type, Json)
            : null;
        return new Decoded(envelope.Node, envelope.Type, liveEvent);
    }

    public sealed record Decoded(string Node, string Type, LiveEvent? Event)
    {
        public bool IsResyncAll => Type == ResyncAllType;
    }

    private sealed record Envelope(string? Node, string? Type, JsonElement? Event);
}
