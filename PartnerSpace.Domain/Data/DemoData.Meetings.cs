using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Events;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    public const string AcmeStandName = "Stand B12";
    public const string AcmeVideoName = "Acme video room";

    /// <summary>
    /// S-1.8, S-2.8 to S-2.10, S-2.12, S-3: the sales-contact options all on; Acme and Nordlys each
    /// with a stand and an online room, 30-minute slots today (the morning's are past) and tomorrow,
    /// and meetings in every state: Léa (the demo attendee) has an accepted meeting with Acme,
    /// hosted by Hugo, with a short thread, a pending request to Nordlys and a message from Acme;
    /// Acme also has a request to answer, an invitation waiting, a declined request and contact shares.
    /// </summary>
    static partial void SeedMeetings(DemoContext demo)
    {
        var options = new EventOptions(demo.Show.Id);
        options.Apply(EventOptionValues.Default with
        {
            SalesContactTab = true,
            SalesContactsContactAttendees = true,
            SalesContactsChooseSlots = true,
            SalesContactsManageSpaces = true,
            OnlineSpaces = true,
            PhysicalSpaces = true,
        });
        demo.Db.EventOptions.Add(options);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(demo.Show.TimeZoneId);
        var today = TimeZoneInfo.ConvertTime(demo.Opens, zone).Date;
        DateTimeOffset At(int day, int hour, int minute)
        {
            var local = today.AddDays(day).AddHours(hour).AddMinutes(minute);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        var acme = demo.Partners[0];
        var nordlys = demo.Partners[2];
        var acmeSlots = SeedCalendar(demo, acme, AcmeStandName, "Hall 2, aisle B", AcmeVideoName, "https://meet.acme.example/demo", At);
        var nordlysSlots = SeedCalendar(demo, nordlys, "Stand A03", "Hall 1, aisle A", "Nordlys online", "https://visio.nordlys.example/salon", At);

        var lea = demo.Attendees[0].Person;
        var (sam, ines, noah, zoe, omar) = (demo.Attendees[11].Person, demo.Attendees[23].Person, demo.Attendees[37].Person, demo.Attendees[41].Person, demo.Attendees[52].Person);
        var now = demo.Now;

        // Acme. Léa's accepted meeting tomorrow on the stand with Hugo, and its thread.
        var leas = Meet(demo, acmeSlots[(1, 10, 0)], lea.Id, acme.Sales.Id, MeetingOrigin.AttendeeRequest, now.AddDays(-2), MeetingStatus.Accepted);
        demo.Db.MeetingMessages.Add(new MeetingMessage(leas.Id, lea.Id, lea.FullName, "Bonjour, j'aimerais voir votre robot de palettisation en vrai. Dix minutes suffiront !", now.AddDays(-2)));
        demo.Db.MeetingMessages.Add(new MeetingMessage(leas.Id, acme.Sales.Id, acme.Sales.FullName, "Avec plaisir, je vous attends sur le stand B12. Venez avec vos cadences actuelles.", now.AddDays(-1).AddHours(-3)));

        // A request waiting for Acme's answer, an invitation waiting for the attendee's, a declined request.
        Meet(demo, acmeSlots[(1, 10, 30)], sam.Id, null, MeetingOrigin.AttendeeRequest, now.AddHours(-3), MeetingStatus.Pending);
        Meet(demo, acmeSlots[(1, 14, 0)], ines.Id, acme.Sales.Id, MeetingOrigin.PartnerInvitation, now.AddHours(-5), MeetingStatus.Pending);
        Meet(demo, acmeSlots[(0, 10, 0)], noah.Id, null, MeetingOrigin.AttendeeRequest, now.AddDays(-3), MeetingStatus.Declined);

        // A meeting this morning, already held (or about to be, early in the day).
        Meet(demo, acmeSlots[(0, 10, 30)], zoe.Id, acme.Admin.Id, MeetingOrigin.AttendeeRequest, now.AddDays(-4), MeetingStatus.Accepted);

        // Nordlys: Léa's request waits for its answer; another attendee's meeting is accepted.
        Meet(demo, nordlysSlots[(1, 15, 0)], lea.Id, null, MeetingOrigin.AttendeeRequest, now.AddHours(-1), MeetingStatus.Pending);
        Meet(demo, nordlysSlots[(0, 14, 30)], omar.Id, nordlys.Sales.Id, MeetingOrigin.PartnerInvitation, now.AddDays(-1), MeetingStatus.Accepted);

        // S-2.12: contact shares and partner messages.
        demo.Db.ContactShares.Add(new ContactShare(demo.Show.Id, acme.Partner.Id, omar.Id, ContactShareOrigin.AttendeeShared, "Interested in your cobots for a small line.", now.AddHours(-6)));
        demo.Db.ContactShares.Add(new ContactShare(demo.Show.Id, nordlys.Partner.Id, sam.Id, ContactShareOrigin.AttendeeShared, null, now.AddHours(-2)));
        demo.Db.PartnerMessages.Add(new PartnerMessage(
            demo.Show.Id, acme.Partner.Id, lea.Id, acme.Sales.Id, acme.Sales.FullName,
            "Bonjour Léa, merci pour votre visite d'hier. Pouvons-nous vous envoyer notre documentation sur la maintenance prédictive ?",
            now.AddHours(-4)));
        demo.Db.PartnerMessages.Add(new PartnerMessage(
            demo.Show.Id, nordlys.Partner.Id, zoe.Id, nordlys.Admin.Id, nordlys.Admin.FullName,
            "Hello, would you like our case study on green hydrogen for factories?",
            now.AddHours(-8)));
    }

    /// <summary>A stand and an online room, slots of 30 minutes today and tomorrow: the stand's mornings, the room's afternoons (led by the sales contact).</summary>
    private static Dictionary<(int Day, int Hour, int Minute), MeetingSlot> SeedCalendar(
        DemoContext demo, DemoPartner partner, string stand, string place, string room, string link, Func<int, int, int, DateTimeOffset> at)
    {
        var physical = new MeetingSpace(partner.Partner.Id, stand, SpaceKind.Physical, null, place, 4, 0);
        var online = new MeetingSpace(partner.Partner.Id, room, SpaceKind.Online, link, null, null, 1);
        demo.Db.MeetingSpaces.AddRange(physical, online);
        var slots = new Dictionary<(int, int, int), MeetingSlot>();
        for (var day = 0; day <= 1; day++)
        {
            foreach (var (space, staff, from) in new[] { (physical, (Guid?)null, 9), (online, (Guid?)partner.Sales.Id, 14) })
            {
                for (var half = 0; half < 4; half++)
                {
                    var (hour, minute) = (from + (half / 2), half % 2 * 30);
                    var starts = at(day, hour, minute);
                    var slot = new MeetingSlot(demo.Show.Id, partner.Partner.Id, space.Id, staff, starts, starts.AddMinutes(30), demo.Now.AddDays(-7));
                    demo.Db.MeetingSlots.Add(slot);
                    slots[(day, hour, minute)] = slot;
                }
            }
        }

        return slots;
    }

    /// <summary>A meeting in a slot, in the given state; a live one takes its people's time (ADR 0009).</summary>
    private static Meeting Meet(DemoContext demo, MeetingSlot slot, Guid attendeeId, Guid? hostId, MeetingOrigin origin, DateTimeOffset createdAt, MeetingStatus status)
    {
        var meeting = new Meeting(demo.Show.Id, slot.PartnerId, slot, attendeeId, hostId, origin, createdAt, createdAt + EventOptionValues.Default.MeetingRequestExpiry);
        if (status != MeetingStatus.Pending)
        {
            meeting.ChangeStatus(status, createdAt.AddHours(2));
        }

        demo.Db.Meetings.Add(meeting);
        if (meeting.IsLive)
        {
            demo.Db.MeetingOccupancy.AddRange(MeetingOccupancy.Of(meeting, hostId is { } host ? [attendeeId, host] : [attendeeId]));
        }

        return meeting;
    }
}
