package mind.ticket.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Callers;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.persistence.Versioned;
import mind.ticket.api.TicketChangeResponses.Activity;
import mind.ticket.api.TicketChangeResponses.ActivityItem;
import mind.ticket.api.TicketChangeResponses.BulkItem;
import mind.ticket.api.TicketChangeResponses.BulkRefused;
import mind.ticket.api.TicketChangeResponses.BulkResult;
import mind.ticket.api.TicketChangeResponses.EventAppended;
import mind.ticket.api.TicketChangeResponses.History;
import mind.ticket.api.TicketChangeResponses.HistoryItem;
import mind.ticket.api.TicketChangeResponses.TicketUpdated;
import mind.ticket.api.TicketChangeResponses.Variables;
import mind.ticket.api.TicketChangeResponses.Worklog;
import mind.ticket.repository.TicketEventRepository.EventRow;
import mind.ticket.service.TicketActivity;
import mind.ticket.service.TicketAttachments;
import mind.ticket.service.TicketUpdates;
import mind.ticket.service.TicketUpdates.BulkChange;
import mind.ticket.service.TicketUpdates.ItemResult;

/**
 * Changing and deleting tickets, and what their event log tells: activity, worklog, history,
 * variables, and the internal endpoint through which other services append events.
 */
@Path("/ticket")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketChangeResource {

    private final TicketUpdates updates;
    private final TicketAttachments attachments;
    private final TicketActivity activity;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public TicketChangeResource(TicketUpdates updates, TicketAttachments attachments, TicketActivity activity,
            SecurityIdentity identity, ObjectMapper json) {
        this.updates = updates;
        this.attachments = attachments;
        this.activity = activity;
        this.identity = identity;
        this.json = json;
    }

    @PATCH
    @Path("/{ticketId}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.UPDATE_TICKET })
    @Operation(summary = "Update a ticket", description = "Partial update: a property left out is kept, null clears "
            + "it, a value sets it. Answers {success, ticket} with the ticket nested (unlike GET) and its new version "
            + "in ETag. If-Match with a version that is not the current one: 412 precondition_failed. pending needs a "
            + "future dueBy (400 naming dueBy); direction is immutable (400 naming direction); tagIds with "
            + "addTagIds/removeTagIds: 400. Reassigning (agentId) a ticket another agent holds: 409 "
            + "agent_reassignment_not_forced unless forceAgentReassignment=true. Every changed field is recorded in "
            + "the activity. Roles: admin, agent or the updateTicket permission. Honours Idempotency-Key.")
    public RestResponse<TicketUpdated> update(@PathParam("ticketId") long ticketId,
            @Parameter(description = "whether the change counts in the worklog (default true)") @QueryParam("includeInWorklog") Boolean includeInWorklog,
            @Parameter(description = "reassign even when another agent holds the ticket") @QueryParam("forceAgentReassignment") Boolean forceAgentReassignment,
            @Parameter(description = "the version (ETag) this change is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TicketPatchRequest body) {
        Versioned<TicketView> ticket = updates.update(ticketId, body, ifMatch, options(includeInWorklog, forceAgentReassignment));
        return ticket.ok(new TicketUpdated(true, ticket.value()));
    }

    @PATCH
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.UPDATE_TICKET })
    @Operation(summary = "Update a few tickets at once", description = "An array of 1 to 100 ticket changes, each "
            + "{id, ...the fields of PATCH /ticket/{ticketId}}; more: 413 too_many_items, none: 400. By default each item "
            + "is written in its own transaction: a failed item does not undo the others, and the answer (200) lists "
            + "{id, success, error, code, details} per item, success at the top being true only when every item "
            + "succeeded. An item that does not read as a ticket change (a value of the wrong type, an unknown enum "
            + "name, not an object) fails alone: validation_failed naming the field as the single PATCH does. "
            + "With atomic=true all items are written or none: any failure writes nothing and answers with the status "
            + "of the first failed item (400, 404, 409), the error shape of that failure and the per-item results "
            + "(items that would have succeeded say code not_applied). No If-Match here: last writer wins. Roles: admin, "
            + "agent or updateTicket. Honours Idempotency-Key.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BulkResult.class)))
    // atomic=true: the first failure's status and error shape, plus every item's result
    @APIResponse(responseCode = "400", description = "A bad body; with atomic=true also an item's validation failure (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkRefused.class)))
    @APIResponse(responseCode = "404", description = "With atomic=true: an item's ticket does not exist (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkRefused.class)))
    @APIResponse(responseCode = "409", description = "With atomic=true: an item conflicts (with results)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkRefused.class)))
    public BulkResult bulk(
            @Parameter(description = "all items or none") @QueryParam("atomic") Boolean atomic,
            @Parameter(description = "whether the changes count in the worklog (default true)") @QueryParam("includeInWorklog") Boolean includeInWorklog,
            @Parameter(description = "reassign even when another agent holds a ticket") @QueryParam("forceAgentReassignment") Boolean forceAgentReassignment,
            // read item by item (BulkTicketPatches), so that an item of the wrong shape fails alone
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TicketPatchRequest.class)))
            @NotNull BulkItems body) {
        TicketUpdates.Options options = options(includeInWorklog, forceAgentReassignment);
        List<BulkChange> items = BulkTicketPatches.read(json, body);
        List<ItemResult> results = Boolean.TRUE.equals(atomic) ? updates.bulkAtomic(items, options) : updates.bulk(items, options);
        return new BulkResult(results.stream().allMatch(ItemResult::success), results.stream().map(TicketChangeResource::item).toList());
    }

    /** An atomic bulk update that wrote nothing: the first failure's status and error, plus every item's result. */
    @ServerExceptionMapper
    public Response bulkRefused(TicketUpdates.BulkRefused refused) {
        ItemResult first = refused.first();
        String message = "Nothing was written: ticket " + first.id() + " failed: " + first.error();
        return Response.status(first.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new BulkRefused(false, message, first.code(), first.details(),
                        refused.results().stream().map(TicketChangeResource::item).toList()))
                .build();
    }

    @DELETE
    @Path("/{ticketId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a ticket", description = "Hard delete: the ticket and its event log are gone; a "
            + "'deleted' event (who, and the ticket's ids, channel, status, customer and subject) is kept for the event "
            + "hooks (TicketDeleted). If-Match with another version: 412. Admin only.")
    public Success delete(@PathParam("ticketId") long ticketId,
            @Parameter(description = "the version (ETag) the deletion is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        updates.delete(ticketId, ifMatch, actorId());
        return Success.OK;
    }

    @DELETE
    @Path("/{ticketId}/attachment/{attachmentId}")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.UPDATE_TICKET })
    @Operation(summary = "Delete an attachment of a ticket", description = "Hard delete of one attachment (attachmentId "
            + "is the id the ticket's attachments list gives it). The ticket's version moves on, its new version is in "
            + "ETag, and the activity records attachmentDeleted with who removed which attachment (id, name, url). "
            + "If-Match with another version: 412 precondition_failed. An unknown ticket, or an attachment that is not "
            + "on it (any more): 404. Answers {success: true}, like the other deletes. Roles: admin, agent or the "
            + "updateTicket permission, as for PATCH.")
    public RestResponse<Success> deleteAttachment(@PathParam("ticketId") long ticketId,
            @PathParam("attachmentId") long attachmentId,
            @Parameter(description = "the version (ETag) the deletion is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long version = attachments.delete(ticketId, attachmentId, ifMatch, actorId());
        return new Versioned<>(Success.OK, version).ok();
    }

    @GET
    @Path("/{ticketId}/activity")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get ticket activity", description = "The ticket's event log, oldest first: creation, every "
            + "field change with old and new value and actor, tags, status, claims, forwards, conversations, AI "
            + "processing, dueByOverdue when the ticket passed its dueBy (once per dueBy value, not when resolved or "
            + "closed) and events other services reported. Technical events only with "
            + "showTechnicalInformation=true. limit default 100, at most 500.")
    public Activity activity(@PathParam("ticketId") long ticketId,
            @QueryParam("showTechnicalInformation") Boolean showTechnicalInformation,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset, PageRequest.DEFAULT_LIMIT, 500);
        TicketActivity.EventPage events = activity.activity(ticketId, Boolean.TRUE.equals(showTechnicalInformation), page);
        return new Activity(true, events.total(), page.limit(), page.offset(), events.events().stream().map(this::item).toList());
    }

    @GET
    @Path("/{ticketId}/worklog")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a ticket's worklog", description = "The changes people made that count in time "
            + "tracking (fieldChanged and tagsChanged events of PATCHes without includeInWorklog=false), oldest "
            + "first. limit default 100, at most 500.")
    public Worklog worklog(@PathParam("ticketId") long ticketId,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset, PageRequest.DEFAULT_LIMIT, 500);
        TicketActivity.EventPage events = activity.worklog(ticketId, page);
        return new Worklog(true, events.total(), page.limit(), page.offset(), events.events().stream().map(this::item).toList());
    }

    @POST
    @Path("/{ticketId}/events")
    @Idempotent
    @RolesAllowed(Roles.SERVICE_WORKER)
    @Operation(summary = "Append an event to a ticket's activity (internal)", description = "For other services "
            + "(telephony call states, AI processing): a service token (serviceWorker) only; people, admins included, "
            + "get 403, so that the log holds only what services and this service observed. type is lower camel "
            + "case (at most 64 characters) and not one of the types ticket-svc writes itself (400); data a JSON "
            + "object of at most 16 KB; technical events show only with showTechnicalInformation=true. "
            + "Honours Idempotency-Key. Answers {success, id}.")
    public EventAppended append(@PathParam("ticketId") long ticketId, @Valid @NotNull TicketEventRequest body) {
        long id = activity.append(ticketId, body.type(), body.data(), Boolean.TRUE.equals(body.technical()), actorId());
        return new EventAppended(true, id);
    }

    @GET
    @Path("/{ticketId}/history")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get a ticket's history", deprecated = true, description = "The timeline of the ticket's "
            + "customer and contract: the other tickets with the same customerId or contractId, newest first, each "
            + "with createdAt in unix seconds. total counts them all, totalOpenedTickets those neither resolved nor "
            + "closed. A ticket with neither id has an empty history. subChannel (a name) is null here; subchannelId "
            + "says which. limit default 100, 1 to 1000.")
    public History history(@PathParam("ticketId") long ticketId,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        TicketActivity.HistoryPage page = activity.history(ticketId, PageRequest.of(limit, offset));
        return new History(true, page.counts().total(), page.counts().open(), page.items().stream()
                .map(r -> new HistoryItem(r.id(), "ticket", r.channel(), null, r.subchannelId(), r.status(), r.subject(),
                        null, r.createdAt().getEpochSecond()))
                .toList());
    }

    @GET
    @Path("/{ticketId}/variables")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Get ticket variables", description = "The variables templates and AI agents read: in (the "
            + "ticket's fields, as GET /ticket/{id} gives them), contract {id}, customer {id} (their data lives in the "
            + "ERP connection, not in this service), profile {id} (the caller), intent {id} of the chosen AI agent "
            + "or {} when none.")
    public Variables variables(@PathParam("ticketId") long ticketId) {
        // profile ids are numbers; a subject that is none stays text
        return new Variables(true, activity.variables(ticketId, Callers.wireId(actorId())));
    }

    private ActivityItem item(EventRow row) {
        JsonNode data;
        try {
            data = json.readTree(row.data());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event " + row.id() + " holds no JSON", e);
        }
        return new ActivityItem(row.id(), row.type(), row.actorId(), row.createdAt(), row.technical(), data);
    }

    private static BulkItem item(ItemResult r) {
        return new BulkItem(r.id(), r.success(), r.error(), r.code(), r.success() || r.details().isEmpty() ? null : r.details());
    }

    private TicketUpdates.Options options(Boolean includeInWorklog, Boolean forceAgentReassignment) {
        return new TicketUpdates.Options(actorId(), !Boolean.FALSE.equals(includeInWorklog),
                Boolean.TRUE.equals(forceAgentReassignment));
    }

    private String actorId() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
