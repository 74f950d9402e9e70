using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Leads;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

/// <summary>Qualifying a lead and editing the partner's questions (S-2.12), on a real database.</summary>
[Trait("Spec", "S-2.12")]
public sealed class LeadQualificationServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _partnerId;
    private Guid _ownerId;

    private LeadQualificationService Qualification => new(_db.Factory, _db.Live, _db.Time);

    private LeadQuestionService Questions => new(_db.Factory, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var ev = await _db.AddEventAsync();
        _eventId = ev.Id;
        _partnerId = (await _db.AddPartnerAsync(ev.Id)).Id;
        _ownerId = (await _db.AddMemberAsync(ev.Id, _partnerId, MemberRole.SalesContact, "sam@acme.example")).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<Guid> AddLeadAsync(string email = "grace@navy.example", LeadSources source = LeadSources.Scan, Guid? partnerId = null)
    {
        var person = await _db.AddPersonAsync(_eventId, email, "Grace", "Hopper");
        await using var db = await _db.Factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var lead = await LeadBook.CaptureAsync(db, partnerId ?? _partnerId, person.Id, source, _db.Time.GetUtcNow());
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return lead.Id;
    }

    private async Task<LeadQuestionView> AddQuestionAsync(string label, LeadQuestionKind kind = LeadQuestionKind.Text, params string[] options) =>
        (await Questions.AddAsync(_partnerId, new LeadQuestionDraft(label, kind, options))).Value!;

    private static LeadQualification Draft(
        LeadRating rating = LeadRating.Hot,
        string? notes = null,
        IReadOnlyList<string>? tags = null,
        Guid? owner = null,
        Dictionary<Guid, string>? answers = null,
        int? version = null) =>
        new(rating, LeadFollowUp.ToContact, notes, tags ?? [], owner, answers ?? [], version);

    [Fact]
    public async Task QualifyingSavesEveryFieldBumpsTheVersionAndTellsOpenScreens()
    {
        var leadId = await AddLeadAsync();
        var budget = await AddQuestionAsync("Budget?", LeadQuestionKind.Choice, "< 10k", "> 10k");
        var demo = await AddQuestionAsync("Wants a demo?", LeadQuestionKind.YesNo);
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        var result = await Qualification.QualifyAsync(_partnerId, leadId, Draft(
            notes: "  Met at the stand  ", tags: ["VIP", "vip", " Paris "], owner: _ownerId,
            answers: new() { [budget.Id] = "> 10k", [demo.Id] = "yes" }, version: 0), "ada@acme.example");

        Assert.True(result.IsSuccess);
        var card = result.Value!;
        Assert.Equal(LeadRating.Hot, card.Qualification.Rating);
        Assert.Equal(LeadFollowUp.ToContact, card.Qualification.FollowUp);
        Assert.Equal("Met at the stand", card.Qualification.Notes);
        Assert.Equal(["VIP", "Paris"], card.Qualification.Tags);
        Assert.Equal(_ownerId, card.Qualification.OwnerPersonId);
        Assert.Equal("> 10k", card.Qualification.Answers[budget.Id]);
        Assert.Equal(1, card.Qualification.Version);
        Assert.Equal("ada@acme.example", card.QualifiedBy);
        Assert.Equal("|VIP|Paris|", await _db.QueryAsync(db => db.Leads.Where(l => l.Id == leadId).Select(l => l.Tags).SingleAsync()));
        Assert.Contains(events, e => e is LeadQualified q && q.LeadId == leadId);
    }

    [Fact]
    public async Task EveryInvalidFieldIsNamedAndNothingIsSaved()
    {
        var leadId = await AddLeadAsync();
        var stranger = await _db.AddPersonAsync(_eventId, "eve@else.example");
        var budget = await AddQuestionAsync("Budget?", LeadQuestionKind.Choice, "Small", "Large");
        var demo = await AddQuestionAsync("Wants a demo?", LeadQuestionKind.YesNo);
        var comment = await AddQuestionAsync("Comment");
        var gone = Guid.NewGuid();
        var draft = new LeadQualification(
            (LeadRating)42,
            (LeadFollowUp)42,
            new string('n', Lead.NotesMaxLength + 1),
            [new string('t', Lead.TagMaxLength + 1)],
            stranger.Id,
            new Dictionary<Guid, string>
            {
                [budget.Id] = "Huge",
                [demo.Id] = "maybe",
                [comment.Id] = new string('a', LeadQuestion.AnswerMaxLength + 1),
                [gone] = "anything",
            });

        var result = await Qualification.QualifyAsync(_partnerId, leadId, draft, "ada@acme.example");

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(
            new[] { "answers." + budget.Id, "answers." + comment.Id, "answers." + demo.Id, "answers." + gone, "followUp", "notes", "owner", "rating", "tags" }.Order(),
            result.Error.Fields!.Keys.Order());
        var stored = await _db.QueryAsync(db => db.Leads.SingleAsync(l => l.Id == leadId));
        Assert.Equal(0, stored.Version);
        Assert.Null(stored.Notes);
    }

    [Fact]
    public async Task TooManyTagsAreRefused()
    {
        var leadId = await AddLeadAsync();

        var result = await Qualification.QualifyAsync(_partnerId, leadId, Draft(tags: [.. Enumerable.Range(1, Lead.MaxTags + 1).Select(i => $"t{i}")]), null);

        Assert.Equal(["tags"], result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task OwnerMustBeInThisPartnersTeam()
    {
        var leadId = await AddLeadAsync();
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        var otherMember = await _db.AddMemberAsync(_eventId, other.Id, MemberRole.SalesContact, "olga@other.example");

        var result = await Qualification.QualifyAsync(_partnerId, leadId, Draft(owner: otherMember.Id), null);

        Assert.Equal(["owner"], result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task StaleVersionIsAConflictAndKeepsTheOtherEdit()
    {
        var leadId = await AddLeadAsync();
        Assert.True((await Qualification.QualifyAsync(_partnerId, leadId, Draft(notes: "first", version: 0), "a")).IsSuccess);

        var result = await Qualification.QualifyAsync(_partnerId, leadId, Draft(notes: "second", version: 0), "b");

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal("lead-changed", result.Error.Code);
        Assert.Equal("first", (await Qualification.GetAsync(_partnerId, leadId))!.Qualification.Notes);
    }

    [Fact]
    public async Task AnotherPartnersLeadIsNotFound()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        var leadId = await AddLeadAsync(partnerId: other.Id);

        Assert.Null(await Qualification.GetAsync(_partnerId, leadId));
        Assert.Equal(ErrorKind.NotFound, (await Qualification.QualifyAsync(_partnerId, leadId, Draft(), null)).Error!.Kind);
    }

    [Fact]
    public async Task EmailIsOnlyOnTheCardWithConsent()
    {
        var scanned = await AddLeadAsync("scanned@navy.example", LeadSources.Scan);
        var session = await AddLeadAsync("session@navy.example", LeadSources.Session);
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            // A scan through LeadBook alone records no consent: give it as a scan would.
            var lead = await db.Leads.SingleAsync(l => l.Id == scanned);
            lead.GiveConsent(LeadConsent.ScannedBadge, _db.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }

        Assert.Equal("scanned@navy.example", (await Qualification.GetAsync(_partnerId, scanned))!.Email);
        Assert.Null((await Qualification.GetAsync(_partnerId, session))!.Email);
    }

    [Fact]
    public async Task TagSuggestionsAreThePartnersOwnMostUsedFirst()
    {
        var a = await AddLeadAsync("a@x.example");
        var b = await AddLeadAsync("b@x.example");
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        var c = await AddLeadAsync("c@x.example", partnerId: other.Id);
        await Qualification.QualifyAsync(_partnerId, a, Draft(tags: ["Paris", "VIP"]), null);
        await Qualification.QualifyAsync(_partnerId, b, Draft(tags: ["vip"]), null);
        await Qualification.QualifyAsync(other.Id, c, Draft(tags: ["Secret"]), null);

        var tags = await Qualification.GetTagsAsync(_partnerId);

        Assert.Equal(["VIP", "Paris"], tags);
    }

    [Fact]
    public async Task QuestionsAreAddedInOrderMovedAndEdited()
    {
        var first = await AddQuestionAsync("Budget?");
        var second = await AddQuestionAsync("  Timeline  ", LeadQuestionKind.Choice, "Now", " now ", "Later", "");

        Assert.Equal("Timeline", second.Label);
        Assert.Equal(["Now", "Later"], second.Options);
        Assert.True((await Questions.MoveAsync(_partnerId, second.Id, -1)).Value);
        Assert.False((await Questions.MoveAsync(_partnerId, second.Id, -1)).Value);
        Assert.Equal([second.Id, first.Id], (await Qualification.GetQuestionsAsync(_partnerId)).Select(q => q.Id));

        var edited = await Questions.UpdateAsync(_partnerId, first.Id, new LeadQuestionDraft("Has a budget?", LeadQuestionKind.YesNo, ["ignored"]));

        Assert.Equal(LeadQuestionKind.YesNo, edited.Value!.Kind);
        Assert.Empty(edited.Value.Options);
    }

    [Theory]
    [InlineData("", LeadQuestionKind.Text, "label")]
    [InlineData("   ", LeadQuestionKind.Text, "label")]
    [InlineData("Choose", LeadQuestionKind.Choice, "options")]
    [InlineData("Kind", (LeadQuestionKind)9, "kind")]
    public async Task InvalidQuestionsAreRefusedAtTheirField(string label, LeadQuestionKind kind, string field)
    {
        var result = await Questions.AddAsync(_partnerId, new LeadQuestionDraft(label, kind, ["only one", "ONLY ONE"]));

        Assert.Equal([field], result.Error!.Fields!.Keys);
        Assert.Empty(await Qualification.GetQuestionsAsync(_partnerId));
    }

    [Fact]
    public async Task LabelsHaveAtMost200Characters()
    {
        var result = await Questions.AddAsync(_partnerId, new LeadQuestionDraft(new string('q', LeadQuestion.LabelMaxLength + 1), LeadQuestionKind.Text, []));

        Assert.Equal(["label"], result.Error!.Fields!.Keys);
        Assert.True((await Questions.AddAsync(_partnerId, new LeadQuestionDraft(new string('q', LeadQuestion.LabelMaxLength), LeadQuestionKind.Text, []))).IsSuccess);
    }

    [Fact]
    public async Task APartnerHasAtMostTwentyQuestions()
    {
        for (var i = 1; i <= LeadQuestion.MaxPerPartner; i++)
        {
            await AddQuestionAsync($"Question {i}");
        }

        var result = await Questions.AddAsync(_partnerId, new LeadQuestionDraft("One more", LeadQuestionKind.Text, []));

        Assert.Equal("too-many-questions", result.Error!.Code);
        Assert.Equal(LeadQuestion.MaxPerPartner, (await Qualification.GetQuestionsAsync(_partnerId)).Count);
    }

    [Fact]
    public async Task DeletingAQuestionDropsItsAnswersFromLeadsAndTellsOpenScreens()
    {
        var budget = await AddQuestionAsync("Budget?");
        var demo = await AddQuestionAsync("Demo?", LeadQuestionKind.YesNo);
        var a = await AddLeadAsync("a@x.example");
        var b = await AddLeadAsync("b@x.example");
        await Qualification.QualifyAsync(_partnerId, a, Draft(answers: new() { [budget.Id] = "10k", [demo.Id] = "yes" }), null);
        await Qualification.QualifyAsync(_partnerId, b, Draft(answers: new() { [demo.Id] = "no" }), null);
        var events = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Partner(_partnerId), e => { events.Add(e); return Task.CompletedTask; });

        var result = await Questions.DeleteAsync(_partnerId, budget.Id);

        Assert.Equal(1, result.Value);
        var cardA = (await Qualification.GetAsync(_partnerId, a))!;
        Assert.Equal([demo.Id], cardA.Qualification.Answers.Keys);
        Assert.Equal("no", (await Qualification.GetAsync(_partnerId, b))!.Qualification.Answers[demo.Id]);
        Assert.Equal([demo.Id], (await Qualification.GetQuestionsAsync(_partnerId)).Select(q => q.Id));
        Assert.Contains(events, e => e is LeadQuestionsChanged);
    }

    [Fact]
    public async Task AnotherPartnersQuestionCannotBeChanged()
    {
        var other = await _db.AddPartnerAsync(_eventId, "Other");
        var theirs = (await Questions.AddAsync(other.Id, new LeadQuestionDraft("Theirs", LeadQuestionKind.Text, []))).Value!;

        Assert.Equal(ErrorKind.NotFound, (await Questions.UpdateAsync(_partnerId, theirs.Id, new LeadQuestionDraft("Mine", LeadQuestionKind.Text, []))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Questions.DeleteAsync(_partnerId, theirs.Id)).Error!.Kind);
        Assert.Equal("Theirs", (await Qualification.GetQuestionsAsync(other.Id)).Single().Label);
    }
}
