using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

public static partial class DemoData
{
    /// <summary>S-2.6: four small PDF documents for different audiences, some read; Acme has two left to read.</summary>
    static partial void SeedDocuments(DemoContext demo)
    {
        var random = new Random(2506);
        var now = demo.Now;
        var documents = new (string TitleFr, string TitleEn, string DescriptionFr, string DescriptionEn, string FileName, string[] Lines, Audience Audience, bool AcmeRead, double ReadShare)[]
        {
            ("Règlement des exposants", "Exhibitor rules", "Les règles du salon : horaires, sécurité, démontage.", "The show's rules: opening hours, safety, dismantling.",
                "reglement-exposants.pdf", ["Opening hours: 8:00 - 18:00", "Badges must be worn at all times", "Dismantling starts after the last day at 18:00"], Audience.All, true, 0.8),
            ("Plan du salon", "Floor plan", "Halls, allées et numéros de stands.", "Halls, aisles and stand numbers.",
                "plan-du-salon.pdf", ["Hall A: Gold sponsors", "Hall B: exhibitors and startups", "Conference rooms on the first floor"], Audience.All, false, 0.5),
            ("Guide logistique", "Logistics guide", "Livraisons, montage, électricité et parking.", "Deliveries, set-up, power and parking.",
                "guide-logistique.pdf", ["Deliveries: dock 3, the day before opening", "Set-up: 7:00 - 22:00", "Parking: P2, with your exhibitor badge"], Audience.OfCategories("Gold", "Silver"), false, 0.4),
            ("Kit de visibilité sponsors", "Sponsor visibility kit", "Logos, bannières et règles d'utilisation de la marque.", "Logos, banners and brand guidelines.",
                "kit-visibilite.pdf", ["Logo files and colours", "Banner sizes", "Social media hashtags"], Audience.OfCategories("Gold"), true, 0.6),
        };

        var position = 0;
        foreach (var d in documents)
        {
            var content = MinimalPdf.Create(d.TitleEn, d.Lines);
            var file = new StoredFile(demo.Show.Id, null, FilePurpose.Document, d.FileName, "application/pdf", content.Length, now.AddDays(-20 + position));
            demo.Db.Files.Add(file);
            demo.FileContents.Add((file.Id, content));
            var document = new EventDocument(demo.Show.Id, file.Id, new LocalizedText(d.TitleFr, d.TitleEn), new LocalizedText(d.DescriptionFr, d.DescriptionEn), d.Audience, position++, file.CreatedAt);
            demo.Db.Documents.Add(document);
            foreach (var member in demo.Partners.Where(p => d.Audience.Includes(p.Partner.Id, p.Partner.Category)))
            {
                var read = member == demo.Partners[0] ? d.AcmeRead : random.NextDouble() < d.ReadShare;
                if (read)
                {
                    demo.Db.DocumentReads.Add(new DocumentRead(document.Id, member.Partner.Id, member.Admin.Id, now.AddHours(-random.Next(1, 300))));
                }
            }
        }
    }
}
