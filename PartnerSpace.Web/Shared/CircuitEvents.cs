using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PartnerSpace.Web.Shared;

/// <summary>Tells a circuit's components when its browser connection comes back (S-5 catch-up).</summary>
public sealed class CircuitEvents : CircuitHandler
{
    public event Func<Task>? ConnectionRestored;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (ConnectionRestored is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
