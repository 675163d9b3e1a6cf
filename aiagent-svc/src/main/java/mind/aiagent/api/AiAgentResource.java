package mind.aiagent.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.aiagent.service.AgentRunService;
import mind.aiagent.service.AiAgentService;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.Versioned;
import mind.common.secrets.SecretMask;

@Path("/aiAgent")
@Tag(name = "AiAgent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AiAgentResource {

    private final AiAgentService service;
    private final AgentRunService runs;
    private final mind.aiagent.service.SimilarTickets similar;
    private final SecurityIdentity identity;

    public AiAgentResource(AiAgentService service, AgentRunService runs, mind.aiagent.service.SimilarTickets similar,
            SecurityIdentity identity) {
        this.service = service;
        this.runs = runs;
        this.similar = similar;
        this.identity = identity;
    }

    @POST
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Create a new aiAgent", description = "Body: an AiAgent without id; only name is required. "
            + "Defaults: channels [\"all\"], intelligence rulebased, enabled true, appearance {}; settings always carry "
            + "executor, parameters, responseCases (empty arrays), detectionDetails and personality (empty objects) "
            + "where the body leaves them out. "
            + "Without slug, a snake_case slug is derived from the name (\"Change bank data\" -> change_bank_data; "
            + "umlauts spelled out) and made unique with _2, _3, ...; an explicit slug that is taken gives 409 "
            + "duplicate_slug. Slugs use a-z, 0-9 and _ and are never only digits, so that GET /aiAgent/{id} can "
            + "tell ids from slugs. A channel list containing \"all\" is stored as [\"all\"]. Response "
            + "(undocumented by enneo, chosen like its other creates): {\"success\":true,\"id\":<id>,\"slug\":<slug>}. "
            + "Needs admin or the updateAiAgent permission. Honours Idempotency-Key.")
    public AiAgentCreated create(@Valid @NotNull AiAgentCreateRequest body) {
        return service.create(body.toNewAiAgent(), identity.getPrincipal().getName());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get an AI Agent by id", description = "The id is the numeric id or the agent's slug "
            + "(code), e.g. ai_agent_bank_data_code. AiAgent fields at the top level next to success:true; "
            + "createdAt/modifiedAt as 'YYYY-MM-DD HH:mm:ss' UTC. settings always carry executor, parameters, "
            + "responseCases, detectionDetails and personality (empty when never set, also for agents stored before). "
            + "The ETag header carries the agent's version for "
            + "If-Match on later updates. Values under secret-looking keys inside settings.executor[] ("
            + SecretMask.MARKER_TEXT + ") read as ******** unless showSecrets=true and the caller is admin or holds "
            + "updateAiAgent. Unknown: 404 \"Intent description not found\". Readable by admin, agent, "
            + "serviceWorker and holders of updateAiAgent.")
    public RestResponse<AiAgentView> get(@Parameter(description = "numeric id or slug", example = "ai_agent_bank_data_code")
            @PathParam("id") String id, @QueryParam("showSecrets") @DefaultValue("false") Boolean showSecrets) {
        Versioned<AiAgentView> agent = service.get(id, Boolean.TRUE.equals(showSecrets) && maySeeSecrets(identity));
        return agent.ok();
    }

    @PATCH
    @Path("/{id}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Update an existing AI Agent", description = "Partial update: keys left out stay as they "
            + "are, null clears description and tagId. A settings or appearance object is deep-merged into the "
            + "stored one: objects key by key, recursively; arrays (settings.executor, parameters, responseCases) "
            + "and other values replace the stored value whole; null removes a key (executor, parameters, "
            + "responseCases, detectionDetails, personality then read empty); so {\"settings\":{\"executor\":[...]}} "
            + "keeps parameters, responseCases, detectionDetails and personality, and {\"settings\":{}} changes "
            + "nothing. Besides the AiAgent fields, dotted keys address a place "
            + "inside settings or appearance, e.g. {\"settings.executor[0].code\": \"...\"} or "
            + "{\"settings.parameters[2].required\": true}; they are applied after the plain keys (also after a "
            + "settings object that comes later in the body), in order, as JSON "
            + "Pointers (missing objects on the way are created; an array index must exist or be the array's "
            + "length, which appends: settings.executor[0].code on an empty executor list creates element 0 "
            + "{\"code\": ...}, still to be valid as a whole; never a hole). A malformed or impossible path is a 400 "
            + "naming it. The result is validated as a whole "
            + "(CEL conditions, Qute texts, executors) before it is stored. A masked secret (********) sent back "
            + "keeps the stored value. If-Match (the ETag of GET) gives 412 when the agent changed since; a new "
            + "slug that is taken gives 409 duplicate_slug. Answers {\"success\":true} and the new ETag. Needs "
            + "admin or updateAiAgent. Honours Idempotency-Key.")
    public RestResponse<Success> patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body)
            throws JsonMappingException {
        long version = service.patch(id, body, ifMatch, identity.getPrincipal().getName());
        return new Versioned<>(Success.OK, version).ok();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Delete an existing AI Agent", description = "By numeric id or slug. If-Match (the ETag "
            + "of GET) gives 412 when the agent changed since. Unknown: 404 \"Intent description not found\". "
            + "Needs admin or updateAiAgent.")
    public Success delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        service.delete(id, ifMatch, identity.getPrincipal().getName());
        return Success.OK;
    }

    @GET
    @Path("/{id}/similarTickets")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get similar tickets for an AI Agent", description = "Bare array of tickets from ticket-svc's "
            + "search (with the caller's token): first the agent's exampleTicketIds that exist, in their order, then, "
            + "without duplicates, the full-text matches (q) of the agent's detection keywords "
            + "(settings.detectionDetails.keywords, as phrases) and the words of 5+ letters of its name and "
            + "description, any of them matching, ranked by ticket-svc's relevance. limit 1-100 (default 20). "
            + "An agent without examples or such words gives []. Unknown agent: 404; ticket-svc down: 503.")
    public java.util.List<JsonNode> similarTickets(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        int l = limit == null ? 20 : limit;
        if (l < 1 || l > 100) {
            throw mind.common.error.ApiException.invalidField("limit", "must be between 1 and 100");
        }
        return similar.find(id, l);
    }

    @POST
    @Path("/{id}/preview")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Preview an AI Agent", description = "A dry run on ticket ticketId (required), read from "
            + "ticket-svc with the caller's token. ticketId is the query parameter or, when the query has none, the "
            + "body's ticketId (a positive integer; newer clients send it there); the query wins when both are given, "
            + "neither is a 400 naming ticketId. The body's ticketId is no part of the agent. The body is the agent to run (it may be unsaved or differ from the "
            + "stored one) when it has settings or intelligence; otherwise the stored agent {id} (id or slug) runs. "
            + "Extras in the body: message (replaces the ticket's text: body, bodyPlain, bodyClean, and no later "
            + "messages), subject and sender (the ticket's from) are laid over the ticket before the agent runs; "
            + "previewType (string) and history (array of objects) are accepted and not used yet. A wrong type or "
            + "size is a 400 naming the field. Nothing is written anywhere. Answers {success, error, dataOutcome (the parameter values found), "
            + "dataOutcomeInfo, customerOutcome {type, text, missing, responseCaseId, autoExecute, ticketUpdate}, "
            + "customerOutcomeType (reply, internalNote, none, missingData, noMatch, needsLlm, needsExecutor, invalid, "
            + "error), customerOutcomeInfo, curlRequests (the ticket-svc calls an execution would make, not made)}. "
            + "Unknown ticket: 404; ticket-svc down: 503.")
    public PreviewResponse preview(@PathParam("id") String id,
            @Parameter(description = "the ticket to run on; when absent, the body's ticketId") @QueryParam("ticketId") Long ticketId,
            JsonNode body, @Context UriInfo uri) {
        Long inBody = bodyTicketId(body);
        long ticket;
        if (ticketId != null) {
            ticket = ticketId;
        } else if (inBody != null) {
            ticket = inBody;
        } else {
            throw mind.common.error.ApiException.invalidField("ticketId", "is required (as a query parameter or in the body)");
        }
        // the rest of the body is the agent (and the preview's extras): ticketId is none of its fields
        JsonNode agent = body instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("ticketId")
                ? object.deepCopy().without("ticketId") : body;
        return runs.preview(id, agent, ticket, origin(uri));
    }

    /** The body's {@code ticketId}: null when absent or null, else a positive integer (or its digits) or a 400 naming it. */
    static Long bodyTicketId(JsonNode body) {
        JsonNode value = body == null || !body.isObject() ? null : body.get("ticketId");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("[1-9]\\d{0,17}")) {
            return Long.parseLong(value.asText());
        }
        throw mind.common.error.ApiException.invalidField("ticketId", "must be a positive integer");
    }

    @POST
    @Path("/outcome")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get the outcome of an AI Agent", description = "Body {aiAgentId, ticketId, data, dryRun}: "
            + "runs the stored agent aiAgentId (its numeric id, as a number or a string, or its slug, as GET "
            + "/aiAgent/{id} takes them; anything else 400 naming aiAgentId, an unknown agent 404) on the ticket with "
            + "data as given values (they win over what the ticket says). "
            + "Answers the preview's shape. dryRun (default true) writes nothing; dryRun=false applies a successful "
            + "outcome through ticket-svc with the caller's token: PATCH /ticket/{id} (the case's ticketUpdate), a "
            + "reply draft (POST /ticket/{id}/conversation/reply, isDraft true) and an activity event (POST "
            + "/ticket/{id}/events with the service token mind.aiagent.service-token; skipped when unset), each with "
            + "an Idempotency-Key derived from this request's. Used by ticket-svc's autoexecute and by quality "
            + "checks. Honours Idempotency-Key.")
    public PreviewResponse outcome(@Valid @NotNull OutcomeRequest body, @HeaderParam("Idempotency-Key") String key,
            @Context UriInfo uri) {
        return runs.outcome(body.agentIdOrSlug(), body.ticketId(), body.data(), body.dryRun() == null || body.dryRun(), key,
                origin(uri));
    }

    /** {@code scheme://host[:port]} as the caller addressed this request (its Host header). */
    private static String origin(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** Secrets are shown only to those who could also change them. */
    static boolean maySeeSecrets(SecurityIdentity identity) {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.UPDATE_AI_AGENT);
    }
}
