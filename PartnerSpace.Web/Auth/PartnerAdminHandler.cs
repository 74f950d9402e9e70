using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using PartnerSpace.Domain.Partners;

namespace PartnerSpace.Web.Auth;

/// <summary>The route's partner must be one the user administers (or organizes).</summary>
public sealed class PartnerAdminRequirement : IAuthorizationRequirement;

/// <summary>
/// Resolves the partner from the route, whether the check runs on the HTTP request (prerender,
/// static rendering) or in the circuit's router (interactive navigation), and asks the domain.
/// </summary>
public sealed class PartnerAdminHandler(PartnerAccessService access) : AuthorizationHandler<PartnerAdminRequirement>
{
    public const string RouteKey = "PartnerId";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PartnerAdminRequirement requirement)
    {
        var viewer = context.User.ToViewer();
        var partnerId = PartnerIdOf(context.Resource);
        if (viewer is null || partnerId is null)
        {
            return;
        }

        var result = await access.CheckAsync(viewer, partnerId.Value);

        // NotFound is only ever told to organizers: their page then answers 404 itself.
        if (result is PartnerAccess.Allowed or PartnerAccess.NotFound)
        {
            context.Succeed(requirement);
        }
    }

    private static Guid? PartnerIdOf(object? resource)
    {
        var value = resource switch
        {
            HttpContext http => http.GetRouteValue(RouteKey),
            Microsoft.AspNetCore.Components.RouteData route => route.RouteValues.TryGetValue(RouteKey, out var v) ? v : null,
            _ => null,
        };
        return value switch
        {
            Guid id => id,
            string text when Guid.TryParse(text, out var id) => id,
            _ => null,
        };
    }
}
