using System.Reflection;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "D-8")]
public sealed class LiveEventCodecTests
{
    [Fact]
    public void EveryLiveEventTypeComesBackEqualAfterTheTrip()
    {
        var types = typeof(LiveEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(LiveEvent))).ToList();

        Assert.Equal(types.Count, LiveEventCodec.TypeNames.Count);
        Assert.True(types.Count > 20, "the registry finds the events of every area");
        foreach (var type in types)
        {
            var original = Sample(type);
            var decoded = LiveEventCodec.Decode(LiveEventCodec.Encode("node-a", original));
            Assert.Equal("node-a", decoded.Node);
            Assert.Equal(original, decoded.Event);
        }
    }

    [Fact]
    public void AnEventToldOnAnotherTopicKeepsItsTopic()
    {
        var change = new ContactsChanged(Guid.NewGuid(), Guid.NewGuid()).ForPerson();

        var decoded = LiveEventCodec.Decode(LiveEventCodec.Encode("n", change));

        Assert.Equal(change.Topic, decoded.Event?.Topic);
        Assert.StartsWith("person:", decoded.Event?.Topic, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTypeDecodesToNoEvent()
    {
        var decoded = LiveEventCodec.Decode("""{"node":"newer","type":"ScansUndone","event":{"topic":"partner:1"}}"""u8);

        Assert.Null(decoded.Event);
        Assert.False(decoded.IsResyncAll);
        Assert.Equal("ScansUndone", decoded.Type);
    }

    [Fact]
    public void AResyncOfEveryNodeHasNoEvent()
    {
        var decoded = LiveEventCodec.Decode(LiveEventCodec.EncodeResyncAll("node-b"));

        Assert.True(decoded.IsResyncAll);
        Assert.Equal("node-b", decoded.Node);
        Assert.Null(decoded.Event);
    }

    // The primary constructor with made-up values: a Guid, a string, a number, an enum's first value.
    private static LiveEvent Sample(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => c.GetParameters().All(p => p.ParameterType != type))
            .OrderByDescending(c => c.GetParameters().Length)
            .First();
        var values = constructor.GetParameters().Select(p => Value(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)).ToArray();
        return (LiveEvent)constructor.Invoke(values);
    }

    private static object Value(Type type) =>
        type == typeof(Guid) ? Guid.NewGuid()
        : type == typeof(string) ? "kind-7"
        : type == typeof(int) ? 7
        : type == typeof(long) ? 7L
        : type == typeof(bool) ? true
        : type.IsEnum ? Enum.GetValues(type).GetValue(0)!
        : throw new InvalidOperationException($"No sample value for {type}");
}
