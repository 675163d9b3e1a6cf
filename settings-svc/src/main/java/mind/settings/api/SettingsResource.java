package mind.settings.api;

import mind.common.persistence.IfMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.params.PhpArrayParams;
import mind.common.persistence.Versioned;
import mind.common.secrets.SecretMask;
import mind.settings.domain.SettingDefinition;
import mind.settings.service.SecretAccess;
import mind.settings.service.SettingsService;

/**
 * The settings registry over HTTP. Other services read their settings here with a service token, e.g.
 * {@code GET /api/mind/settings?filterByName=ticketRoutingOrder}.
 */
@Path("/settings")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    /** Most values of one filter parameter: the registry holds a few dozen settings. */
    static final int MAX_FILTER_VALUES = 100;
    /** Longest search text. */
    static final int MAX_QUERY_LENGTH = 200;
    /** Most keys of one POST /settings. */
    static final int MAX_KEYS = 100;

    private static final String MASKING = "A secret setting's value reads as \"" + SecretMask.MASK + "\" unless "
            + "showSecrets=true and the caller may see it: admins see every secret, holders of the updateAiAgent "
            + "permission see executorSecrets; showSecrets=true from anyone else is a 403. ";

    private final SettingsService service;
    private final SecurityIdentity identity;
    private final ObjectReader jsonReader;

    public SettingsResource(SettingsService service, SecurityIdentity identity, ObjectMapper mapper) {
        this.service = service;
        this.identity = identity;
        this.jsonReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get settings of a client", description = "A bare array of every known setting in name order: "
            + "{name, value, category, type, default, secret, usedBy, description}; value is the default until changed. "
            + "Filters (each accepts repeated values, name[]= forms and comma-separated values; at most "
            + MAX_FILTER_VALUES + " values each; filters combine with AND, values of one filter with OR): filterByName "
            + "(part of a setting's name, case-insensitive: routing finds lastAgentRouting, lastTeamRouting and "
            + "ticketRoutingOrder; a full name finds that setting, and those whose names contain it), filterByCategory "
            + "(exact; a category no setting has, such as email, selects nothing: an empty array), filterByUsedBy (a "
            + "service: ticket, aiagent, telephony; cortex, enneo's AI engine, selects what aiagent reads). With one "
            + "filterByName value that is a setting's full name, the response carries that setting's ETag (its version, "
            + "\"0\" while it has its default) for If-Match on PUT /settings/{settingName}; otherwise it carries one "
            + "when filterByName selects exactly one setting. " + MASKING
            + "Readable by admin, agent, serviceWorker and updateAiAgent; other services read their settings here with "
            + "a serviceWorker token, e.g. ?filterByName=ticketRoutingOrder.")
    @Parameter(name = "filterByName", in = ParameterIn.QUERY, description = "Only settings whose names contain one of these (case-insensitive)",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "filterByCategory", in = ParameterIn.QUERY, description = "Only these categories",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "filterByUsedBy", in = ParameterIn.QUERY, description = "Only settings read by these services (ticket, aiagent, telephony; cortex = aiagent)",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SettingView.class)))
    public Response list(@Parameter(description = "true reveals the secret values the caller may see (403 for callers "
            + "who may see none); default false") @QueryParam("showSecrets") Boolean showSecrets,
            @Context UriInfo uriInfo) {
        Set<String> names = filter(uriInfo, "filterByName");
        List<Versioned<SettingView>> settings = service.list(new SettingsService.Filter(names,
                filter(uriInfo, "filterByCategory"), filter(uriInfo, "filterByUsedBy")), reveal(showSecrets));
        Response.ResponseBuilder response = Response.ok(settings.stream().map(Versioned::value).toList());
        if (!names.isEmpty()) {
            // the setting a read before PUT means: the one named exactly, else the only one found
            settings.stream().filter(s -> names.size() == 1 && names.contains(s.value().name())).findFirst()
                    .or(() -> settings.size() == 1 ? java.util.Optional.of(settings.get(0)) : java.util.Optional.empty())
                    .ifPresent(s -> response.tag(s.etag()));
        }
        return response.build();
    }

    @GET
    @Path("/compact")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get settings of a client in compact form", description = "A JSON object of every known "
            + "setting's name → value, in name order. " + MASKING)
    @APIResponse(responseCode = "200", description = "name → value",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class)))
    public Map<String, JsonNode> compact(@Parameter(description = "true reveals the secret values the caller may see")
            @QueryParam("showSecrets") Boolean showSecrets) {
        return service.compact(reveal(showSecrets));
    }

    @GET
    @Path("/category/{category}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get the settings of a category", description = "The settings of one category, as a bare "
            + "array in the shape of GET /settings. Categories: ai, reporting, routing, telephony, templates, ticket, udf. "
            + "An unknown category is a 404 listing the known ones. " + MASKING)
    @APIResponse(responseCode = "200", description = "The category's settings",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SettingView.class)))
    public List<SettingView> category(@PathParam("category") String category,
            @Parameter(description = "true reveals the secret values the caller may see") @QueryParam("showSecrets") Boolean showSecrets) {
        return service.category(category, reveal(showSecrets));
    }

    @GET
    @Path("/search")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Search settings", description = "Ranked free-text search over the settings' names (camelCase "
            + "split into words), categories and descriptions, as a bare array in the shape of GET /settings, best match "
            + "first, at most 50. Each word of q matches as a prefix, with English stemming (PostgreSQL full text, "
            + "ts_rank; name words weigh most, then the category, then the description); a setting whose name is q "
            + "with its spaces removed, or starts with it, ranks first, so q=last agent routing finds lastAgentRouting "
            + "first. q is required: 1 to " + MAX_QUERY_LENGTH + " characters with a letter or digit (400 otherwise); "
            + "only its first 10 words count. " + MASKING)
    @APIResponse(responseCode = "200", description = "Matching settings, best first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SettingView.class)))
    public List<SettingView> search(@Parameter(description = "The search text", required = true) @QueryParam("q") String q,
            @Parameter(description = "true reveals the secret values the caller may see") @QueryParam("showSecrets") Boolean showSecrets) {
        if (q == null || q.isBlank()) {
            throw ApiException.invalidField("q", "is required");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ApiException.invalidField("q", "must have at most " + MAX_QUERY_LENGTH + " characters");
        }
        return service.search(q, reveal(showSecrets));
    }

    @PUT
    @Path("/{settingName}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Update setting", description = "The body is the setting's new value as raw JSON (\"text\", "
            + "42, true, null, an array or an object), checked against the setting's JSON Schema: a value of the wrong "
            + "type, outside its range or not one of its values is a 400 whose details name the setting (and the place "
            + "inside a structured value, e.g. acdQueues[0].name). An unknown setting name is a 404 naming it (the "
            + "path names a thing that does not exist; POST /settings, whose body names settings, answers 400 instead). "
            + "Sending \"" + SecretMask.MASK + "\" for a secret setting keeps its stored value. Secret values are "
            + "encrypted at rest. If-Match (the ETag of GET /settings?filterByName=<name>) is honoured: 412 when the "
            + "setting changed since. Answers {success:true} with the new ETag. Honours Idempotency-Key. Admin only; the "
            + "updateAiAgent permission may change executorSecrets (403 otherwise).")
    @RequestBody(description = "The new value: any JSON value", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(schema = @Schema(implementation = Success.class)))
    public Response put(@PathParam("settingName") String settingName, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) {
        long version = service.put(settingName, json(body), IfMatch.versions(ifMatch), identity);
        return Response.ok(Success.OK).tag(new EntityTag(Long.toString(version))).build();
    }

    @POST
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Update multiple settings at once", description = "The body is a JSON object of setting name → "
            + "new value (at most " + MAX_KEYS + " keys), each checked as PUT /settings/{settingName} checks it. All or "
            + "nothing: when any key is unknown or any value invalid, nothing is written and the 400 names every bad "
            + "key in details. Keys _tag[ID].field (enneo's tag updates, e.g. _tag[12].name) change that field of tag ID "
            + "as PATCH /tag/{id} does (visibility \"enabled\" means public), in the same transaction as the settings: "
            + "a key not of that form, an unknown field or a bad value is a 400 naming the key, an unknown tag a 404, and "
            + "either writes nothing; changing tags needs the admin role (403 naming the key). Concurrent requests writing the same settings are applied one after the other, "
            + "so each setting ends with the values of one request, never a mix. Honours Idempotency-Key. Admin only; "
            + "the updateAiAgent permission may change executorSecrets (403 naming the other keys).")
    @RequestBody(description = "name → value", required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class)))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(schema = @Schema(implementation = Success.class)))
    public Success putAll(String body) {
        JsonNode values = json(body);
        if (!(values instanceof ObjectNode object)) {
            throw new ApiException(400, "malformed_json", "Request body must be a JSON object of setting name → value");
        }
        if (object.size() > MAX_KEYS) {
            throw ApiException.invalidField("body", "must have at most " + MAX_KEYS + " keys");
        }
        service.putAll(object, identity);
        return Success.OK;
    }

    /** Which secret settings a read shows in clear. */
    private Predicate<SettingDefinition> reveal(Boolean showSecrets) {
        if (!Boolean.TRUE.equals(showSecrets)) {
            return d -> false;
        }
        if (!SecretAccess.mayAskForSecrets(identity)) {
            throw new ApiException(403, "forbidden", "showSecrets=true needs the admin role (or updateAiAgent for executorSecrets)");
        }
        return d -> SecretAccess.maySee(identity, d);
    }

    private static Set<String> filter(UriInfo uriInfo, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (PhpArrayParams.Value value : PhpArrayParams.values(uriInfo, name, MAX_FILTER_VALUES)) {
            for (String part : value.value().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw ApiException.invalidField(name, "at most " + MAX_FILTER_VALUES + " values");
        }
        return values;
    }

    /** The raw body as one JSON value; a body that is no JSON is the usual 400 malformed_json. */
    private JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "malformed_json", "Request body must be a JSON value");
        }
        try {
            JsonNode value = jsonReader.readTree(body);
            if (value == null || value.isMissingNode()) {
                throw new ApiException(400, "malformed_json", "Request body must be a JSON value");
            }
            return value;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // a limit of the parser (nesting depth, ...): its words quote no part of the body
            throw new ApiException(400, "malformed_json", mind.common.error.ErrorMappers.limitMessage(e));
        } catch (JsonProcessingException e) {
            // Only where: the parser's own words quote the offending token, which may be part of a secret.
            var at = e.getLocation();
            throw new ApiException(400, "malformed_json", at == null ? "Malformed JSON"
                    : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
    }
}
