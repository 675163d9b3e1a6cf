package mind.ticket.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.idempotency.IdempotencyInterceptor;
import mind.common.paging.PageRequest;
import mind.ticket.api.AutoProcessingResponses.Batch;
import mind.ticket.api.AutoProcessingResponses.Detected;
import mind.ticket.api.AutoProcessingResponses.Processed;
import mind.ticket.api.AutoProcessingResponses.Reason;
import mind.ticket.api.AutoProcessingResponses.Verdict;
import mind.ticket.service.AutoProcessing;
import mind.ticket.service.AutoProcessingBatch;
import mind.ticket.service.AutoProcessingRules;
import mind.ticket.service.AutoProcessingRules.Settings;

/**
 * Dark processing in bulk: which open tickets could be auto-processed, and running them. Literal paths under
 * /ticket, matched before TicketResource's /{ticketId}.
 */
@Path("/ticket")
@Tag(name = "Ticket")
@Produces(MediaType.APPLICATION_JSON)
public class AutoProcessingResource {

    static final int DETECT_MAX = 500;
    static final int PROCESS_DEFAULT = 10;
    static final int PROCESS_MAX = 100;

    private final AutoProcessing autoProcessing;
    private final AutoProcessingBatch batch;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest currentRequest;

    public AutoProcessingResource(AutoProcessing autoProcessing, AutoProcessingBatch batch, SecurityIdentity identity,
            CurrentVertxRequest currentRequest) {
        this.autoProcessing = autoProcessing;
        this.batch = batch;
        this.identity = identity;
        this.currentRequest = currentRequest;
    }

    @GET
    @Path("/detectAutoProcessable")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Check which open tickets can be auto-processed", description = "Read-only. Every open ticket "
            + "(or, with onlyAutoProcessable=true, those that pass) with its verdict, oldest id first: autoProcessable "
            + "when it passes enneo's auto-processing chain as far as Mind has the data: an AI agent detected, not "
            + "spam, channel neither chat nor phone, direction in, enableAiAutoProcessing on, exactly one agent "
            + "detected, no customer reply, a customer legitimation of at least 20 when the ticket has a contract, and "
            + "no autoexecute since the detection. reasons lists every rule that failed, in the chain's order; "
            + "immediate says whether the agent is in immediateAiAgents (processAutoProcessable runs only those; the "
            + "others wait for a person). notChecked names the rules Mind cannot check and why. limit default 100, at "
            + "most 500. 503 when settings-svc cannot be asked for the settings.")
    public Detected detect(
            @Parameter(description = "only the tickets that can be auto-processed now") @QueryParam("onlyAutoProcessable") Boolean onlyAutoProcessable,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset, PageRequest.DEFAULT_LIMIT, DETECT_MAX);
        Settings settings = autoProcessing.settings();
        AutoProcessing.Detection found = autoProcessing.detect(settings, Boolean.TRUE.equals(onlyAutoProcessable), page);
        return new Detected(true, settings.enabled(), settings.immediateAiAgents(), found.total(), page.limit(), page.offset(),
                AutoProcessingRules.NOT_CHECKED.stream().map(Reason::of).toList(),
                found.verdicts().stream().map(Verdict::of).toList());
    }

    @GET
    @Path("/processAutoProcessable")
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER })
    @Operation(summary = "Auto-process the tickets that can be", description = "Runs autoexecute (the path of POST "
            + "/ticket/{ticketId}/autoexecute, with the one detected agent) for up to limit (default 10, at most 100) "
            + "open tickets that detectAutoProcessable finds auto-processable and whose agent is in immediateAiAgents, "
            + "oldest id first, one after the other. Each ticket is checked again with its row locked just before its "
            + "run, so two batches at once never run a ticket twice (the later one reports it skipped). When "
            + "aiagent-svc cannot be reached the batch stops (result unavailable; that ticket stays for the next "
            + "batch). Nothing runs while enableAiAutoProcessing is off. It changes state, so although enneo lists it "
            + "as a GET it needs the token in the Authorization header: a request authenticated by the connect.sid "
            + "cookie alone is refused (403 authorization_header_required), since a browser sends that cookie with "
            + "requests other sites make it send. POST does the same. Roles: admin, serviceWorker. Honours "
            + "Idempotency-Key.")
    public Batch processByGet(@QueryParam("limit") Integer limit,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        return process(limit, idempotencyKey);
    }

    @POST
    @Path("/processAutoProcessable")
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE_WORKER })
    @Operation(summary = "Auto-process the tickets that can be (POST)", description = "The same as the GET, for "
            + "clients that send state changes as POST. No body.")
    public Batch processByPost(@QueryParam("limit") Integer limit,
            @HeaderParam(IdempotencyInterceptor.HEADER) String idempotencyKey) {
        return process(limit, idempotencyKey);
    }

    private Batch process(Integer limit, String idempotencyKey) {
        if (!HeaderCredentials.sent(currentRequest.getCurrent())) {
            throw new ApiException(403, "authorization_header_required", "processAutoProcessable changes tickets: send "
                    + "the token in the Authorization header; the connect.sid cookie alone is not enough");
        }
        PageRequest page = PageRequest.of(limit, null, PROCESS_DEFAULT, PROCESS_MAX);
        AutoProcessingBatch.Batch done = batch.process(page.limit(), idempotencyKey, identity.getPrincipal().getName());
        return new Batch(done.results().stream().allMatch(p -> "executed".equals(p.result())), done.settings().enabled(),
                done.settings().immediateAiAgents(), page.limit(), done.stoppedEarly(),
                done.results().stream().map(Processed::of).toList());
    }
}
