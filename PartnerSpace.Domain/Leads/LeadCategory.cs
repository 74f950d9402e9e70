namespace PartnerSpace.Domain.Leads;

/// <summary>The five categories of S-2.12: the Leads screen's sub-tabs and the export's sheets, in this order.</summary>
public enum LeadCategory
{
    Scans,
    Sharing,
    Sessions,
    Networking,
    Meetings,
}
