package mind.settings.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.persistence.IfMatch;
import mind.common.persistence.Versioned;
import mind.settings.hooks.HookEvents;
import mind.settings.service.EventHookService;

@Path("/settings/event-hook")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventHookResource {

    /** enneo's permission for reading and changing event hooks. */
    static final String EVENT_HOOKS = "eventHooks";

    private static final String NOT_RUN = "Each event of the hook's type records a run of its function, done by the "
            + "executor endpoint (mind.settings.hooks.executor-url); GET /settings/event-hook/{id}/runs lists them. ";

    private final EventHookService service;
    private final HookEvents events;
    private final ObjectMapper json;
    private final Clock clock;

    public EventHookResource(EventHookService service, HookEvents events, ObjectMapper json, Clock clock) {
        this.service = service;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER, EVENT_HOOKS })
    @Operation(summary = "Get event hooks", description = "All event hooks in id order: {success:true, eventHooks:[{id, "
            + "name, event, description, handler, handlerId}]}. name and event are both the event type (enneo lists hooks "
            + "as {id, name, description}); description says what the event is; handler and handlerId name the "
            + "user-defined function run for it. No paging. " + NOT_RUN
            + "Readable by admin, serviceWorker and the eventHooks permission.")
    public EventHookList list() {
        return new EventHookList(true, service.list(null));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER, EVENT_HOOKS })
    @Operation(summary = "Get an event hook", description = "{success:true, eventHook:{...}} with the same object as "
            + "the list, and its version as ETag for If-Match on DELETE. 404 when the id is unknown. Readable by admin, "
            + "serviceWorker and the eventHooks permission.")
    public RestResponse<EventHookOne> get(@PathParam("id") long id) {
        Versioned<EventHookView> hook = service.get(id);
        return hook.ok(new EventHookOne(true, hook.value()));
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a new event hook", description = "Body {event, handler}. event is one of enneo's event "
            + "types (AutoProcessIntent, ConversationCreated, CronDay, CronHour, CronMinute, CronWeek, TicketCreated, "
            + "TicketUpdated, TicketResponse, ProfileCreated, ... ; the full list is in the EventHook schema), matched "
            + "exactly; the newer enneo form {name: <event type>} is accepted too (event and name, if both given, must "
            + "be equal). handler is the user-defined function to run: its id (a number or a string of digits) or its "
            + "name (regardless of case). enneo's newer clients send only {name} and let enneo generate a sample "
            + "executor; Mind generates no code, so handler is required. 400 naming event (or name) for a missing or "
            + "unknown event type, naming handler for a missing one or one that names no function; 409 duplicate "
            + "naming handler when a hook already runs that function for that event. Answers {success:true, id}. A "
            + "function run by a hook cannot be deleted (409 udf_in_use) until its hooks are. " + NOT_RUN
            + "Honours Idempotency-Key. Admin only.")
    public Created create(@NotNull EventHookRequest body) {
        return Created.of(service.create(body.toNew()));
    }

    @GET
    @Path("/{id}/runs")
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER, EVENT_HOOKS })
    @Operation(summary = "Get an event hook's runs", description = "The runs of the hook's function, newest first: "
            + "{success, total, limit, offset, runs:[{id, event, key, data, status pending|done|failed, attempts, occurredAt, "
            + "createdAt, nextAttemptAt, finishedAt, error}]}. A run is recorded for every event of the hook's type (one "
            + "per event key) and done by the executor endpoint; a pending run waits for its next attempt (or for "
            + "mind.settings.hooks.executor-url to be set); error says why a run failed (the function's own error, with "
            + "secret values masked) or why its last attempt did not succeed. status filters (400 naming it for another "
            + "value); limit 1–500 (default 100), offset. 404 when the hook is unknown. Readable by admin, serviceWorker "
            + "and the eventHooks permission.")
    public HookRunList runs(@PathParam("id") long id,
            @Parameter(description = "pending, done or failed") @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        if (status != null && !Set.of("pending", "done", "failed").contains(status)) {
            throw ApiException.invalidField("status", "must be one of pending, done, failed");
        }
        PageRequest page = PageRequest.of(limit, offset, PageRequest.DEFAULT_LIMIT, 500);
        HookEvents.RunPage runs = events.runs(id, status, page);
        return new HookRunList(true, runs.total(), page.limit(), page.offset(), runs.runs().stream().map(r -> HookRunList.Run.of(r, json)).toList());
    }

    @POST
    @Path("/events")
    @Idempotent
    @RolesAllowed(Roles.SERVICE_WORKER)
    @Operation(summary = "Hand events to the event hooks (internal)", description = "For other services (ticket-svc "
            + "relays its ticket events here): a service token (serviceWorker) only; people, admins included, get 403. "
            + "Body {events:[{type, key, occurredAt, data}]} with 1 to 100 events: type one of the event types of the "
            + "EventHook schema, key [A-Za-z0-9._:-]{1,200} (the event's identity at its source), occurredAt a time "
            + "(now when omitted), data an object of at most 16 KB (what the function receives as parameters). Each "
            + "event records one pending run per hook of its type; an event key a hook has already seen adds nothing, "
            + "so a source may send an event again. All or nothing: a 400 names the first bad field "
            + "(events[3].type) and nothing is recorded. Answers {success, accepted, runs}. Honours Idempotency-Key.")
    public HookEventsAccepted accept(@NotNull HookEventsRequest body) {
        var list = body.toEvents(json, Instant.now(clock));
        return new HookEventsAccepted(true, list.size(), events.accept(list));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an event hook", description = "404 when the id is unknown. With If-Match (the ETag of "
            + "GET /settings/event-hook/{id}) the hook is deleted only while it still has that version, else 412; * "
            + "matches any version; without the header the last writer wins. Admin only.")
    public Success delete(@PathParam("id") long id,
            @Parameter(description = "ETag of the version to delete") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, IfMatch.versions(ifMatch));
        return Success.OK;
    }
}
