using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Tasks;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    /// <summary>
    /// S-2.5: five tasks of every answer kind for different audiences, one overdue (the insurance
    /// certificate, which Acme has not sent), some done by some partners, one reminder sent.
    /// </summary>
    static partial void SeedTasks(DemoContext demo)
    {
        var random = new Random(2505);
        var now = demo.Now;
        var tasks = new (PartnerTask Task, double DoneShare)[]
        {
            (DemoTask(demo, 0, "Accepter le règlement des exposants", "Accept the exhibitor rules",
                "Lisez le règlement (onglet Documents) et confirmez que votre équipe le respectera.",
                "Read the rules (Documents tab) and confirm your team will follow them.",
                TaskAnswerKind.Acknowledgement, [], null, demo.Opens.AddDays(2).AddHours(10), Audience.All), 0.8),
            (DemoTask(demo, 1, "Envoyer votre attestation d'assurance", "Send your insurance certificate",
                "Votre attestation de responsabilité civile pour la durée du salon, en **PDF** ou en image.",
                "Your liability insurance certificate covering the show, as a **PDF** or an image.",
                TaskAnswerKind.File, [], new FileRules([FileKind.Pdf, FileKind.Png, FileKind.Jpeg], 10), demo.Opens.AddDays(-1).AddHours(10), Audience.OfCategories("Gold", "Silver")), 0.5),
            (DemoTask(demo, 2, "Puissance électrique du stand", "Stand power supply",
                "Choisissez la puissance dont votre stand a besoin.", "Choose the power your stand needs.",
                TaskAnswerKind.Choice, [new("3 kW (inclus)", "3 kW (included)"), new("6 kW", "6 kW"), new("12 kW", "12 kW")], null, demo.Opens.AddDays(1).AddHours(10), Audience.All), 0.6),
            (DemoTask(demo, 3, "Responsable du stand à l'ouverture", "Person on the stand at opening",
                "Nom et téléphone de la personne présente sur le stand à l'ouverture des portes.",
                "Name and phone number of the person on the stand when the doors open.",
                TaskAnswerKind.Text, [], null, null, Audience.OfCategories("Exhibitor", "Startup")), 0.5),
            (DemoTask(demo, 4, "Votre bilan du salon", "Your feedback on the show",
                "Qu'avez-vous pensé du salon ? Vos idées pour l'an prochain.", "What did you think of the show? Your ideas for next year.",
                TaskAnswerKind.Text, [], null, demo.Opens.AddDays(7).AddHours(10), Audience.OfPartners(demo.Partners[0].Partner.Id, demo.Partners[2].Partner.Id, demo.Partners[12].Partner.Id)), 0.0),
        };

        var acme = demo.Partners[0];
        foreach (var (task, doneShare) in tasks)
        {
            demo.Db.Tasks.Add(task);
            foreach (var member in demo.Partners.Where(p => task.Audience.Includes(p.Partner.Id, p.Partner.Category)))
            {
                // Acme, the partner people sign in as, has done the first task only: the others await it.
                var done = member == acme ? task.Position == 0 : random.NextDouble() < doneShare;
                if (!done)
                {
                    continue;
                }

                var progress = new TaskProgress(task.Id, member.Partner.Id);
                var at = now.AddHours(-random.Next(2, 200));
                Guid? fileId = null;
                string? text = null;
                switch (task.AnswerKind)
                {
                    case TaskAnswerKind.File:
                        var content = MinimalPdf.Create($"Attestation d'assurance - {member.Partner.Name}", "Responsabilite civile exposant", "Valable pendant toute la duree du salon");
                        var file = new StoredFile(demo.Show.Id, member.Partner.Id, FilePurpose.TaskAnswer, "attestation-assurance.pdf", "application/pdf", content.Length, at);
                        demo.Db.Files.Add(file);
                        demo.FileContents.Add((file.Id, content));
                        fileId = file.Id;
                        break;
                    case TaskAnswerKind.Choice:
                        text = random.Next(task.Choices.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case TaskAnswerKind.Text:
                        text = $"{member.Admin.FullName}, +33 6 {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}";
                        break;
                }

                progress.Complete(text, fileId, member.Admin.Id, at);
                demo.Db.TaskProgress.Add(progress);
            }
        }

        // The overdue certificate: the organizer already reminded Acme once.
        var reminded = new TaskProgress(tasks[1].Task.Id, acme.Partner.Id);
        reminded.Remind(now.AddDays(-2));
        demo.Db.TaskProgress.Add(reminded);
    }

    private static PartnerTask DemoTask(DemoContext demo, int position, string titleFr, string titleEn, string instructionsFr, string instructionsEn,
        TaskAnswerKind kind, IReadOnlyList<LocalizedText> choices, FileRules? rules, DateTimeOffset? dueAt, Audience audience)
    {
        var title = new LocalizedText(titleFr, titleEn);
        var instructions = new LocalizedText(instructionsFr, instructionsEn);
        var task = new PartnerTask(demo.Show.Id, title, instructions, kind, dueAt, audience, demo.Now.AddDays(-30 + position));
        task.Edit(title, instructions, kind, choices, rules, dueAt, allowReopen: true, audience);
        task.MoveTo(position);
        return task;
    }
}
