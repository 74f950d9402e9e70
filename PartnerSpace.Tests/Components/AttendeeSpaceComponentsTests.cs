using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Live;
using PartnerSpace.Domain.Meetings;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Attendee;

namespace PartnerSpace.Tests.Components;

/// <summary>
/// The attendee space's request form and message inbox on a real database (S-3, S-3.5, S-2.12):
/// a slot taken meanwhile keeps the message; answering a partner's message shares the details.
/// </summary>
[Trait("Spec", "S-3")]
public sealed class AttendeeSpaceComponentsTests : ComponentTestBase
{
    private static readonly DateTimeOffset Tomorrow = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = new();
    private Guid _eventId;
    private Partner _acme = default!;
    private Viewer _lea = default!;
    private Viewer _tom = default!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _db.DisposeAsync();
    }

    private async Task ArrangeAsync()
    {
        await _db.InitializeAsync();
        _eventId = (await _db.AddEventAsync()).Id;
        _acme = await _db.AddPartnerAsync(_eventId, "Acme");
        _lea = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_eventId, "B-LEA", "lea@guest.example", "Léa", "Martin")).PersonId);
        _tom = new Viewer(ViewerKind.Person, (await _db.AddAttendeeAsync(_eventId, "B-TOM", "tom@guest.example", "Tom", "Hardy")).PersonId);
        Services.AddSingleton<TimeProvider>(_db.Time);
        Services.AddSingleton<ILiveEvents>(_db.Live);
        Services.AddSingleton(new MeetingService(_db.Factory, _db.Live, _db.Time));
        Services.AddSingleton(new BookableSlotService(_db.Factory, _db.Time));
        Services.AddSingleton(new AttendeeContactsService(_db.Factory, _db.Live, _db.Time));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    [Fact]
    [Trait("Spec", "S-3.5")]
    public async Task ATakenSlotIsSaidReloadsTheChoicesAndKeepsTheMessage()
    {
        await ArrangeAsync();
        var first = await SlotAsync(Tomorrow);
        var second = await SlotAsync(Tomorrow.AddHours(1));
        var cut = Render<MeetingRequestForm>(p => p.Add(x => x.Viewer, _lea).Add(x => x.PartnerId, _acme.Id).Add(x => x.TimeZoneId, "Europe/Paris"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=slot-choice]").Count));
        Assert.Equal("10:00–10:30", cut.FindAll("[data-testid=slot-choice]")[0].TextContent.Trim());

        cut.FindAll("[data-testid=slot-choice]")[0].Click();
        cut.Find("textarea[data-testid=meeting-request-message]").Change("About your predictive maintenance");
        // Tom wins the slot at the same moment (on another node: no live reload reaches this form first).
        await _db.SaveAsync(new Meeting(_eventId, _acme.Id, first, _tom.Id, null, MeetingOrigin.AttendeeRequest, _db.Time.GetUtcNow(), null));
        cut.Find("[data-testid=meeting-request-send]").Click();

        cut.WaitForAssertion(() => Assert.Equal("This slot was just taken.", cut.Find("[data-testid=meeting-request-error]").TextContent.Trim()));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=slot-choice]")));
        Assert.Equal("About your predictive maintenance", cut.Find("textarea[data-testid=meeting-request-message]").GetAttribute("value") ?? cut.Find("textarea[data-testid=meeting-request-message]").TextContent);
        Assert.True(cut.Find("[data-testid=meeting-request-send]").HasAttribute("disabled"));

        cut.Find("[data-testid=slot-choice]").Click();
        cut.Find("[data-testid=meeting-request-send]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, _db.QueryAsync(db => db.Meetings.CountAsync(m => m.AttendeePersonId == _lea.Id && m.SlotId == second.Id)).Result));
        var thread = await _db.QueryAsync(db => db.MeetingMessages.AsNoTracking().SingleAsync());
        Assert.Equal("About your predictive maintenance", thread.Body);
    }

    [Fact]
    [Trait("Spec", "S-5")]
    public async Task ASlotTakenByAnotherAttendeeLeavesTheChoicesLive()
    {
        await ArrangeAsync();
        var first = await SlotAsync(Tomorrow);
        await SlotAsync(Tomorrow.AddHours(1));
        var cut = Render<MeetingRequestForm>(p => p.Add(x => x.Viewer, _lea).Add(x => x.PartnerId, _acme.Id).Add(x => x.TimeZoneId, "Europe/Paris"));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=meeting-request]").GetAttribute("data-interactive")));

        Assert.True((await new MeetingService(_db.Factory, _db.Live, _db.Time).RequestAsync(_tom, first.Id, null)).IsSuccess);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=slot-choice]")));
        Assert.Equal("11:00–11:30", cut.Find("[data-testid=slot-choice]").TextContent.Trim());
    }

    [Fact]
    public async Task WithoutFreeSlotsTheFormSaysSo()
    {
        await ArrangeAsync();

        var cut = Render<MeetingRequestForm>(p => p.Add(x => x.Viewer, _lea).Add(x => x.PartnerId, _acme.Id).Add(x => x.TimeZoneId, "Europe/Paris"));

        cut.WaitForAssertion(() => Assert.Equal("No free slot", cut.Find("[data-testid=empty-title]").TextContent.Trim()));
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    public async Task AcceptingAMessageWithAReplySharesTheDetailsAndShowsTheAnswer()
    {
        await ArrangeAsync();
        var message = new PartnerMessage(_eventId, _acme.Id, _lea.Id, null, "Hugo Bernard", "Shall we stay in touch?", _db.Time.GetUtcNow());
        await _db.SaveAsync(message);
        var cut = Render<MessageInbox>(p => p.Add(x => x.Viewer, _lea).Add(x => x.TimeZoneId, "Europe/Paris"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=partner-message]")));
        Assert.Equal("Shall we stay in touch?", cut.Find("[data-testid=partner-message-body]").TextContent.Trim());

        cut.Find("textarea[data-testid=partner-message-reply]").Change("Yes, after the show");
        cut.Find("[data-testid=partner-message-accept]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Accepted on", cut.Find("[data-testid=partner-message-answer]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=partner-message-accept]"));
        var stored = await _db.QueryAsync(db => db.PartnerMessages.AsNoTracking().SingleAsync());
        Assert.Equal(MessageAnswer.Accepted, stored.Answer);
        Assert.Equal("Yes, after the show", stored.Reply);
        Assert.Equal(1, await _db.QueryAsync(db => db.ContactShares.CountAsync(s => s.PersonId == _lea.Id && s.PartnerId == _acme.Id)));
    }

    [Fact]
    [Trait("Spec", "S-2.12")]
    [Trait("Spec", "S-5")]
    public async Task DecliningSharesNothingAndANewMessageArrivesLive()
    {
        await ArrangeAsync();
        await _db.SaveAsync(new PartnerMessage(_eventId, _acme.Id, _lea.Id, null, "Hugo Bernard", "First", _db.Time.GetUtcNow()));
        var cut = Render<MessageInbox>(p => p.Add(x => x.Viewer, _lea).Add(x => x.TimeZoneId, "Europe/Paris"));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=message-inbox]").GetAttribute("data-interactive")));

        cut.Find("[data-testid=partner-message-decline]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Declined on", cut.Find("[data-testid=partner-message-answer]").TextContent));
        Assert.Equal(0, await _db.QueryAsync(db => db.ContactShares.CountAsync()));

        _db.Time.Advance(TimeSpan.FromMinutes(5));
        await _db.SaveAsync(new PartnerMessage(_eventId, _acme.Id, _lea.Id, null, "Hugo Bernard", "Second", _db.Time.GetUtcNow()));
        await _db.Live.PublishAsync(new AttendeeContactsChanged(_lea.Id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=partner-message]").Count));
        Assert.Equal("Second", cut.FindAll("[data-testid=partner-message-body]")[0].TextContent.Trim());
    }

    private async Task<MeetingSlot> SlotAsync(DateTimeOffset startsAt)
    {
        var slot = new MeetingSlot(_eventId, _acme.Id, null, null, startsAt, startsAt.AddMinutes(30), _db.Time.GetUtcNow());
        await _db.SaveAsync(slot);
        return slot;
    }
}
