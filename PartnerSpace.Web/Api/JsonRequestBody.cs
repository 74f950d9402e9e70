using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartnerSpace.Web.Api;

/// <summary>
/// Names the JSON body an endpoint reads itself, for the OpenAPI document only. Unlike
/// <c>Accepts&lt;T&gt;</c> it does not make routing refuse other content types, so a wrong body
/// still gets the endpoint's own 400 problem details.
/// </summary>
public sealed record JsonRequestBody(Type Type);

internal sealed class JsonRequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().FirstOrDefault();
        if (body is null)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
