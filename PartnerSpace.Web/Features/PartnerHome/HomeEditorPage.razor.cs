using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Home;
using PartnerSpace.Web.Auth;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Web.Features.PartnerHome;

public sealed partial class HomeEditorPage
{
    private Guid _eventId;
    private Guid _organizerId;
    private HomeDashboardState? _state;
    private ReorderableList<ElementDraft> _elements = null!;
    private List<ContactDraft> _contacts = [];
    private IReadOnlyList<HomeElement> _missing = [];
    private IReadOnlyList<HomeElement> _unavailableChosen = [];
    private Dictionary<string, string> _errors = [];
    private bool _loaded;
    private bool _ready;
    private bool _saving;
    private bool _dirty;
    private bool _conflict;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _elements = new((e, at, of) => string.Format(CultureInfo.CurrentCulture, L["Forms.Moved"], L[$"Home.Element.{e.Element}"].Value, at, of));
        _organizerId = (await AuthState).User.ToViewer()!.Id;
        if (await Partners.GetCurrentEventAsync(_organizerId) is { } current)
        {
            _eventId = current.Id;
            await ReloadAsync();
        }

        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!_ready && _state is not null && RendererInfo.IsInteractive)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task ReloadAsync()
    {
        _state = await Dashboards.GetAsync(_eventId);
        var available = Home.AvailableElements;

        // The chosen elements first, in their order, then the others, switched off.
        _elements.Reset([
            .. _state.Elements.Where(available.Contains).Select(e => new ElementDraft(e, true)),
            .. available.Where(e => !_state.Elements.Contains(e)).Select(e => new ElementDraft(e, false))]);
        _missing = [.. Enum.GetValues<HomeElement>().Where(e => !available.Contains(e))];
        _unavailableChosen = [.. _state.Elements.Where(e => !available.Contains(e))];
        _contacts = [.. _state.Contacts.Select(ContactDraft.From)];
        _errors = [];
        _dirty = false;
        _conflict = false;
    }

    private async Task KeepMineAsync()
    {
        _state = _state! with { Version = (await Dashboards.GetAsync(_eventId)).Version };
        _conflict = false;
    }

    private void Touched() => _dirty = true;

    private void Move(ElementDraft element, int by)
    {
        _elements.Move(element, by);
        _dirty = true;
    }

    private void AddContact()
    {
        _contacts.Add(new ContactDraft());
        _dirty = true;
    }

    private void MoveContact(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= _contacts.Count)
        {
            return;
        }

        (_contacts[index], _contacts[target]) = (_contacts[target], _contacts[index]);
        _errors = [];
        _dirty = true;
    }

    private async Task RemoveContactAsync(int index)
    {
        var contact = _contacts[index];
        if (!string.IsNullOrWhiteSpace(contact.Name) || !string.IsNullOrWhiteSpace(contact.Email) || !string.IsNullOrWhiteSpace(contact.Phone))
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                L["HomeEditor.Contact.Remove.Title"],
                string.Format(CultureInfo.CurrentCulture, L["HomeEditor.Contact.Remove.Confirm"], contact.Name),
                yesText: L["HomeEditor.Contact.Remove.Yes"],
                cancelText: L["Menu.Delete.No"]);
            if (confirmed != true)
            {
                return;
            }
        }

        _contacts.RemoveAt(index);
        _errors = [];
        _dirty = true;
    }

    private bool Has(int index, string part) => _errors.ContainsKey($"contacts[{index}].{part}");

    private string? ErrorOf(int index, string part) => _errors.GetValueOrDefault($"contacts[{index}].{part}");

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            // Elements not offered yet (no counter registered) stay chosen for when they are.
            var elements = _elements.Where(e => e.Shown).Select(e => e.Element).Concat(_unavailableChosen).ToList();
            var draft = new HomeDashboardState(elements, [.. _contacts.Select(c => c.ToContact())], _state!.Version);
            var result = await Dashboards.SaveAsync(_organizerId, _eventId, draft);
            if (result.Value is { } saved)
            {
                _state = saved;
                _contacts = [.. saved.Contacts.Select(ContactDraft.From)];
                _errors = [];
                _dirty = false;
                Snackbar.Add(L["HomeEditor.Saved"], Severity.Success);
            }
            else if (result.Error is { Kind: ErrorKind.Validation, Fields: { } fields })
            {
                // What was typed stays; each message goes under its field, in the user's language.
                _errors = fields.ToDictionary(f => f.Key, f => Localize(f.Key, f.Value[0]));
            }
            else if (result.Error is { Kind: ErrorKind.Conflict })
            {
                _conflict = true;
            }
            else
            {
                Snackbar.Add(result.Error!.Message, Severity.Error);
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private string Localize(string key, string message)
    {
        var part = key[(key.LastIndexOf('.') + 1)..];
        var index = int.TryParse(key.AsSpan(key.IndexOf('[') + 1, Math.Max(0, key.IndexOf(']') - key.IndexOf('[') - 1)), CultureInfo.InvariantCulture, out var i) ? i : -1;
        return part switch
        {
            "name" => L["HomeEditor.Error.Name"],
            "role" => L["HomeEditor.Error.Role"],
            "email" when index >= 0 && index < _contacts.Count && string.IsNullOrWhiteSpace(_contacts[index].Email) => L["HomeEditor.Error.Reach"],
            "email" => L["Team.Error.Email"],
            "phone" => L["HomeEditor.Error.Phone"],
            _ => message,
        };
    }
}
