using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Sessions;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    /// <summary>
    /// S-2.12: Acme has rows in all five lead categories: attendance at its sessions (registered,
    /// some present), networking contacts of its staff, more shares and answered messages, and part
    /// of its scanned leads qualified. Their leads are made by <see cref="LeadBackfill"/> after the save.
    /// </summary>
    static partial void SeedLeads(DemoContext demo)
    {
        var random = new Random(7412);
        var acme = demo.Partners[0];
        var now = demo.Now;
        var people = demo.Attendees;

        // Sessions: about twenty attendees registered to each Acme session; those of a started one mostly present.
        var sessions = demo.Db.SessionHosts.Local.Where(h => h.PartnerId == acme.Partner.Id)
            .Join(demo.Db.Sessions.Local, h => h.SessionId, s => s.Id, (_, s) => s).ToList();
        foreach (var session in sessions)
        {
            foreach (var (person, _) in people.Skip(random.Next(0, 40)).Take(20))
            {
                var registered = now.AddDays(-random.Next(1, 10)).AddMinutes(-random.Next(0, 600));
                DateTimeOffset? present = session.StartsAt < now && random.Next(4) > 0 ? session.StartsAt.AddMinutes(random.Next(-10, 10)) : null;
                demo.Db.SessionAttendances.Add(new SessionAttendance(session.Id, person.Id, registered, present));
            }
        }

        // Networking: people Acme's staff met on the floor.
        for (var i = 0; i < 8; i++)
        {
            var (person, _) = people[100 + (i * 7)];
            var owner = i % 2 == 0 ? acme.Admin : acme.Sales;
            string? note = i % 3 == 0 ? "Met at the coffee corner; wants a quote." : null;
            demo.Db.NetworkingContacts.Add(new NetworkingContact(demo.Show.Id, owner.Id, person.Id, note, now.AddMinutes(-30 - (i * 25))));
        }

        // Sharing and messaging: two more shares, an accepted and a declined message, one waiting.
        demo.Db.ContactShares.Add(new ContactShare(demo.Show.Id, acme.Partner.Id, people[150].Person.Id, ContactShareOrigin.AttendeeShared, "Send me the cobot price list, please.", now.AddHours(-3)));
        demo.Db.ContactShares.Add(new ContactShare(demo.Show.Id, acme.Partner.Id, people[151].Person.Id, ContactShareOrigin.AttendeeShared, null, now.AddMinutes(-50)));
        var accepted = new PartnerMessage(demo.Show.Id, acme.Partner.Id, people[152].Person.Id, acme.Sales.Id, acme.Sales.FullName, "Thanks for stopping by! May we send you our predictive maintenance white paper?", now.AddHours(-5));
        accepted.AnswerWith(MessageAnswer.Accepted, "Yes please, and a demo next month.", now.AddHours(-4));
        var declined = new PartnerMessage(demo.Show.Id, acme.Partner.Id, people[153].Person.Id, acme.Admin.Id, acme.Admin.FullName, "Would you like a call about our cobots?", now.AddHours(-6));
        declined.AnswerWith(MessageAnswer.Declined, null, now.AddHours(-2));
        demo.Db.PartnerMessages.AddRange(accepted, declined);
        demo.Db.ContactShares.Add(new ContactShare(demo.Show.Id, acme.Partner.Id, people[152].Person.Id, ContactShareOrigin.AcceptedMessage, null, now.AddHours(-4)));
        demo.Db.PartnerMessages.Add(new PartnerMessage(demo.Show.Id, acme.Partner.Id, people[154].Person.Id, acme.Sales.Id, acme.Sales.FullName, "Bonjour, souhaitez-vous une démonstration sur notre stand demain ?", now.AddMinutes(-20)));

        // Qualification: a third of Acme's scanned leads rated, tagged, followed up.
        string[][] tags = [["cobots"], ["maintenance", "budget 2027"], ["distributor"], ["cobots", "quote"]];
        var scanned = demo.Db.Leads.Local.Where(l => l.PartnerId == acme.Partner.Id).OrderBy(l => l.Sequence).ToList();
        for (var i = 0; i < scanned.Count; i += 3)
        {
            var rating = (LeadRating)(1 + (i / 3 % 3));
            var followUp = (LeadFollowUp)(i % 5);
            var owner = i % 2 == 0 ? acme.Sales.Id : acme.Admin.Id;
            var notes = rating == LeadRating.Hot ? "Ready to buy before year end; call back on Monday." : null;
            scanned[i].Qualify(new LeadQualification(rating, followUp, notes, tags[i % tags.Length], owner, new Dictionary<Guid, string>()), acme.Admin.Email, now.AddMinutes(-i));
        }
    }
}
