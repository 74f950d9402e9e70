using PartnerSpace.Domain.Sessions;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    public const string AcmeDescribedSession = "Robots that learn on the line";
    public const string AcmeOpenSession = "Predictive maintenance in practice";

    private static readonly string[] SessionRooms = ["Salle Lumière", "Salle Jacquard", "Auditorium"];

    private static readonly (string Title, int Day, int Hour, int Room, string Type, int[] Hosts)[] SessionRows =
    [
        (AcmeDescribedSession, 0, 10, 2, "Keynote", [0]),
        ("Green hydrogen for factories", 0, 11, 0, "Talk", [2]),
        ("Sourdough at industrial scale", 0, 14, 1, "Workshop", [3]),
        ("Data spaces for manufacturers", 0, 16, 0, "Talk", [5, 10]),
        (AcmeOpenSession, 1, 9, 1, "Workshop", [0]),
        ("Biotech meets the assembly line", 1, 11, 2, "Talk", [4]),
        ("Light as a material", 1, 14, 0, "Workshop", [6]),
        ("Last-mile logistics by bike", 1, 16, 1, "Talk", [7, 8]),
        ("Satellites and supply chains", 2, 9, 2, "Keynote", [12]),
        ("From farm to factory", 2, 11, 0, "Talk", [13]),
    ];

    /// <summary>
    /// S-2.7: ten sessions over the show's three days in three rooms; Acme hosts two, one already
    /// described with its administrator as speaker, the other still to complete.
    /// </summary>
    static partial void SeedSessions(DemoContext demo)
    {
        var random = new Random(7207);
        var zone = SessionService.ZoneOf(demo.Show.TimeZoneId);
        var first = TimeZoneInfo.ConvertTime(demo.Opens, zone).Date;
        foreach (var row in SessionRows)
        {
            var local = first.AddDays(row.Day).AddHours(row.Hour);
            var starts = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            var session = new Session(demo.Show.Id, row.Title, starts, starts.AddMinutes(row.Type == "Workshop" ? 90 : 45), SessionRooms[row.Room], row.Type, demo.Now.AddDays(-20));
            var registrants = random.Next(20, 180);
            var started = starts < demo.Now;
            session.Count(registrants, started ? random.Next(registrants / 2, registrants) : 0);
            demo.Db.Sessions.Add(session);
            foreach (var host in row.Hosts)
            {
                demo.Db.SessionHosts.Add(new SessionHost(session.Id, demo.Partners[host].Partner.Id));
            }

            if (row.Hosts[0] != 0 || row.Title == AcmeDescribedSession)
            {
                // Most partners have completed their session; Acme's second one is left to the demo.
                var lead = demo.Partners[row.Hosts[0]];
                session.Describe($"{row.Title}: a {row.Type.ToLowerInvariant()} by {lead.Partner.Name}, with real cases from the shop floor and time for questions.");
                demo.Db.SessionSpeakers.Add(new SessionSpeaker(session.Id, lead.Partner.Id, lead.Admin.Id, 0));
            }
        }
    }
}
