using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Audit;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Data;
using PartnerSpace.Domain.Live;

namespace PartnerSpace.Domain.Menu;

/// <summary>A page's organizer-editable texts, with the version they were loaded at.</summary>
public sealed record PageTexts(Guid PageId, PageKind Kind, string Slug, LocalizedText Title, LocalizedText Introduction, int Version)
{
    /// <summary>
    /// The Markdown body of a custom page (empty for the default tabs). Not positional, so the
    /// history's snapshots written before pages had bodies still read.
    /// </summary>
    public LocalizedText Body { get; init; } = LocalizedText.Empty;

    /// <summary>The page's help text (S-1.3). Not positional, for the same reason as <see cref="Body"/>.</summary>
    public LocalizedText Help { get; init; } = LocalizedText.Empty;
}

/// <summary>The outcome of saving a page's texts (same shape as the menu's).</summary>
public sealed record PageSaveResult(MenuSaveStatus Status, PageTexts? Current, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// S-1.3: organizers edit the texts of the partner space's pages. A save publishes to open
/// portals, is recorded in the history, and a stale save is refused with the newer texts.
/// </summary>
public sealed class PageEditorService(IDbContextFactory<PartnerSpaceDbContext> dbs, ILiveEvents live, TimeProvider time)
{
    public const string HistoryArea = "page";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<PageTexts>> GetAllAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pages = await db.Pages.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .ToListAsync(ct);

        // Kinds are stored as text: order by the enum (the default tabs' order), not alphabetically.
        return [.. pages.OrderBy(p => p.Kind).ThenBy(p => p.Slug, StringComparer.Ordinal).Select(ToTexts)];
    }

    public async Task<PageSaveResult> SaveAsync(Guid eventId, PageTexts draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var page = await db.Pages.FirstOrDefaultAsync(p => p.Id == draft.PageId && p.EventId == eventId, ct);
        if (page is null)
        {
            return new PageSaveResult(MenuSaveStatus.Invalid, null, new Dictionary<string, string[]> { ["page"] = ["This page does not exist (any more)."] });
        }

        var before = ToTexts(page);
        if (page.Version != draft.Version)
        {
            return new PageSaveResult(MenuSaveStatus.Conflict, before);
        }

        var title = new LocalizedText(draft.Title.Fr.Trim(), draft.Title.En.Trim());
        var introduction = new LocalizedText(draft.Introduction.Fr.Trim(), draft.Introduction.En.Trim());
        // Only trailing space goes: leading spaces mean something in Markdown (an indented code block).
        var body = new LocalizedText(draft.Body.Fr.TrimEnd(), draft.Body.En.TrimEnd());
        var help = new LocalizedText(draft.Help.Fr.Trim(), draft.Help.En.Trim());
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (title.Fr.Length == 0 && title.En.Length == 0)
        {
            errors["title"] = ["A page needs a title in French or in English."];
        }
        else if (title.Fr.Length > Page.TitleMaxLength || title.En.Length > Page.TitleMaxLength)
        {
            errors["title"] = [$"A title is at most {Page.TitleMaxLength} characters."];
        }

        if (introduction.Fr.Length > Page.IntroductionMaxLength || introduction.En.Length > Page.IntroductionMaxLength)
        {
            errors["introduction"] = [$"An introduction is at most {Page.IntroductionMaxLength} characters."];
        }

        if (help.Fr.Length > Page.HelpMaxLength || help.En.Length > Page.HelpMaxLength)
        {
            errors["help"] = [$"A help text is at most {Page.HelpMaxLength} characters."];
        }

        if (page.Kind != PageKind.Custom && body != page.Body)
        {
            errors["body"] = ["Only custom content pages have a body; this tab shows its own content."];
        }
        else if (body.Fr.Length > Page.BodyMaxLength || body.En.Length > Page.BodyMaxLength)
        {
            errors["body"] = [$"A page body is at most {Page.BodyMaxLength} characters in each language."];
        }

        if (errors.Count > 0)
        {
            return new PageSaveResult(MenuSaveStatus.Invalid, before, errors);
        }

        page.EditTexts(title, introduction, body, help);
        var after = ToTexts(page);
        db.History.Add(new ChangeRecord(
            eventId,
            HistoryArea,
            $"page \"{title.For("en")}\" texts edited",
            JsonSerializer.Serialize(before, Json),
            JsonSerializer.Serialize(after, Json),
            actor,
            time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await live.PublishAsync(new MenuChanged(eventId), ct);
        return new PageSaveResult(MenuSaveStatus.Saved, after);
    }

    /// <summary>
    /// Creates a custom content page (S-1.2: a new tab needs its page). Its address comes from its
    /// title, made unique within the event.
    /// </summary>
    public async Task<Result<PageTexts>> CreateCustomAsync(Guid eventId, LocalizedText title, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(actor);
        var clean = new LocalizedText(title.Fr.Trim(), title.En.Trim());
        if (clean.Fr.Length == 0 && clean.En.Length == 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["title"] = ["A page needs a title in French or in English."] });
        }

        if (clean.Fr.Length > Page.TitleMaxLength || clean.En.Length > Page.TitleMaxLength)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["title"] = [$"A title is at most {Page.TitleMaxLength} characters."] });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var taken = (await db.Pages.Where(p => p.EventId == eventId).Select(p => p.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var baseSlug = Slugs.From(clean.En.Length > 0 ? clean.En : clean.Fr, Page.SlugMaxLength - 4);
        var slug = baseSlug;
        for (var n = 2; taken.Contains(slug) || Slugs.Reserved.Contains(slug); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        var page = new Page(eventId, PageKind.Custom, slug, clean);
        db.Pages.Add(page);
        var created = ToTexts(page);
        db.History.Add(new ChangeRecord(eventId, "page-created", $"page \"{clean.For("en")}\" created", "", JsonSerializer.Serialize(created, Json), actor, time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (event, slug) index refused a page created at the same moment: say so.
            return Error.Conflict("slug-taken", "Another page was just created with this address. Try again.");
        }

        await live.PublishAsync(new MenuChanged(eventId), ct);
        return Result<PageTexts>.Ok(created);
    }

    /// <summary>Puts a page's texts back as they were before a recorded change (itself a recorded change).</summary>
    public async Task<PageSaveResult> UndoAsync(Guid eventId, HistoryEntry change, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = JsonSerializer.Deserialize<PageTexts>(change.Before, Json)
            ?? throw new InvalidOperationException($"History entry {change.Id} has no page snapshot.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var current = await db.Pages.Where(p => p.Id == before.PageId).Select(p => new { p.Version, p.Body, p.Help }).FirstOrDefaultAsync(ct);

        // A snapshot from before pages had bodies (or help) says nothing about them: keep today's.
        if (current is not null && !Has(change.Before, "body"))
        {
            before = before with { Body = current.Body };
        }

        if (current is not null && !Has(change.Before, "help"))
        {
            before = before with { Help = current.Help };
        }

        return await SaveAsync(eventId, before with { Version = current?.Version ?? -1 }, actor, ct);
    }

    private static PageTexts ToTexts(Page p) => new(p.Id, p.Kind, p.Slug, p.Title, p.Introduction, p.Version) { Body = p.Body, Help = p.Help };

    private static bool Has(string snapshot, string property)
    {
        using var json = JsonDocument.Parse(snapshot);
        return json.RootElement.TryGetProperty(property, out _);
    }
}
