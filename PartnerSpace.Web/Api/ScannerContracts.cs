namespace PartnerSpace.Web.Api;

public sealed record DevicePartnerResponse(Guid Id, string Name);

/// <summary><c>timeZone</c> is an IANA zone id.</summary>
public sealed record DeviceEventResponse(string Name, string TimeZone);

public sealed record DeviceTeamMemberResponse(Guid PersonId, string Name, string Email);

/// <summary><c>kind</c> is <c>text</c>, <c>choice</c> or <c>yesNo</c>; choices answer with one of <c>options</c>.</summary>
public sealed record DeviceQuestionResponse(Guid Id, string Label, string Kind, IReadOnlyList<string> Options, int Position);

/// <summary>What the phone scanner needs: whose device this is, the team who may scan, the partner's questions.</summary>
public sealed record DeviceResponse(
    DevicePartnerResponse Partner,
    DeviceEventResponse Event,
    IReadOnlyList<DeviceTeamMemberResponse> Team,
    IReadOnlyList<DeviceQuestionResponse> Questions);

/// <summary>
/// A lead's qualification. <c>rating</c>: <c>none</c>, <c>cold</c>, <c>warm</c>, <c>hot</c>;
/// <c>followUp</c>: <c>new</c>, <c>toContact</c>, <c>contacted</c>, <c>opportunity</c>, <c>won</c>,
/// <c>notInterested</c>; <c>answers</c> by question id. <c>version</c> is the lead's version read
/// before editing: a stale one answers 409.
/// </summary>
public sealed record LeadQualificationBody(
    string Rating,
    string FollowUp,
    string? Notes,
    IReadOnlyList<string> Tags,
    Guid? OwnerPersonId,
    IReadOnlyDictionary<string, string> Answers,
    int? Version);

/// <summary>The request of <c>PATCH /api/v1/leads/{leadId}/qualification</c>; <c>qualifiedBy</c> is the team member's e-mail.</summary>
public sealed record LeadQualificationRequest(
    string? Rating,
    string? FollowUp,
    string? Notes,
    IReadOnlyList<string?>? Tags,
    Guid? OwnerPersonId,
    IReadOnlyDictionary<string, string?>? Answers,
    int? Version,
    string? QualifiedBy);

/// <summary>
/// One lead as a device sees it. <c>email</c> is only there while the attendee consents
/// (<c>consent</c> is not <c>none</c>); names and company always are.
/// </summary>
public sealed record LeadCardResponse(
    Guid LeadId,
    string FirstName,
    string LastName,
    string? Company,
    string? Email,
    IReadOnlyList<string> Sources,
    string Consent,
    DateTimeOffset? ConsentAt,
    int ScanCount,
    DateTimeOffset CreatedAt,
    LeadQualificationBody Qualification,
    DateTimeOffset? QualifiedAt,
    string? QualifiedBy);
