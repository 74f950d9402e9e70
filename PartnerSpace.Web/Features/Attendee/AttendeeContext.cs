using PartnerSpace.Domain.Contacts;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Features.Attendee;

/// <summary>
/// Who the attendee space is for, given by <see cref="AttendeeShell"/> to its page: the signed-in
/// person, their registration and event, the partners they are a sales contact of, and whether the
/// Business meetings tab shows (S-1.8: sales contact of a partner and the tab switched on).
/// </summary>
public sealed record AttendeeContext(Viewer Viewer, AttendeeSelf Self, IReadOnlyList<Membership> SalesContactOf, bool ShowBusinessTab);
