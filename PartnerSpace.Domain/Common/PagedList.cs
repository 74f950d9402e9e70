namespace PartnerSpace.Domain.Common;

/// <summary>One page of a list paged in the database, with the total count of the whole list.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total);
