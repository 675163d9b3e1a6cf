package mind.common.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the one error shape on every operation: an {@code ApiError} schema and a
 * {@code default} response that uses it, so that clients (and contract tests) know what a 4xx or
 * 5xx body looks like without each endpoint repeating it. Also the one filter of the document (MicroProfile
 * takes one): time and free-JSON schemas are cleaned by {@link SchemaCleanup}, PATCH bodies require nothing
 * ({@link PatchBodies}).
 */
public class ErrorResponses implements OASFilter {

    static final String SCHEMA = "ApiError";

    @Override
    public Schema filterSchema(Schema schema) {
        return SchemaCleanup.clean(schema);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, apiError());
        PatchBodies.relax(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                // the 400/401/403 responses Quarkus documents on its own have no body: give them ours
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (status.matches("[45]\\d\\d") && response.getContent() == null) {
                        response.setContent(errorContent());
                    }
                });
                if (operation.getResponses().getDefaultValue() == null) {
                    operation.getResponses().setDefaultValue(OASFactory.createAPIResponse()
                            .description("Any error: 400 bad input (fields named in details), 401, 403, 404, 409, "
                                    + "412, 413, 422, 503 (with Retry-After), 500 (with correlationId)")
                            .content(errorContent()));
                }
            }
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content errorContent() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema apiError() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("JSON path or parameter name, e.g. attachments[0].url"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The error body of every Mind service")
                .addRequired("success").addRequired("error").addRequired("code").addRequired("details")
                .addProperty("success", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).addEnumeration(false))
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("For a person"))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Stable, for programs: validation_failed, malformed_json, unauthorized, forbidden, "
                                + "not_found, idempotency_key_in_flight, dependency_unavailable, internal_error, ..."))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("correlationId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Only on 500: the id under which the failure was logged"));
    }
}
