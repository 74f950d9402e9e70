using PartnerSpace.Domain.Access;
using PartnerSpace.Domain.Audit;

namespace PartnerSpace.Domain.Data;

/// <summary>A few days of the demo show's security log (issue 8, item 6), so the screen is not empty.</summary>
public static partial class DemoData
{
    private const string DemoLaptop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private const string DemoPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private static void SeedSecurityLog(PartnerSpaceDbContext db, Guid eventId, DemoPartner acme, OrganizerUser organizer, DateTimeOffset now)
    {
        var nadia = new SecurityActor(SecurityActorKind.Organizer, organizer.Id, organizer.DisplayName);
        var claire = new SecurityActor(SecurityActorKind.Person, acme.Admin.Id, $"{acme.Admin.FirstName} {acme.Admin.LastName}");
        var office = new RequestOrigin("192.0.2.10", DemoLaptop);
        var stand = new RequestOrigin("198.51.100.23", DemoPhone);
        var partnerId = acme.Partner.Id;
        SecurityEvent Line(SecurityAction action, SecurityActor actor, RequestOrigin origin, TimeSpan ago, string? target, Guid? partner = null, string? details = null) =>
            new(eventId, action, actor, origin, now - ago, target, partner, details);

        db.SecurityEvents.AddRange(
            Line(SecurityAction.SignedIn, nadia, office, TimeSpan.FromDays(3), OrganizerEmail),
            Line(SecurityAction.AccessEmailSent, nadia, office, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), acme.Admin.Email, partnerId),
            Line(SecurityAction.SignInLinkRequested, SecurityActor.Anonymous, office, TimeSpan.FromDays(2), acme.Admin.Email, partnerId),
            Line(SecurityAction.SignedIn, claire, office, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(2), acme.Admin.Email, partnerId),
            Line(SecurityAction.DeviceKeyCreated, claire, office, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10), "Demo scanner", partnerId, "…demo"),
            Line(SecurityAction.SignInFailed, SecurityActor.Anonymous, new RequestOrigin("203.0.113.77", DemoLaptop), TimeSpan.FromHours(20), OrganizerEmail, null, "Wrong password"),
            Line(SecurityAction.SignedIn, claire, stand, TimeSpan.FromHours(2), acme.Admin.Email, partnerId),
            Line(SecurityAction.LeadsExported, claire, stand, TimeSpan.FromMinutes(45), acme.Partner.Name, partnerId, "58 leads, xlsx"));
    }
}
