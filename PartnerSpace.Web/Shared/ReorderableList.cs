using MudBlazor;

namespace PartnerSpace.Web.Shared;

/// <summary>
/// The rows of an editor that reorders them by drag and drop and by keyboard move buttons (menu
/// editor S-1.2, form builders S-1.4, S-1.5), with a sentence for screen readers after each change.
/// Shown by <see cref="ReorderableRows{T}"/>.
/// </summary>
/// <param name="movedText">The sentence a move announces, from the row and its new position of the count: "Leads moved to position 3 of 9."</param>
public sealed class ReorderableList<T>(Func<T, int, int, string> movedText) : IReadOnlyList<T>
    where T : class
{
    private List<T> _items = [];
    private (T Item, int By)? _keyboardMove;

    /// <summary>Changes with every add, removal, move and reset: the drop container's key, so it redraws the new order.</summary>
    public int Version { get; private set; }

    /// <summary>The last change in words, for the polite live region.</summary>
    public string? Announcement { get; private set; }

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    public int IndexOf(T item) => _items.IndexOf(item);

    public bool IsFirst(T item) => IndexOf(item) == 0;

    public bool IsLast(T item) => IndexOf(item) == _items.Count - 1;

    public void Reset(IEnumerable<T> items)
    {
        _items = [.. items];
        Changed(null);
    }

    public void Add(T item, string? announcement = null)
    {
        _items.Add(item);
        Changed(announcement);
    }

    public bool Remove(T item, string? announcement = null)
    {
        var removed = _items.Remove(item);
        if (removed)
        {
            Changed(announcement);
        }

        return removed;
    }

    /// <summary>The keyboard twin of a drag: one place up (-1) or down (+1).</summary>
    public bool Move(T item, int by)
    {
        var moved = MoveTo(item, IndexOf(item) + by);
        if (moved)
        {
            _keyboardMove = (item, by);
        }

        return moved;
    }

    /// <summary>-1 or +1 when the last change moved this row with its keyboard buttons, else 0: where its focus goes back.</summary>
    public int MovedByKeyboard(T item) => _keyboardMove is var (moved, by) && ReferenceEquals(moved, item) ? by : 0;

    /// <summary>
    /// A drop from the container. MudBlazor gives the index the item takes in the zone (an item
    /// dragged upwards lands after the row it was dropped on); that index is used as given.
    /// </summary>
    public bool Drop(MudItemDropInfo<T> drop) => drop?.Item is { } item && MoveTo(item, drop.IndexInZone);

    /// <summary>Puts the row at an index (kept within the list); false when it was there already.</summary>
    public bool MoveTo(T item, int index)
    {
        var from = _items.IndexOf(item);
        index = Math.Clamp(index, 0, _items.Count - 1);
        if (from < 0 || from == index)
        {
            return false;
        }

        _items.RemoveAt(from);
        _items.Insert(index, item);
        Changed(movedText(item, index + 1, _items.Count));
        return true;
    }

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private void Changed(string? announcement)
    {
        _keyboardMove = null;
        Version++;
        Announcement = announcement;
    }
}
