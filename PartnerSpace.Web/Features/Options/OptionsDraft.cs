using PartnerSpace.Domain.Events;

namespace PartnerSpace.Web.Features.Options;

/// <summary>The options form's switches (bindable), turned back into the domain's values on save.</summary>
public sealed class OptionsDraft
{
    public bool SessionsShowAttendeesPresent { get; set; }

    public bool SessionsShowRegistrants { get; set; }

    public bool TeamShowBadges { get; set; }

    public bool SalesContactTab { get; set; }

    public bool SalesContactsContactAttendees { get; set; }

    public bool SalesContactsChooseSlots { get; set; }

    public bool SalesContactsManageSpaces { get; set; }

    public bool OnlineSpaces { get; set; }

    public bool PhysicalSpaces { get; set; }

    /// <summary>S-2.9: kept as typed; the domain says whether it is within bounds.</summary>
    public int MeetingRequestExpiryHours { get; set; } = 48;

    public static OptionsDraft From(EventOptionValues v) => new()
    {
        SessionsShowAttendeesPresent = v.SessionsShowAttendeesPresent,
        SessionsShowRegistrants = v.SessionsShowRegistrants,
        TeamShowBadges = v.TeamShowBadges,
        SalesContactTab = v.SalesContactTab,
        SalesContactsContactAttendees = v.SalesContactsContactAttendees,
        SalesContactsChooseSlots = v.SalesContactsChooseSlots,
        SalesContactsManageSpaces = v.SalesContactsManageSpaces,
        OnlineSpaces = v.OnlineSpaces,
        PhysicalSpaces = v.PhysicalSpaces,
        MeetingRequestExpiryHours = v.MeetingRequestExpiryHours,
    };

    public EventOptionValues ToValues() => new(
        SessionsShowAttendeesPresent,
        SessionsShowRegistrants,
        TeamShowBadges,
        SalesContactTab,
        SalesContactsContactAttendees,
        SalesContactsChooseSlots,
        SalesContactsManageSpaces,
        OnlineSpaces,
        PhysicalSpaces)
    {
        MeetingRequestExpiryHours = MeetingRequestExpiryHours,
    };
}
