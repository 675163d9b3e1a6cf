package mind.settings.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import mind.common.api.Success;
import mind.common.auth.Roles;
import mind.common.idempotency.Idempotent;
import mind.common.persistence.IfMatch;
import mind.common.persistence.Versioned;
import mind.settings.service.EventHookService;

@Path("/settings/event-hook")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventHookResource {

    /** enneo's permission for reading and changing event hooks. */
    static final String EVENT_HOOKS = "eventHooks";

    private static final String NOT_RUN = "Mind stores and checks hooks but has no event processing yet, so no hook "
            + "runs today. ";

    private final EventHookService service;

    public EventHookResource(EventHookService service) {
        this.service = service;
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
