using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using PartnerSpace.Domain.Files;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Offers;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// The demo's profiles (description, website, logo, country of the default profile form) and
/// offers (S-2.4), so the public directory and partner pages look like a real show's.
/// </summary>
public static partial class DemoData
{
    private sealed record ShowcaseRow(string Description, string Country, uint Color, (string Title, string? Description, bool Visible)[] Offers);

    private static readonly Dictionary<string, ShowcaseRow> Showcase = new(StringComparer.Ordinal)
    {
        [AcmeName] = new(
            "Acme builds the tools factories run on: connected anvils, portable holes and rockets for the last mile. Come and see our new predictive-maintenance platform live on the stand.",
            "FR",
            0xE4572E,
            [
                ("Show discount: 20 % off Acme Connect", "Order Acme Connect licences before the end of the month and save 20 % on the first year.", true),
                ("Live demo of predictive maintenance", "Every hour on the stand: watch a machine tell us it will fail, two weeks before it does.", true),
                ("Free plant audit", "One of our engineers visits your plant and maps where sensors would pay off first.", true),
                ("Partner reseller programme (draft)", "Still being written: not for the public page yet.", false),
            ]),
        [TestPartnerName] = new("The organizer's test partner, to try the partner space.", "FR", 0x9E9E9E, [("Test offer", "Only for trying the tab.", true)]),
        ["Nordlys Énergie"] = new(
            "Nordlys Énergie designs heat pumps and energy storage for industrial sites, from Tromsø to Toulouse. Our systems cut a plant's energy bill by a third.",
            "NO",
            0x1E88E5,
            [
                ("Energy savings study", "Send us a year of your meter readings: we send back how much a heat pump would save you.", true),
                ("Visit our pilot site in Lyon", "A guided tour of a running installation, by appointment.", true),
            ]),
        ["Boulangeries Martin"] = new(
            "A family bakery group since 1952: forty shops and a central kitchen that bakes 30,000 loaves a day, now with robots that knead the old way.",
            "FR",
            0xC8963E,
            [
                ("Tasting on the stand", "Croissants from our automated line, every morning from 9 am.", true),
                ("Kitchen automation case study", null, true),
                ("Franchise opportunities", "Open a Martin bakery in your town.", false),
            ]),
        ["Helix Biotech"] = new(
            "Helix Biotech makes bioreactors and the software that runs them, for vaccine and enzyme producers who need to scale up fast.",
            "CH",
            0x43A047,
            [
                ("Bioprocess scale-up workshop", "Half a day with our process engineers on your own case.", true),
            ]),
        ["Orbital Data"] = new(
            "Orbital Data turns satellite images into weekly reports on crops, floods and construction sites for insurers and public agencies.",
            "GB",
            0x3949AB,
            [
                ("Free trial: 3 months of crop reports", "For one region of your choice.", true),
                ("API access for developers", "Our imagery API with 10,000 free calls.", true),
                ("Early access: methane monitoring", "Coming next year.", false),
            ]),
        ["Atelier Lumière"] = new(
            "Lighting designers for workshops, warehouses and showrooms: LED fittings made in Lyon, and the studies that place them.",
            "FR",
            0xFDD835,
            [
                ("Lighting study for your warehouse", "A plan and a quote within two weeks.", true),
                ("Show price on the Lumen 40 fitting", null, true),
            ]),
        ["Vélo Urbain"] = new(
            "Cargo bikes and fleet management for delivery companies and cities that want the last mile without vans.",
            "FR",
            0x00897B,
            [
                ("Test ride a cargo bike", "On the track in front of hall 2, all day.", true),
                ("Fleet rental: first month free", "For fleets of five bikes or more.", true),
            ]),
        ["Quantum Logistics"] = new(
            "Quantum Logistics plans routes and loads for carriers with optimisation software that re-plans live when a truck is late.",
            "NL",
            0x5E35B1,
            [
                ("Route optimisation benchmark", "Send us last month's deliveries; we show what we would have saved.", true),
            ]),
        ["Maison Verte"] = new(
            "Green roofs, living walls and rainwater recovery for industrial and office buildings.",
            "BE",
            0x7CB342,
            [
                ("Green roof feasibility check", "Free, from a photo and the size of your roof.", true),
                ("Maintenance contracts", null, false),
            ]),
        ["Cobalt Security"] = new(
            "Cobalt Security protects factory networks: intrusion detection built for machines that cannot be patched.",
            "FR",
            0x37474F,
            [
                ("OT security assessment", "Two days on site; a report your board can read.", true),
                ("Capture the flag on the stand", "Break into our demo plant; the fastest wins a drone.", true),
                ("Incident response retainer", null, true),
            ]),
        ["Pixel & Fils"] = new(
            "A young studio that makes training in virtual reality for technicians: learn a machine before it is delivered.",
            "FR",
            0xD81B60,
            [
                ("Try the VR training", "Ten minutes in the headset, on the stand.", true),
            ]),
        ["Sirius Aerospace"] = new(
            "Sirius Aerospace machines and inspects parts for aircraft and satellites, and opens its plant to students every spring.",
            "FR",
            0x0D47A1,
            [
                ("Careers: we are hiring 40 engineers", "Meet our HR team on the stand.", true),
                ("Supplier day registration", "For subcontractors who want to join our supply chain.", true),
            ]),
        ["Terre & Mer Foods"] = new(
            "Seaweed snacks and plant proteins from Brittany, made with the fishermen and farmers of the coast.",
            "FR",
            0x00ACC1,
            []),
    };

    static partial void SeedOffers(DemoContext demo)
    {
        var random = new Random(2404);
        var fields = FormService.Defaults(demo.Show.Id, FormKind.Profile);
        var description = fields.First(f => f.Type == FieldType.LongText);
        var website = fields.First(f => f.Type == FieldType.Url);
        var logo = fields.First(f => f.Type == FieldType.Image);
        var country = fields.First(f => f.Type == FieldType.Country);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        foreach (var (partner, admin, _) in demo.Partners)
        {
            if (!Showcase.TryGetValue(partner.Name, out var row))
            {
                continue;
            }

            var image = LogoPng(row.Color, random.Next(3));
            var file = new StoredFile(demo.Show.Id, partner.Id, FilePurpose.ProfileImage, "logo.png", "image/png", image.Length, demo.Now.AddDays(-20));
            demo.Db.Files.Add(file);
            demo.FileContents.Add((file.Id, image));

            var answers = new Dictionary<Guid, string>
            {
                [description.Id] = row.Description,
                [website.Id] = $"https://www.{admin.Email[(admin.Email.IndexOf('@', StringComparison.Ordinal) + 1)..]}",
                [logo.Id] = file.Id.ToString(),
                [country.Id] = row.Country,
            };
            var profile = new PartnerProfile(partner.Id);
            profile.Replace(JsonSerializer.Serialize(answers, json), demo.Now.AddDays(-random.Next(2, 20)));
            demo.Db.PartnerProfiles.Add(profile);

            for (var i = 0; i < row.Offers.Length; i++)
            {
                var (title, text, visible) = row.Offers[i];
                var link = i == 0 ? answers[website.Id] + "/offers" : null;
                demo.Db.Offers.Add(new Offer(partner.Id, i, title, text, link, visible, demo.Now.AddDays(-random.Next(1, 15))));
            }
        }
    }

    /// <summary>A 96 × 96 PNG: a coloured tile with a white mark (circle, diamond or bars), made here so the demo needs no files.</summary>
    private static byte[] LogoPng(uint color, int mark)
    {
        const int size = 96;
        var (r, g, b) = ((byte)(color >> 16), (byte)(color >> 8), (byte)color);
        var raw = new byte[size * ((size * 3) + 1)];
        for (var y = 0; y < size; y++)
        {
            var line = y * ((size * 3) + 1);
            raw[line] = 0; // no filter
            for (var x = 0; x < size; x++)
            {
                double dx = x - 47.5, dy = y - 47.5;
                var white = mark switch
                {
                    0 => (dx * dx) + (dy * dy) is > 18 * 18 and < 30 * 30,
                    1 => Math.Abs(dx) + Math.Abs(dy) < 30,
                    _ => Math.Abs(dy) < 28 && (int)(dx + 48) / 12 % 2 == 1 && Math.Abs(dx) < 30,
                };
                var at = line + 1 + (x * 3);
                (raw[at], raw[at + 1], raw[at + 2]) = white ? ((byte)255, (byte)255, (byte)255) : (r, g, b);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT"u8, compressed.ToArray());
        }

        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. type, .. data]));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
