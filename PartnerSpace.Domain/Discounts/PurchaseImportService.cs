using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;

namespace PartnerSpace.Domain.Discounts;

/// <summary>
/// One row of a ticket purchases file, as read and judged. <see cref="Warnings"/> do not stop the
/// import: a code the event does not have, a code used outside its validity.
/// </summary>
public sealed record PurchaseImportRow(
    int Row,
    string? TicketReference,
    string? OrderReference,
    string? Code,
    string? BuyerName,
    string? BuyerEmail,
    string? AttendeeName,
    string? AttendeeEmail,
    string? TicketType,
    int PriceCents,
    int DiscountCents,
    DateTimeOffset? PurchasedAt,
    DateTimeOffset? CheckedInAt,
    Guid? DiscountCodeId,
    string? PartnerName,
    IReadOnlyList<ImportIssue> Warnings,
    ImportStatus Status,
    IReadOnlyList<ImportIssue> Errors) : ImportRow(Row, Status, Errors);

/// <summary>
/// S-2.11: imports the ticketing system's purchases from a CSV or Excel file: a preview with each
/// row's status, errors and warnings, then every row in one transaction, or none. A ticket
/// reference already imported is updated (check-ins arrive by re-importing the day's export).
/// </summary>
/// <remarks>
/// A code the event does not have is a warning, not an error: the ticketing export lists every
/// ticket, including the organizer's own codes (early bird, staff), and the organizer cannot edit
/// it; refusing would block the whole file. The ticket keeps the code as typed and becomes the
/// use of a code of that name created later.
/// </remarks>
public sealed partial class PurchaseImportService(IDbContextFactory<PartnerSpaceDbContext> dbs, DiscountService discounts, TimeProvider time)
{
    /// <summary>Rows one file may hold: a large paid show's tickets, and a preview a browser can still show.</summary>
    public const int MaxRows = 20_000;

    private static readonly ImportColumn TicketReference = new("ticket_reference", required: true, "ticket", "ticket ref", "ticket number", "ticket id", "ticket no", "billet", "référence billet", "numéro de billet", "n° de billet", "référence du billet");

    private static readonly ImportColumn OrderReference = new("order_reference", required: false, "order", "order ref", "order number", "order id", "commande", "référence commande", "numéro de commande", "n° de commande");

    private static readonly ImportColumn Code = new("code", required: false, "promo code", "promocode", "discount code", "coupon", "voucher", "code promo", "code de réduction", "code réduction");

    private static readonly ImportColumn BuyerName = new("buyer_name", required: true, "buyer", "purchaser", "customer", "acheteur", "nom acheteur", "nom de l'acheteur", "client");

    private static readonly ImportColumn BuyerEmail = new("buyer_email", required: false, "buyer e-mail", "buyer mail", "purchaser email", "customer email", "e-mail acheteur", "email acheteur", "courriel acheteur", "e-mail de l'acheteur");

    private static readonly ImportColumn AttendeeName = new("attendee_name", required: false, "attendee", "participant", "holder", "ticket holder", "nom participant", "nom du participant", "titulaire");

    private static readonly ImportColumn AttendeeEmail = new("attendee_email", required: false, "attendee e-mail", "attendee mail", "holder email", "e-mail participant", "email participant", "courriel participant", "e-mail du participant");

    private static readonly ImportColumn TicketType = new("ticket_type", required: false, "ticket category", "category", "rate", "type de billet", "catégorie", "tarif");

    private static readonly ImportColumn Price = new("price", required: false, "amount", "paid", "price paid", "amount paid", "total", "prix", "montant", "prix payé", "montant payé");

    private static readonly ImportColumn Discount = new("discount", required: false, "discount amount", "reduction", "remise", "réduction", "montant de la remise", "montant remise");

    private static readonly ImportColumn PurchasedAt = new("purchased_at", required: true, "purchase date", "purchased", "order date", "bought at", "date d'achat", "date de commande", "acheté le", "date");

    private static readonly ImportColumn CheckedInAt = new("checked_in_at", required: false, "checked in", "check-in", "check in", "checkin", "check-in date", "scanned at", "entrée", "date d'entrée", "présent le", "enregistré le");

    /// <summary>The columns of a purchases file, in template order.</summary>
    public static readonly IReadOnlyList<ImportColumn> Columns =
        [TicketReference, OrderReference, Code, BuyerName, BuyerEmail, AttendeeName, AttendeeEmail, TicketType, Price, Discount, PurchasedAt, CheckedInAt];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "d/M/yyyy HH:mm", "d/M/yyyy H:mm", "d/M/yyyy",
        "dd.MM.yyyy HH:mm", "dd.MM.yyyy",
    ];

    private static readonly Error Changed =
        Error.Conflict("changed", "Tickets or codes changed since the preview: choose the file again to see the rows as they are now.");

    /// <summary>Reads and checks a file; nothing is written.</summary>
    public async Task<ImportPreview<PurchaseImportRow>> PreviewAsync(Guid organizerId, Guid eventId, Stream file, bool excel, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return ImportPreview<PurchaseImportRow>.Refused(ImportIssue.Forbidden());
        }

        var table = ImportFile.Read(file, excel, Columns, MaxRows);
        if (table.Issue is { } issue)
        {
            return ImportPreview<PurchaseImportRow>.Refused(issue);
        }

        var zone = await ZoneAsync(db, eventId, ct);
        var rows = Read(table, zone);
        var known = await KnownAsync(db, eventId, rows, ct);
        return new ImportPreview<PurchaseImportRow>([.. rows.Select(r => Judge(r, known))]);
    }

    /// <summary>
    /// Stores every row of a valid preview in one transaction: new tickets, and updates of tickets
    /// already imported. Refuses, writing nothing, when a row is in error or when tickets or codes
    /// changed since the preview. The partners whose codes the rows use see it live.
    /// </summary>
    public async Task<Result<ImportResult>> ImportAsync(Guid organizerId, Guid eventId, ImportPreview<PurchaseImportRow> preview, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, organizerId, eventId, ct))
        {
            return Error.Forbidden("forbidden", "You do not organize this event.");
        }

        if (!preview.CanImport)
        {
            return ImportResult.NotImportable();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var known = await KnownAsync(db, eventId, preview.Rows, ct);
        if (preview.Rows.Select(r => Judge(r, known)).Zip(preview.Rows).Any(p => !p.First.IsValid || p.First.Status != p.Second.Status || p.First.DiscountCodeId != p.Second.DiscountCodeId))
        {
            return Changed;
        }

        var now = time.GetUtcNow();
        var touchedCodes = new HashSet<Guid>();
        var references = preview.Rows.Where(r => r.Status == ImportStatus.Updated).Select(r => r.TicketReference!).ToList();
        var existing = await db.TicketPurchases.Where(t => t.EventId == eventId && references.Contains(t.TicketReference)).ToDictionaryAsync(t => t.TicketReference, StringComparer.Ordinal, ct);
        foreach (var row in preview.Rows.Where(r => r.Status != ImportStatus.Unchanged))
        {
            if (!existing.TryGetValue(row.TicketReference!, out var purchase))
            {
                purchase = new TicketPurchase(eventId, row.TicketReference!, row.Code, row.DiscountCodeId, now);
                db.TicketPurchases.Add(purchase);
            }
            else if (purchase.DiscountCodeId is { } former)
            {
                touchedCodes.Add(former);
            }

            purchase.Fill(row.OrderReference, row.Code, row.DiscountCodeId, row.BuyerName!, row.BuyerEmail, row.AttendeeName ?? row.BuyerName!, row.AttendeeEmail,
                row.TicketType, row.PriceCents, row.DiscountCents, row.PurchasedAt!.Value, row.CheckedInAt, now);
            if (row.DiscountCodeId is { } codeId)
            {
                touchedCodes.Add(codeId);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index (event, ticket reference) decides when another import raced this one.
            return Changed;
        }

        var partners = await db.DiscountCodes.Where(c => touchedCodes.Contains(c.Id)).Select(c => c.PartnerId).Distinct().ToListAsync(ct);
        await discounts.TellAsync(eventId, partners, ct);
        return Result<ImportResult>.Ok(ImportResult.Of(preview));
    }

    /// <summary>A CSV with the header row of the expected columns, for organizers to fill.</summary>
    public static string TemplateCsv() => ImportFile.Template(Columns);

    /// <summary>"49.90", "49,90 €", "1 234,50", "1,234.50" in cents; null when it is no amount.</summary>
    public static int? ParseCents(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        var cleaned = MoneyNoise().Replace(text, "");
        var comma = cleaned.LastIndexOf(',');
        var dot = cleaned.LastIndexOf('.');
        if (comma >= 0 && dot >= 0)
        {
            // The last separator is the decimal one; the other groups thousands.
            cleaned = comma > dot ? cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : cleaned.Replace(",", "", StringComparison.Ordinal);
        }
        else if (comma >= 0)
        {
            cleaned = cleaned.Replace(',', '.');
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && value * 100 <= DiscountService.MaxAmountCents
            ? (int)Math.Round(value * 100, MidpointRounding.AwayFromZero)
            : null;
    }

    /// <summary>
    /// A time as ticketing exports write it: ISO 8601 (with an offset, or in the event's time zone),
    /// "23/11/2026 14:30" (day first, as in France), or an Excel date; null when unreadable.
    /// </summary>
    public static DateTimeOffset? ParseTime(string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        if (ExplicitOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            return withOffset.ToUniversalTime();
        }

        DateTime local;
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
        }
        else if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 100_000)
        {
            // An Excel cell holding a date without a date format: days since 1899-12-30.
            local = DateTime.FromOADate(serial);
        }
        else
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Task<bool> IsOrganizerAsync(PartnerSpaceDbContext db, Guid organizerId, Guid eventId, CancellationToken ct) =>
        db.EventOrganizers.AnyAsync(o => o.UserId == organizerId && o.EventId == eventId, ct);

    private static async Task<TimeZoneInfo> ZoneAsync(PartnerSpaceDbContext db, Guid eventId, CancellationToken ct)
    {
        var id = await db.Events.Where(e => e.Id == eventId).Select(e => e.TimeZoneId).FirstAsync(ct);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The checks that need only the file: every cell, and repeats between rows.</summary>
    private static List<PurchaseImportRow> Read(ImportTable table, TimeZoneInfo zone)
    {
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<PurchaseImportRow>(table.Records.Count);
        foreach (var record in table.Records)
        {
            var check = new RowCheck(table, record);
            var reference = check.Text(TicketReference, TicketPurchase.ReferenceMaxLength);
            check.Unique(TicketReference, reference, references);
            var order = check.Text(OrderReference, TicketPurchase.ReferenceMaxLength, required: false);
            var code = DiscountService.Normalize(check.Text(Code, DiscountCode.CodeMaxLength, required: false));
            var buyer = check.Text(BuyerName, TicketPurchase.NameMaxLength);
            var buyerEmail = check.Raw(BuyerEmail) is null ? null : check.Email(BuyerEmail);
            var attendee = check.Text(AttendeeName, TicketPurchase.NameMaxLength, required: false);
            var attendeeEmail = check.Raw(AttendeeEmail) is null ? null : check.Email(AttendeeEmail);
            var ticketType = check.Text(TicketType, TicketPurchase.TicketTypeMaxLength, required: false);
            var price = Money(check, Price, table);
            var discount = Money(check, Discount, table);
            var purchasedAt = Time(check, PurchasedAt, table, zone, required: true);
            var checkedInAt = Time(check, CheckedInAt, table, zone, required: false);
            rows.Add(new PurchaseImportRow(
                record.Row, reference, order, code, buyer, buyerEmail ?? check.Raw(BuyerEmail), attendee ?? buyer, attendeeEmail ?? check.Raw(AttendeeEmail), ticketType,
                price, discount, purchasedAt, checkedInAt, null, null, [], ImportStatus.New, check.Errors));
        }

        return rows;
    }

    private static int Money(RowCheck check, ImportColumn column, ImportTable table)
    {
        var raw = check.Raw(column);
        if (ParseCents(raw) is { } cents)
        {
            return cents;
        }

        check.Add(new ImportIssue("InvalidAmount", $"{table.HeaderOf(column)} is not an amount such as 49.90", table.HeaderOf(column)));
        return 0;
    }

    private static DateTimeOffset? Time(RowCheck check, ImportColumn column, ImportTable table, TimeZoneInfo zone, bool required)
    {
        var raw = check.Raw(column);
        if (raw is null)
        {
            if (required)
            {
                check.Add(ImportIssue.Missing(table.HeaderOf(column)));
            }

            return null;
        }

        var at = ParseTime(raw, zone);
        if (at is null)
        {
            check.Add(new ImportIssue("InvalidTime", $"{table.HeaderOf(column)} is not a date and time such as 2026-11-23 14:30", table.HeaderOf(column)));
        }

        return at;
    }

    /// <summary>The checks against the event: which code each row used, and which tickets are already imported.</summary>
    private static PurchaseImportRow Judge(PurchaseImportRow row, Known known)
    {
        if (row.TicketReference is null || row.Errors.Count > 0)
        {
            return row;
        }

        var warnings = new List<ImportIssue>();
        KnownCode? code = null;
        if (row.Code is not null)
        {
            code = known.Codes.GetValueOrDefault(row.Code);
            if (code is null)
            {
                warnings.Add(new ImportIssue("UnknownCode", $"no code {row.Code} in this event: kept, shown to no partner", row.Code));
            }
            else if ((code.ValidFrom is { } from && row.PurchasedAt < from) || (code.ValidUntil is { } until && row.PurchasedAt > until))
            {
                warnings.Add(new ImportIssue("OutsideValidity", $"bought outside the validity of {row.Code}", row.Code));
            }
        }

        var judged = row with { DiscountCodeId = code?.Id, PartnerName = code?.PartnerName, Warnings = warnings };
        var status = known.Purchases.TryGetValue(row.TicketReference, out var stored)
            ? (Same(stored, judged) ? ImportStatus.Unchanged : ImportStatus.Updated)
            : ImportStatus.New;
        return judged with { Status = status };
    }

    private static bool Same(TicketPurchase stored, PurchaseImportRow row) =>
        stored.OrderReference == row.OrderReference && stored.Code == row.Code && stored.DiscountCodeId == row.DiscountCodeId
        && stored.BuyerName == row.BuyerName && stored.BuyerEmail == row.BuyerEmail && stored.AttendeeName == row.AttendeeName
        && stored.AttendeeEmail == row.AttendeeEmail && stored.TicketType == row.TicketType && stored.PriceCents == row.PriceCents
        && stored.DiscountCents == row.DiscountCents && stored.PurchasedAt == row.PurchasedAt && stored.CheckedInAt == row.CheckedInAt;

    private static async Task<Known> KnownAsync(PartnerSpaceDbContext db, Guid eventId, IReadOnlyList<PurchaseImportRow> rows, CancellationToken ct)
    {
        var references = rows.Select(r => r.TicketReference).OfType<string>().Distinct().ToList();
        var purchases = await db.TicketPurchases.AsNoTracking()
            .Where(t => t.EventId == eventId && references.Contains(t.TicketReference))
            .ToDictionaryAsync(t => t.TicketReference, StringComparer.Ordinal, ct);
        var codes = await db.DiscountCodes.AsNoTracking()
            .Where(c => c.EventId == eventId)
            .Join(db.Partners, c => c.PartnerId, p => p.Id, (c, p) => new KnownCode(c.Id, c.Code, p.Name, c.ValidFrom, c.ValidUntil))
            .ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        return new Known(purchases, codes);
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();

    [GeneratedRegex(@"[\s\u00A0\u202F€$£]|EUR|eur", RegexOptions.None)]
    private static partial Regex MoneyNoise();

    private sealed record KnownCode(Guid Id, string Code, string PartnerName, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);

    private sealed record Known(Dictionary<string, TicketPurchase> Purchases, Dictionary<string, KnownCode> Codes);
}
