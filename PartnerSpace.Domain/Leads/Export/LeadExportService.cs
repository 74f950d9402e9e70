using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Meetings;

namespace PartnerSpace.Domain.Leads.Export;

/// <summary>What one download holds: a partner's leads numbered above <see cref="AfterSequence"/> up to <see cref="UpToSequence"/>.</summary>
/// <param name="DownloadedBy">The person's e-mail, or <c>device:&lt;key id&gt;</c> for the API.</param>
public sealed record LeadExport(
    Guid PartnerId,
    string PartnerName,
    string TimeZoneId,
    string DownloadedBy,
    bool OnlyNew,
    long AfterSequence,
    long UpToSequence)
{
    /// <summary>Who downloads, for the security log (S-2.12, issue 8); the web layer sets it from the request.</summary>
    public SecurityActor Actor { get; init; } = SecurityActor.System;

    public RequestOrigin Origin { get; init; } = RequestOrigin.Unknown;

    /// <summary><c>leads-acme-20261123-1405</c> (event time), without the extension.</summary>
    public string FileName(DateTimeOffset now) =>
        $"leads-{Slugs.From(PartnerName, 40)}-{LeadExportService.ToLocal(now, LeadExportService.FindZone(TimeZoneId)):yyyyMMdd-HHmm}";
}

/// <summary>A user's last download of a partner's leads, for "only since my last download".</summary>
public sealed record LeadDownloadInfo(DateTimeOffset At, long UpToSequence, string Format);

/// <summary>What the download menu shows: the event's zone and the user's last download (null when never).</summary>
public sealed record LeadDownloadState(string TimeZoneId, LeadDownloadInfo? Last);

/// <summary>
/// The Excel and CSV export of a partner's leads (S-2.12): one sheet per category, the person,
/// the consent and its time, the category's own columns and the qualification, times in the
/// event's zone. Contact details only while the person consents; a withdrawn share is left out.
/// Rows stream from the database into the file, one at a time, whatever the number of leads.
/// </summary>
/// <remarks>
/// Texts come from the caller (<c>text(key)</c> with the <see cref="TextKeys"/>), so the file is in
/// the downloading user's language. Callers have checked that the user may manage this partner's leads.
/// </remarks>
public sealed class LeadExportService(IDbContextFactory<PartnerSpaceDbContext> dbs, TimeProvider time, SecurityLog securityLog)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// French Excel (and every locale whose list separator is ';') splits a double-clicked CSV on
    /// semicolons, and reads it as UTF-8 only with a byte order mark: so ';' and a BOM.
    /// </summary>
    public const char CsvSeparator = ';';

    public static readonly IReadOnlyList<LeadCategory> Categories =
        [LeadCategory.Scans, LeadCategory.Sharing, LeadCategory.Sessions, LeadCategory.Networking, LeadCategory.Meetings];

    /// <summary>Every text key the export asks for (the Web layer's resx holds them in both languages).</summary>
    public static readonly IReadOnlyList<string> TextKeys =
    [
        .. Categories.Select(SheetKey),
        "Export.Number", "Export.FirstName", "Export.LastName", "Export.Company", "Export.Email", "Export.Consent", "Export.ConsentAt",
        .. Enum.GetNames<LeadConsent>().Select(n => "Export.Consent." + n),
        "Export.ScannedBy", "Export.FirstScan", "Export.LastScan", "Export.ScanCount",
        "Export.SharedAt", "Export.SharedNote", "Export.MessageSentAt", "Export.Message", "Export.Answer", "Export.AnsweredAt", "Export.Reply",
        .. Enum.GetNames<MessageAnswer>().Select(n => "Export.Answer." + n),
        "Export.Session", "Export.SessionStartsAt", "Export.RegisteredAt", "Export.PresentAt",
        "Export.StaffMember", "Export.MetAt", "Export.Note",
        "Export.MeetingStatus", "Export.SlotStart", "Export.SlotEnd", "Export.RequestedAt", "Export.Host",
        .. Enum.GetNames<MeetingStatus>().Select(n => "Export.MeetingStatus." + n),
        "Export.Rating", .. Enum.GetNames<LeadRating>().Select(n => "Export.Rating." + n),
        "Export.FollowUp", .. Enum.GetNames<LeadFollowUp>().Select(n => "Export.FollowUp." + n),
        "Export.Owner", "Export.Tags", "Export.Notes", "Export.Yes", "Export.No", "Export.TimeHeader",
    ];

    private static readonly IReadOnlyDictionary<Guid, string> EmptyAnswers = new Dictionary<Guid, string>();

    public static string SheetKey(LeadCategory category) => "Export.Sheet." + category;

    /// <summary>The user's last download of this partner's leads (in any format, null when never) and the event's zone.</summary>
    public async Task<LeadDownloadState> GetDownloadStateAsync(Guid partnerId, string downloadedBy, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var zone = await db.Partners.Where(p => p.Id == partnerId)
            .Select(p => db.Events.Where(e => e.Id == p.EventId).Select(e => e.TimeZoneId).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        var last = await db.LeadDownloads.AsNoTracking()
            .Where(d => d.PartnerId == partnerId && d.DownloadedBy == downloadedBy)
            .OrderByDescending(d => d.At)
            .Select(d => new LeadDownloadInfo(d.At, d.UpToSequence, d.Format))
            .FirstOrDefaultAsync(ct);
        return new LeadDownloadState(zone ?? "UTC", last);
    }

    /// <summary>
    /// Fixes what a download holds: every lead numbered up to now, or with <paramref name="onlyNew"/>
    /// those above the user's last download. Null when the partner does not exist.
    /// </summary>
    public async Task<LeadExport?> PrepareAsync(Guid partnerId, string downloadedBy, bool onlyNew, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(downloadedBy);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId)
            .Select(p => new { p.Name, TimeZoneId = db.Events.Where(e => e.Id == p.EventId).Select(e => e.TimeZoneId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (partner is null)
        {
            return null;
        }

        var upTo = await LeadBook.LastSequenceAsync(db, partnerId, ct);
        var after = 0L;
        if (onlyNew)
        {
            after = await db.LeadDownloads.Where(d => d.PartnerId == partnerId && d.DownloadedBy == downloadedBy)
                .MaxAsync(d => (long?)d.UpToSequence, ct) ?? 0;
        }

        return new LeadExport(partnerId, partner.Name, partner.TimeZoneId ?? "UTC", downloadedBy, onlyNew, after, upTo);
    }

    /// <summary>Writes the workbook (five sheets) to <paramref name="output"/> and records the download.</summary>
    public async Task WriteXlsxAsync(LeadExport export, Stream output, Func<string, string> text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(text);
        var context = await LoadContextAsync(export, text, ct);
        var sheets = new Dictionary<string, object>();
        var readers = new List<LeadSheetReader>();
        try
        {
            foreach (var category in Categories)
            {
                var (headers, rows) = Sheet(category, context, ct);
                var reader = new LeadSheetReader(headers, rows, ct);
                readers.Add(reader);
                sheets[text(SheetKey(category))] = reader;
            }

            var configuration = new OpenXmlConfiguration { FastMode = false, EnableAutoWidth = false, FreezeRowCount = 1 };
            await output.SaveAsAsync(sheets, configuration: configuration, cancellationToken: ct);
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }

        await RecordAsync(export, "xlsx", ct);
    }

    /// <summary>Writes one category as CSV (UTF-8 with BOM, <see cref="CsvSeparator"/>) and records the download.</summary>
    public async Task WriteCsvAsync(LeadExport export, LeadCategory category, Stream output, Func<string, string> text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(text);
        var context = await LoadContextAsync(export, text, ct);
        var (headers, rows) = Sheet(category, context, ct);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using (writer)
        {
            await writer.WriteAsync(string.Join(CsvSeparator, headers.Select(CsvCell)) + "\r\n");
            var line = new StringBuilder();
            await foreach (var row in rows.WithCancellation(ct))
            {
                line.Clear();
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append(CsvSeparator);
                    }

                    line.Append(CsvCell(CsvText(row[i])));
                }

                line.Append("\r\n");
                await writer.WriteAsync(line, ct);
            }
        }

        await RecordAsync(export, "csv:" + category.ToString().ToLowerInvariant(), ct);
    }

    private async Task RecordAsync(LeadExport export, string format, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.LeadDownloads.Add(new LeadDownload(export.PartnerId, export.DownloadedBy, export.UpToSequence, format, export.OnlyNew, time.GetUtcNow()));

        // S-2.12, issue 8: every export of leads is in the security log, with the download it records.
        var p = export.PartnerId;
        var eventId = await db.Partners.Where(x => x.Id == p).Select(x => (Guid?)x.EventId).FirstOrDefaultAsync(ct);
        var count = await db.Leads.CountAsync(l => l.PartnerId == p && l.Sequence > export.AfterSequence && l.Sequence <= export.UpToSequence, ct);
        var details = string.Create(CultureInfo.InvariantCulture, $"{count} leads, {format}{(export.OnlyNew ? ", only new" : "")}");
        securityLog.Add(db, eventId, SecurityAction.LeadsExported, export.Actor, export.Origin, export.PartnerName, p, details);
        await db.SaveChangesAsync(ct);
        await securityLog.PublishAsync(eventId, ct);
    }

    private async Task<ExportContext> LoadContextAsync(LeadExport export, Func<string, string> text, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var questions = await db.LeadQuestions.AsNoTracking().Where(q => q.PartnerId == export.PartnerId)
            .OrderBy(q => q.Position).ThenBy(q => q.CreatedAt).ToListAsync(ct);

        // Owners, hosts and the staff behind networking contacts are the partner's team: a few names.
        var team = await db.PartnerMembers.AsNoTracking().Where(m => m.PartnerId == export.PartnerId)
            .Select(m => new { m.PersonId, Name = m.Person!.FirstName + " " + m.Person.LastName })
            .ToListAsync(ct);
        return new ExportContext(export, FindZone(export.TimeZoneId), text, questions, team.DistinctBy(t => t.PersonId).ToDictionary(t => t.PersonId, t => t.Name));
    }

    private (IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows) Sheet(LeadCategory category, ExportContext c, CancellationToken ct)
    {
        string Timed(string key) => string.Format(CultureInfo.InvariantCulture, c.Text("Export.TimeHeader"), c.Text(key), c.Export.TimeZoneId);
        string[] own = category switch
        {
            LeadCategory.Scans => [c.Text("Export.ScannedBy"), Timed("Export.FirstScan"), Timed("Export.LastScan"), c.Text("Export.ScanCount")],
            LeadCategory.Sharing => [Timed("Export.SharedAt"), c.Text("Export.SharedNote"), Timed("Export.MessageSentAt"), c.Text("Export.Message"), c.Text("Export.Answer"), Timed("Export.AnsweredAt"), c.Text("Export.Reply")],
            LeadCategory.Sessions => [c.Text("Export.Session"), Timed("Export.SessionStartsAt"), Timed("Export.RegisteredAt"), Timed("Export.PresentAt")],
            LeadCategory.Networking => [c.Text("Export.StaffMember"), Timed("Export.MetAt"), c.Text("Export.Note")],
            _ => [c.Text("Export.MeetingStatus"), Timed("Export.SlotStart"), Timed("Export.SlotEnd"), Timed("Export.RequestedAt"), c.Text("Export.Host")],
        };

        string[] headers =
        [
            c.Text("Export.Number"), c.Text("Export.FirstName"), c.Text("Export.LastName"), c.Text("Export.Company"), c.Text("Export.Email"),
            c.Text("Export.Consent"), Timed("Export.ConsentAt"),
            .. own,
            c.Text("Export.Rating"), c.Text("Export.FollowUp"), c.Text("Export.Owner"), c.Text("Export.Tags"), c.Text("Export.Notes"),
            .. c.Questions.Select(q => q.Label),
        ];
        return (Unique(headers), Rows(category, c, headers.Length, ct));
    }

    private async IAsyncEnumerable<object?[]> Rows(LeadCategory category, ExportContext c, int width, [EnumeratorCancellation] CancellationToken ct)
    {
        var row = new object?[width];
        await using var db = await dbs.CreateDbContextAsync(ct);

        // A second context for the lookups made while the sheet's reader is open.
        await using var messages = await dbs.CreateDbContextAsync(ct);
        var p = c.Export.PartnerId;
        var after = c.Export.AfterSequence;
        var upTo = c.Export.UpToSequence;
        var all = db.Leads.AsNoTracking().Where(l => l.PartnerId == p && l.Sequence > after && l.Sequence <= upTo);
        var leads = Project(all);
        switch (category)
        {
            case LeadCategory.Scans:
                var scans = Project(all.Where(l => l.ScanCount > 0)).OrderBy(l => l.Sequence);
                await foreach (var s in scans.AsAsyncEnumerable().WithCancellation(ct))
                {
                    Fill(row, s, c, [s.LastScannedBy, c.Local(s.FirstCapturedAt), c.Local(s.LastCapturedAt), s.ScanCount]);
                    yield return row;
                }

                break;

            case LeadCategory.Sharing:
                // An attendee who withdrew sharing is left out of later exports (issue 7, item 7).
                var sharing = all.Where(l => (l.Sources & LeadSources.Sharing) != 0
                    && !db.ContactShares.Any(s => s.PartnerId == p && s.PersonId == l.PersonId && s.WithdrawnAt != null));
                var shares =
                    from l in Project(sharing)
                    orderby l.Sequence
                    select new
                    {
                        Lead = l,
                        SharedAt = db.ContactShares.Where(s => s.PartnerId == p && s.PersonId == l.PersonId).Select(s => (DateTimeOffset?)s.SharedAt).FirstOrDefault(),
                        SharedNote = db.ContactShares.Where(s => s.PartnerId == p && s.PersonId == l.PersonId).Select(s => s.Note).FirstOrDefault(),
                        MessageId = db.PartnerMessages.Where(m => m.PartnerId == p && m.AttendeePersonId == l.PersonId)
                            .OrderByDescending(m => m.SentAt).Select(m => (Guid?)m.Id).FirstOrDefault(),
                    };
                await foreach (var s in shares.AsAsyncEnumerable().WithCancellation(ct))
                {
                    // The latest message, when there is one: a second small read rather than four correlated subqueries.
                    var message = s.MessageId is { } id
                        ? await messages.PartnerMessages.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.SentAt, m.Body, m.Answer, m.AnsweredAt, m.Reply }).FirstAsync(ct)
                        : null;
                    Fill(row, s.Lead, c,
                    [
                        c.Local(s.SharedAt), s.SharedNote, c.Local(message?.SentAt), message?.Body,
                        message is null ? null : c.Text("Export.Answer." + message.Answer), c.Local(message?.AnsweredAt), message?.Reply,
                    ]);
                    yield return row;
                }

                break;

            case LeadCategory.Sessions:
                var attendance =
                    from a in db.SessionAttendances
                    join h in db.SessionHosts on a.SessionId equals h.SessionId
                    join s in db.Sessions on a.SessionId equals s.Id
                    join l in leads on a.PersonId equals l.PersonId
                    where h.PartnerId == p
                    orderby l.Sequence, s.StartsAt
                    select new { Lead = l, s.Title, s.StartsAt, a.RegisteredAt, a.PresentAt };
                await foreach (var a in attendance.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    Fill(row, a.Lead, c, [a.Title, c.Local(a.StartsAt), c.Local(a.RegisteredAt), c.Local(a.PresentAt)]);
                    yield return row;
                }

                break;

            case LeadCategory.Networking:
                var contacts =
                    from n in db.NetworkingContacts
                    join m in db.PartnerMembers on n.OwnerPersonId equals m.PersonId
                    join l in leads on n.ContactPersonId equals l.PersonId
                    where m.PartnerId == p
                    orderby l.Sequence, n.MetAt
                    select new { Lead = l, n.OwnerPersonId, n.MetAt, n.Note };
                await foreach (var n in contacts.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    Fill(row, n.Lead, c, [c.Name(n.OwnerPersonId), c.Local(n.MetAt), n.Note]);
                    yield return row;
                }

                break;

            default:
                // Every request from an attendee, accepted or not (S-2.12); the partner's own invitations are not leads.
                var meetings =
                    from m in db.Meetings
                    join l in leads on m.AttendeePersonId equals l.PersonId
                    where m.PartnerId == p && m.Origin == MeetingOrigin.AttendeeRequest
                    orderby l.Sequence, m.CreatedAt
                    select new { Lead = l, m.Status, m.StartsAt, m.EndsAt, m.CreatedAt, m.HostPersonId };
                await foreach (var m in meetings.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    Fill(row, m.Lead, c,
                    [
                        c.Text("Export.MeetingStatus." + m.Status), c.Local(m.StartsAt), c.Local(m.EndsAt), c.Local(m.CreatedAt), c.Name(m.HostPersonId),
                    ]);
                    yield return row;
                }

                break;
        }
    }

    private static IQueryable<LeadColumns> Project(IQueryable<Lead> leads) => leads.Select(l => new LeadColumns
    {
        PersonId = l.PersonId,
        Sequence = l.Sequence,
        FirstName = l.Person!.FirstName,
        LastName = l.Person.LastName,
        Company = l.Person.Company,
        Email = l.Person.Email,
        Consent = l.Consent,
        ConsentAt = l.ConsentAt,
        ScanCount = l.ScanCount,
        FirstCapturedAt = l.FirstCapturedAt,
        LastCapturedAt = l.LastCapturedAt,
        LastScannedBy = l.LastScannedBy,
        Rating = l.Rating,
        FollowUp = l.FollowUp,
        OwnerPersonId = l.OwnerPersonId,
        Tags = l.Tags,
        Notes = l.Notes,
        Answers = l.Answers,
    });

    private static void Fill(object?[] row, LeadColumns lead, ExportContext c, object?[] own)
    {
        var i = 0;
        row[i++] = lead.Sequence;
        row[i++] = lead.FirstName;
        row[i++] = lead.LastName;
        row[i++] = lead.Company;

        // Contact details only while the person consents (issue 7, item 7); names and company always.
        row[i++] = lead.Consent == LeadConsent.None ? null : lead.Email;
        row[i++] = c.Text("Export.Consent." + lead.Consent);
        row[i++] = lead.Consent == LeadConsent.None ? null : c.Local(lead.ConsentAt);
        foreach (var value in own)
        {
            row[i++] = value;
        }

        row[i++] = c.Text("Export.Rating." + lead.Rating);
        row[i++] = c.Text("Export.FollowUp." + lead.FollowUp);
        row[i++] = c.Name(lead.OwnerPersonId);
        row[i++] = lead.Tags is null ? null : string.Join(", ", LeadTags.Parse(lead.Tags));
        row[i++] = lead.Notes;
        var answers = c.Questions.Count == 0 ? EmptyAnswers : LeadAnswers.Parse(lead.Answers);
        foreach (var question in c.Questions)
        {
            row[i++] = answers.TryGetValue(question.Id, out var answer)
                ? question.Kind == LeadQuestionKind.YesNo ? c.Text(answer == "yes" ? "Export.Yes" : "Export.No") : answer
                : null;
        }
    }

    /// <summary>Headers must be unique (a question may be called like a column): later ones get " (2)".</summary>
    private static string[] Unique(string[] headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new string[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = headers[i];
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{headers[i]} ({n})";
            }

            result[i] = name;
        }

        return result;
    }

    internal static string CsvText(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Quotes when needed; a text starting like a formula gets a leading apostrophe so Excel does not run it.</summary>
    internal static string CsvCell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([CsvSeparator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    internal static TimeZoneInfo FindZone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A local date-time of the event's zone (no offset: Excel has none), named in the column's header.</summary>
    internal static DateTime ToLocal(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;

    /// <summary>The lead's columns every sheet starts and ends with; member-init so that joins compose on it in SQL.</summary>
    private sealed class LeadColumns
    {
        public Guid PersonId { get; init; }

        public long Sequence { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Company { get; init; }

        public string Email { get; init; } = "";

        public LeadConsent Consent { get; init; }

        public DateTimeOffset? ConsentAt { get; init; }

        public int ScanCount { get; init; }

        public DateTimeOffset FirstCapturedAt { get; init; }

        public DateTimeOffset LastCapturedAt { get; init; }

        public string? LastScannedBy { get; init; }

        public LeadRating Rating { get; init; }

        public LeadFollowUp FollowUp { get; init; }

        public Guid? OwnerPersonId { get; init; }

        public string? Tags { get; init; }

        public string? Notes { get; init; }

        public string? Answers { get; init; }
    }

    private sealed record ExportContext(LeadExport Export, TimeZoneInfo Zone, Func<string, string> Text, IReadOnlyList<LeadQuestion> Questions, IReadOnlyDictionary<Guid, string> Team)
    {
        public DateTime? Local(DateTimeOffset? utc) => utc is { } at ? ToLocal(at, Zone) : null;

        public string? Name(Guid? personId) => personId is { } id && Team.TryGetValue(id, out var name) ? name : null;
    }
}
