using Microsoft.EntityFrameworkCore;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Forms;
using PartnerSpace.Domain.Home;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Tasks;
using PartnerSpace.Tests.Support;

namespace PartnerSpace.Tests.Domain;

[Trait("Spec", "S-2.5")]
public sealed class TaskServiceTests : IAsyncLifetime
{
    private static readonly Uri Site = new("https://portal.example/");
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Guid _organizer;
    private Partner _acme = null!;
    private Partner _globex = null!;
    private Viewer _acmeAdmin = null!;

    private TaskService Tasks => new(_db.Factory, _db.Access, _db.Files, _db.Live, _db.Time);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        await _db.AddDefaultMenuAsync(_eventId);
        _organizer = (await _db.AddOrganizerAsync(_eventId, "nadia@organizer.example")).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _globex = new Partner(_eventId, "Globex", "Silver", false, _db.Time.GetUtcNow());
        await _db.SaveAsync(_globex);
        _acmeAdmin = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _acme.Id, MemberRole.Administrator, "admin@acme.example")).Id);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static TaskDraft Draft(string title, Audience? audience = null, TaskAnswerKind kind = TaskAnswerKind.Acknowledgement, DateTimeOffset? due = null) =>
        TaskDraft.New() with { Title = new LocalizedText(title + " (fr)", title), AnswerKind = kind, Audience = audience ?? Audience.All, DueAt = due };

    private async Task<Guid> CreateAsync(TaskDraft draft)
    {
        var created = await Tasks.CreateAsync(_organizer, _eventId, draft);
        Assert.True(created.IsSuccess, created.Error?.Message + string.Join(", ", created.Error?.Fields?.Keys ?? []));
        return created.Value;
    }

    [Fact]
    public async Task ACategoryAudienceIsResolvedOnReadSoAPartnerAddedLaterGetsTheTask()
    {
        var taskId = await CreateAsync(Draft("Send your logo", Audience.OfCategories("gold")));
        var initech = new Partner(_eventId, "Initech", "Gold", false, _db.Time.GetUtcNow());
        await _db.SaveAsync(initech);
        var organizer = new Viewer(ViewerKind.Organizer, _organizer);

        var acme = (await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!;
        var globex = (await Tasks.GetForPartnerAsync(organizer, _globex.Id)).Value!;
        var later = (await Tasks.GetForPartnerAsync(organizer, initech.Id)).Value!;

        Assert.Equal(taskId, Assert.Single(acme.Active).TaskId);
        Assert.Empty(globex.Active);
        Assert.Equal(taskId, Assert.Single(later.Active).TaskId);
        Assert.Equal(2, Assert.Single(await Tasks.ListAsync(_organizer, _eventId)).Assigned);
    }

    [Fact]
    public async Task AnInvalidTaskIsRefusedFieldByFieldAndNothingIsSaved()
    {
        var draft = TaskDraft.New() with
        {
            Title = new LocalizedText(" ", ""),
            AnswerKind = TaskAnswerKind.Choice,
            Choices = [new LocalizedText("Oui", "Yes"), new LocalizedText("", "")],
            DueAt = _db.Time.GetUtcNow().AddDays(-1),
            Audience = Audience.OfCategories(),
        };

        var result = await Tasks.CreateAsync(_organizer, _eventId, draft);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(["audience", "choices", "dueAt", "title"], result.Error.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await Tasks.ListAsync(_organizer, _eventId));
    }

    [Fact]
    public async Task OnlyTheEventsOrganizersCreateTasksAndAChosenPartnerMustBeOfTheEvent()
    {
        var stranger = await _db.AddOrganizerAsync((await _db.AddEventAsync()).Id, "other@organizer.example");

        var forbidden = await Tasks.CreateAsync(stranger.Id, _eventId, Draft("Sneaky"));
        var foreign = await Tasks.CreateAsync(_organizer, _eventId, Draft("Foreign", Audience.OfPartners(Guid.NewGuid())));

        Assert.Equal(ErrorKind.Forbidden, forbidden.Error!.Kind);
        Assert.Contains("audience", foreign.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task AStaleEditIsAConflictAndKeepsTheOtherEdit()
    {
        var taskId = await CreateAsync(Draft("Insurance"));
        var loaded = Assert.Single(await Tasks.ListAsync(_organizer, _eventId)).ToDraft();
        Assert.True((await Tasks.UpdateAsync(_organizer, taskId, loaded with { Title = new LocalizedText("Assurance", "Insurance certificate") })).IsSuccess);

        var stale = await Tasks.UpdateAsync(_organizer, taskId, loaded with { Title = new LocalizedText("Assurance", "Old") });

        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal("Insurance certificate", Assert.Single(await Tasks.ListAsync(_organizer, _eventId)).Title.En);
    }

    [Fact]
    public async Task TheBoardShowsOverdueFirstThenActiveThenDone()
    {
        var soon = await CreateAsync(Draft("Soon", due: _db.Time.GetUtcNow().AddHours(2)));
        var later = await CreateAsync(Draft("Later", due: _db.Time.GetUtcNow().AddDays(5)));
        Assert.True((await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, later, new TaskAnswer(), 0)).IsSuccess);
        _db.Time.Advance(TimeSpan.FromHours(3));

        var board = await Tasks.GetBoardAsync(_organizer, _eventId);

        Assert.Equal(
            [(soon, "Acme", TaskState.Overdue), (soon, "Globex", TaskState.Overdue), (later, "Globex", TaskState.Active), (later, "Acme", TaskState.Completed)],
            board.Select(r => (r.TaskId, r.PartnerName, r.State)));
        Assert.Equal("Ada Lovelace", board[^1].CompletedByName);
        var notDoneOfGlobex = await Tasks.GetBoardAsync(_organizer, _eventId, partnerId: _globex.Id);
        Assert.Equal(2, notDoneOfGlobex.Count);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task AnAnswerCompletesTheTaskAndTellsThePartnerAndTheOrganizer()
    {
        var taskId = await CreateAsync(Draft("Read the rules"));
        var events = new List<LiveEvent>();
        using var partnerTopic = _db.Live.Subscribe(Topics.Partner(_acme.Id), e => { lock (events) { events.Add(e); } return Task.CompletedTask; });
        using var eventTopic = _db.Live.Subscribe(Topics.Event(_eventId), e => { lock (events) { events.Add(e); } return Task.CompletedTask; });

        var answered = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), 0);

        Assert.True(answered.IsSuccess, answered.Error?.Message);
        var list = (await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!;
        Assert.Empty(list.Active);
        Assert.Equal("Ada Lovelace", Assert.Single(list.Completed).CompletedByName);
        Assert.Contains(events, e => e is TaskStatusChanged { PartnerId: var p } && p == _acme.Id);
        Assert.Contains(events, e => e is TasksChanged);
        Assert.Equal(1, Assert.Single(await Tasks.ListAsync(_organizer, _eventId)).Done);
    }

    [Fact]
    public async Task AColleaguesAnswerMeanwhileIsAConflictNotOverwritten()
    {
        var taskId = await CreateAsync(Draft("Stand name", kind: TaskAnswerKind.Text));
        Assert.True((await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer("ACME"), 0)).IsSuccess);

        var late = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer("Acme Corp"), 0);

        Assert.Equal(ErrorKind.Conflict, late.Error!.Kind);
        Assert.Equal("ACME", Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed).AnswerText);
    }

    [Fact]
    public async Task TextAndChoiceAnswersAreChecked()
    {
        var text = await CreateAsync(Draft("Stand name", kind: TaskAnswerKind.Text));
        var choice = await CreateAsync(Draft("Power", kind: TaskAnswerKind.Choice) with { Choices = [new("Oui", "Yes"), new("Non", "No")] });

        var empty = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, text, new TaskAnswer("   "), 0);
        var tooLong = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, text, new TaskAnswer(new string('x', TaskProgress.AnswerMaxLength + 1)), 0);
        var outOfRange = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, choice, new TaskAnswer(Choice: 2), 0);
        var chosen = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, choice, new TaskAnswer(Choice: 1), 0);

        Assert.Equal(["Write an answer."], empty.Error!.Fields!["answer"]);
        Assert.Equal(ErrorKind.Validation, tooLong.Error!.Kind);
        Assert.Equal(["Choose one of the answers."], outOfRange.Error!.Fields!["answer"]);
        Assert.True(chosen.IsSuccess);
        var board = await Tasks.GetBoardAsync(_organizer, _eventId, taskId: choice);
        Assert.Equal("No", board.Single(r => r.PartnerId == _acme.Id).Choice!.En);
        Assert.Equal(1, Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed).ChoiceIndex);
    }

    [Fact]
    public async Task AFileAnswerIsCheckedByTheTasksRulesByContentAndOnlyTheirOwnFileCounts()
    {
        var taskId = await CreateAsync(Draft("Signed contract", kind: TaskAnswerKind.File) with { FileRules = new FileRules([FileKind.Png], 1) });

        var disguised = await Tasks.UploadAsync(_acmeAdmin, _acme.Id, taskId, "contract.png", 20, new MemoryStream("<html><script>x</script>"u8.ToArray()));
        var pdf = await Tasks.UploadAsync(_acmeAdmin, _acme.Id, taskId, "contract.pdf", 10, new MemoryStream("%PDF-1.4\n%%"u8.ToArray()));
        var huge = await Tasks.UploadAsync(_acmeAdmin, _acme.Id, taskId, "contract.png", 2 * 1024 * 1024, new MemoryStream(SampleImages.Png));
        var good = await Tasks.UploadAsync(_acmeAdmin, _acme.Id, taskId, "contract.png", SampleImages.Png.Length, new MemoryStream(SampleImages.Png));
        var othersFile = await _db.Files.StoreAsync(_eventId, _globex.Id, PartnerSpace.Domain.Files.FilePurpose.TaskAnswer, "x.png", FileKind.Png, SampleImages.Png);

        Assert.Equal(["Signed contract: contract.png is not a real PNG file."], disguised.Error!.Fields!["file"]);
        Assert.Equal(["Signed contract: only PNG files."], pdf.Error!.Fields!["file"]);
        Assert.Equal(["Signed contract: the file is 2.0 MB; the limit is 1 MB."], huge.Error!.Fields!["file"]);
        Assert.True(good.IsSuccess, good.Error?.Message);
        var stored = await _db.Files.GetAsync(good.Value);
        Assert.Equal((PartnerSpace.Domain.Files.FilePurpose.TaskAnswer, (Guid?)_acme.Id), (stored!.Purpose, stored.PartnerId));
        Assert.Equal(ErrorKind.Validation, (await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(FileId: othersFile), 0)).Error!.Kind);
        Assert.True((await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(FileId: good.Value), 0)).IsSuccess);
        Assert.Equal("contract.png", Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed).AnswerFileName);
    }

    [Fact]
    public async Task AStreamLongerThanItsDeclaredSizeIsNotStored()
    {
        var taskId = await CreateAsync(Draft("Logo", kind: TaskAnswerKind.File) with { FileRules = new FileRules([FileKind.Png], 1) });
        byte[] content = [.. SampleImages.Png, .. new byte[2 * 1024 * 1024]];

        var lying = await Tasks.UploadAsync(_acmeAdmin, _acme.Id, taskId, "logo.png", SampleImages.Png.Length, new MemoryStream(content));

        Assert.Equal(ErrorKind.Validation, lying.Error!.Kind);
        Assert.False(await _db.QueryAsync(db => db.Files.AnyAsync()));
        Assert.Empty(Directory.Exists(_db.FilesFolder) ? Directory.GetFiles(_db.FilesFolder, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task ACompletedTaskReopensUntilItsDueDateThenNoLonger()
    {
        var taskId = await CreateAsync(Draft("Catering", due: _db.Time.GetUtcNow().AddDays(1)));
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), 0);
        var completed = Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed);
        Assert.True(completed.CanReopen);

        Assert.True((await Tasks.ReopenAsync(_acmeAdmin, _acme.Id, taskId, completed.ProgressVersion)).IsSuccess);
        var active = Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Active);
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), active.ProgressVersion);
        _db.Time.Advance(TimeSpan.FromDays(2));
        var afterDue = Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed);

        var refused = await Tasks.ReopenAsync(_acmeAdmin, _acme.Id, taskId, afterDue.ProgressVersion);

        Assert.False(afterDue.CanReopen);
        Assert.Equal("closed", refused.Error!.Code);
    }

    [Fact]
    public async Task ATaskThatForbidsReopeningCannotBeReopened()
    {
        var taskId = await CreateAsync(Draft("Final list") with { AllowReopen = false });
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), 0);

        var refused = await Tasks.ReopenAsync(_acmeAdmin, _acme.Id, taskId, 1);

        Assert.Equal("closed", refused.Error!.Code);
        Assert.Single((await Tasks.GetForPartnerAsync(_acmeAdmin, _acme.Id)).Value!.Completed);
    }

    [Fact]
    public async Task ARemindersGoToTheOutboxInEachAdministratorsLanguageAndOnlyToPartnersNotDone()
    {
        var taskId = await CreateAsync(Draft("Insurance", due: _db.Time.GetUtcNow().AddDays(3)));
        var english = new Person(_eventId, "boss@globex.example", "Grace", "Hopper", null, "en");
        await _db.SaveAsync(english);
        await _db.SaveAsync(new PartnerMember(_globex.Id, english.Id, MemberRole.Administrator, _db.Time.GetUtcNow()));
        await _db.AddMemberAsync(_eventId, _globex.Id, MemberRole.SalesContact, "sales@globex.example");
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), 0);
        var outbox = new List<LiveEvent>();
        using var _ = _db.Live.Subscribe(Topics.Outbox, e => { outbox.Add(e); return Task.CompletedTask; });

        var result = await Tasks.RemindAsync(_organizer, taskId, null, Site);

        Assert.Equal(new ReminderResult(1, 1), result.Value);
        var message = Assert.Single(await _db.QueryAsync(db => db.Outbox.ToListAsync()));
        Assert.Equal("boss@globex.example", message.To);
        Assert.Equal("Reminder: Insurance", message.Subject);
        Assert.Contains($"https://portal.example/partner/{_globex.Id}/tasks", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Globex has not yet done the task \"Insurance\" (due ", message.TextBody, StringComparison.Ordinal);
        var row = (await Tasks.GetBoardAsync(_organizer, _eventId)).Single(r => r.PartnerId == _globex.Id);
        Assert.Equal((_db.Time.GetUtcNow(), 1), (row.LastRemindedAt!.Value, row.ReminderCount));
        Assert.Single(outbox);
        Assert.Equal("already-done", (await Tasks.RemindAsync(_organizer, taskId, _acme.Id, Site)).Error!.Code);
    }

    [Fact]
    public async Task AFrenchAdministratorIsRemindedInFrench()
    {
        var taskId = await CreateAsync(Draft("Insurance") with { Title = new LocalizedText("Assurance", "Insurance") });

        await Tasks.RemindAsync(_organizer, taskId, _acme.Id, Site);

        var message = Assert.Single(await _db.QueryAsync(db => db.Outbox.ToListAsync()));
        Assert.Equal(("admin@acme.example", "Rappel : Assurance"), (message.To, message.Subject));
        Assert.Contains("Bonjour Ada", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "S-4.1")]
    public async Task AnotherPartnersAdministratorCanNeitherSeeNorAnswer()
    {
        var taskId = await CreateAsync(Draft("Rules"));
        var stranger = new Viewer(ViewerKind.Person, (await _db.AddMemberAsync(_eventId, _globex.Id, MemberRole.Administrator, "boss@globex.example")).Id);

        Assert.Equal(ErrorKind.Forbidden, (await Tasks.GetForPartnerAsync(stranger, _acme.Id)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Tasks.AnswerAsync(stranger, _acme.Id, taskId, new TaskAnswer(), 0)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Tasks.ReopenAsync(stranger, _acme.Id, taskId, 0)).Error!.Kind);
    }

    [Fact]
    public async Task APartnerOutsideTheAudienceCannotAnswer()
    {
        var taskId = await CreateAsync(Draft("Globex only", Audience.OfPartners(_globex.Id)));

        var result = await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, taskId, new TaskAnswer(), 0);

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact]
    [Trait("Spec", "S-2.1")]
    public async Task TheHomeCounterAndReadinessCountTheAudiencesTasks()
    {
        var done = await CreateAsync(Draft("Done"));
        await CreateAsync(Draft("Open"));
        await CreateAsync(Draft("Not ours", Audience.OfCategories("Silver")));
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, done, new TaskAnswer(), 0);
        var counter = new OpenTasksCounter(Tasks);
        var readiness = new TaskReadiness(Tasks);

        Assert.Equal(HomeElement.OpenTasksCounter, counter.Element);
        Assert.Equal(1, await counter.CountAsync(_acme.Id));
        var all = await readiness.GetAsync(_eventId);
        Assert.Equal(new ReadinessItem(ReadinessArea.Tasks, 1, 2), all[_acme.Id]);
        Assert.Equal(new ReadinessItem(ReadinessArea.Tasks, 0, 3), all[_globex.Id]);
        Assert.Equal([_acme.Id], (await readiness.GetAsync(_eventId, _acme.Id)).Keys);
    }

    [Fact]
    public async Task DeletingATaskRemovesItsAnswersFilesAndMovingReorders()
    {
        var first = await CreateAsync(Draft("First", kind: TaskAnswerKind.File));
        var second = await CreateAsync(Draft("Second"));
        var file = (await Tasks.UploadAsync(_acmeAdmin, _acme.Id, first, "a.png", SampleImages.Png.Length, new MemoryStream(SampleImages.Png))).Value;
        await Tasks.AnswerAsync(_acmeAdmin, _acme.Id, first, new TaskAnswer(FileId: file), 0);

        await Tasks.MoveAsync(_organizer, second, 0);
        Assert.Equal([second, first], (await Tasks.ListAsync(_organizer, _eventId)).Select(t => t.Id));
        Assert.Equal(1, (await Tasks.GetDeletionImpactAsync(_organizer, first))!.Answers);
        Assert.True((await Tasks.DeleteAsync(_organizer, first)).IsSuccess);

        Assert.Equal([second], (await Tasks.ListAsync(_organizer, _eventId)).Select(t => t.Id));
        Assert.Null(await _db.Files.GetAsync(file));
    }
}
