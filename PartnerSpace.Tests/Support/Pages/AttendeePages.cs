using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary><c>/attendee/partners/{id}</c>: a partner seen from the attendee space, with "Request a meeting" and "Share my contact details" (S-3).</summary>
public sealed class AttendeePartnerPage(IPage page) : BlazorPage(page)
{
    public ILocator RequestForm => Page.GetByTestId("meeting-request");

    public ILocator SlotChoices => Page.GetByTestId("slot-choice");

    public ILocator Message => Page.Locator("textarea[data-testid=meeting-request-message]");

    public ILocator Send => Page.GetByTestId("meeting-request-send");

    public async Task OpenAsync(Guid partnerId)
    {
        await GotoInteractiveAsync($"/attendee/partners/{partnerId}");
        await Assertions.Expect(RequestForm).ToHaveAttributeAsync("data-interactive", "true");
    }
}

/// <summary><c>/attendee/meetings</c>: the attendee's meetings with their status (S-3).</summary>
public sealed class AttendeeMeetingsPage(IPage page) : BlazorPage(page)
{
    public ILocator Meetings => Page.GetByTestId("my-meeting");

    public ILocator Meeting(string partnerName) =>
        Meetings.Filter(new() { Has = Page.GetByTestId("my-meeting-partner").GetByText(partnerName, new() { Exact = true }) });

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync("/attendee/meetings");
        await Assertions.Expect(Page.GetByTestId("my-meetings")).ToHaveAttributeAsync("data-interactive", "true");
    }
}

/// <summary><c>/attendee/messages</c>: partners' messages to accept or decline (S-2.12).</summary>
public sealed class AttendeeMessagesPage(IPage page) : BlazorPage(page)
{
    public ILocator Messages => Page.GetByTestId("partner-message");

    public ILocator Message(string body) =>
        Messages.Filter(new() { Has = Page.GetByTestId("partner-message-body").GetByText(body, new() { Exact = true }) });

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync("/attendee/messages");
        await Assertions.Expect(Page.GetByTestId("message-inbox")).ToHaveAttributeAsync("data-interactive", "true");
    }
}

/// <summary><c>/attendee/contacts</c>: networking contacts, shared details and the listing switch (S-2.12).</summary>
public sealed class AttendeeContactsPage(IPage page) : BlazorPage(page)
{
    public ILocator Shares => Page.GetByTestId("share-row");

    public async Task OpenAsync()
    {
        await GotoInteractiveAsync("/attendee/contacts");
        await Assertions.Expect(Page.GetByTestId("my-contacts")).ToHaveAttributeAsync("data-interactive", "true");
    }
}
