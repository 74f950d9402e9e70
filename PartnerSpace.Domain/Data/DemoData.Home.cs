using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    /// <summary>
    /// S-2.1: the demo's Home page (every counter, the checklist, three organizer contacts) and
    /// team-form answers (job title, phone) for the demo partners' people (S-1.5).
    /// </summary>
    static partial void SeedHome(DemoContext demo)
    {
        var random = new Random(2101);
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var dashboard = new HomeDashboard(demo.Show.Id);
        dashboard.Apply(HomeDashboard.DefaultElements,
        [
            new HomeContact("Nadia Organizer", "Partner manager", OrganizerEmail, "+33 4 72 00 10 10"),
            new HomeContact("Marc Lefort", "Logistics and stands", "logistique@industrie-demain.example", "+33 4 72 00 10 20"),
            new HomeContact("Sophie Tran", "Sponsorship and invoicing", "sponsoring@industrie-demain.example", null),
        ]);
        demo.Db.HomeDashboards.Add(dashboard);

        // The default team form: job title, phone (FormService.Defaults, ids derived from the event).
        var fields = FormService.Defaults(demo.Show.Id, FormKind.Team);
        string[] adminTitles = ["Marketing director", "Event manager", "Head of communication", "Partnerships lead"];
        string[] salesTitles = ["Key account manager", "Sales engineer", "Business developer", "Regional sales manager"];
        foreach (var member in demo.Db.PartnerMembers.Local)
        {
            var titles = member.Role == MemberRole.Administrator ? adminTitles : salesTitles;
            var answers = new Dictionary<Guid, string?>
            {
                [fields[0].Id] = titles[random.Next(titles.Length)],
                [fields[1].Id] = $"+33 6 {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}",
            };
            member.ReplaceAnswers(System.Text.Json.JsonSerializer.Serialize(answers, json));
        }
    }
}
