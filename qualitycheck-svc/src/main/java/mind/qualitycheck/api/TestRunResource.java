package mind.qualitycheck.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.api.Success;
import mind.common.auth.Callers;
import mind.common.auth.Roles;
import mind.common.error.ApiException;
import mind.common.idempotency.Idempotent;
import mind.common.paging.PageRequest;
import mind.common.persistence.Versioned;
import mind.qualitycheck.client.AgentRef;
import mind.qualitycheck.client.AiAgentGateway;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.service.AgentIds;
import mind.qualitycheck.service.TestRunService;
import mind.qualitycheck.service.TestRunWorker;

@Path("/aiQualityCheck/testRun")
@Tag(name = "AiQualityCheck")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestRunResource {

    private final TestRunService service;
    private final AiAgentGateway agents;
    private final TestRunWorker worker;
    private final SecurityIdentity identity;

    public TestRunResource(TestRunService service, AiAgentGateway agents, TestRunWorker worker, SecurityIdentity identity) {
        this.service = service;
        this.agents = agents;
        this.worker = worker;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get all test runs with pagination", description = "Newest first (id descending). "
            + "Undocumented by enneo; response chosen as {\"success\":true,\"testRuns\":[TestRun...],\"total\":<all "
            + "matching>,\"limit\":..,\"offset\":..}. TestRun dates are ISO-8601. Optional filters: aiAgentId (the "
            + "agent's code as stored on the run, exact match) and state. limit 1..1000 (default 100), offset >= 0 "
            + "(default 0); a bad limit, offset or state is a 400 naming it. Needs admin or updateAiAgent.")
    public TestRunList list(
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") Integer limit,
            @Parameter(description = ">= 0, default 0") @QueryParam("offset") Integer offset,
            @Parameter(description = "only runs of this AI agent") @QueryParam("aiAgentId") @Size(max = 255) String aiAgentId,
            @Parameter(description = "scheduled | processing | completed | failed | stopped") @QueryParam("state") TestRunState state) {
        return service.list(aiAgentId, state, PageRequest.of(limit, offset));
    }

    @POST
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Schedule a new AI quality check", description = "Body {aiAgentId, description?, "
            + "testCaseIds?, config?}; aiAgentId is the agent's slug or numeric id. The agent is looked up in aiagent-svc "
            + "with the caller's token (404 when unknown, 503 when aiagent-svc is down). Makes one test ticket per test "
            + "case of the agent (expected results copied from the cases): every case, or with testCaseIds (not empty) "
            + "only those, each of which must be a test case of this agent (400 naming testCaseIds[i] otherwise); with "
            + "config.limit (a positive integer, else 400 naming config.limit) at most that many, the first in id order. "
            + "config is stored on the run as sent (TestRun.config, {} without one). Answers at once with {\"success\":true,\"testRun\":TestRun} in state scheduled; "
            + "the worker then tests them asynchronously (state processing, then completed, failed when every ticket "
            + "failed, or stopped). 400 naming aiAgentId when the agent has no test cases. Runs of one agent may overlap. "
            + "Honours Idempotency-Key. Needs admin or updateAiAgent.")
    public TestRunResponses.Scheduled schedule(@Valid @NotNull TestRunRequests.Schedule body) {
        String id = AgentIds.read(body.aiAgentId(), "aiAgentId");
        Integer limit = body.configLimit();
        AgentRef agent = agents.agent(id).orElseThrow(() -> ApiException.notFound("AI agent " + id + " not found"));
        TestRunView run = service.schedule(agent, body.description(), body.testCaseIds(), limit, body.config(),
                Callers.profileId(identity));
        worker.wake();
        return new TestRunResponses.Scheduled(true, run);
    }

    @GET
    @Path("/{testRunId}")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get a specific test run by ID", description = "{\"success\":true,\"scores\":{\"overall\":..,"
            + "<field>:..},\"testRun\":TestRun,\"tickets\":[TestTicket...]}. scores: per TestResult field named by an "
            + "expectation, the share of tested tickets whose actual value matches (sets as sets, per-agent maps per "
            + "agent named in the expectation, scalars by text); overall: the share of tested tickets where every "
            + "expected field matches (failed tickets count as tested, unsuccessful). Empty until a ticket is tested. "
            + "ETag: the run's version (it changes as tickets are tested). 404 for an unknown id.")
    public RestResponse<TestRunResponses.Detail> get(@PathParam("testRunId") long testRunId) {
        Versioned<TestRunResponses.Detail> detail = service.get(testRunId);
        return detail.ok();
    }

    @DELETE
    @Path("/{testRunId}")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Delete a specific test run by ID", description = "Deletes the run and its test tickets, also "
            + "while it is processing (what is in flight is discarded). If-Match: 412 when the run changed since. "
            + "404 for an unknown id.")
    public Success delete(@PathParam("testRunId") long testRunId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(testRunId, ifMatch);
        return Success.OK;
    }

    @POST
    @Path("/{testRunId}/stop")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Stop a test run", description = "The remaining test tickets are not tested (state stopped), "
            + "results of tests in flight are discarded; the run becomes stopped with its counts as they are. Answers "
            + "{\"success\":true,\"testRun\":TestRun}. 409 test_run_finished when it already ended; 404 for an unknown id.")
    public TestRunResponses.Scheduled stop(@PathParam("testRunId") long testRunId) {
        return new TestRunResponses.Scheduled(true, service.stop(testRunId));
    }

    @POST
    @Path("/{testRunId}/cancel")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Cancel a test run", description = "Another name for POST /aiQualityCheck/testRun/{testRunId}/stop "
            + "(clients use both): the same checks and the same answer, {\"success\":true,\"testRun\":TestRun} in state "
            + "stopped. 409 test_run_finished when it already ended; 404 for an unknown id.")
    public TestRunResponses.Scheduled cancel(@PathParam("testRunId") long testRunId) {
        return stop(testRunId);
    }

    @PATCH
    @Path("/{testRunId}/cancel")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Cancel a test run (PATCH)", description = "The method enneo's newer client docs use for "
            + "cancel; the same as POST /aiQualityCheck/testRun/{testRunId}/cancel and /stop: the same checks and the "
            + "same answer, {\"success\":true,\"testRun\":TestRun} in state stopped. 409 test_run_finished when it "
            + "already ended; 404 for an unknown id.")
    public TestRunResponses.Scheduled cancelByPatch(@PathParam("testRunId") long testRunId) {
        return stop(testRunId);
    }

    @POST
    @Path("/{testRunId}/rerun")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Rerun a test run", description = "No body. Schedules a new run, as POST "
            + "/aiQualityCheck/testRun does, of the same AI agent over the test cases the run tested that still exist "
            + "(cases added to the agent since are not included; run the agent for those), each with its expectation "
            + "as it is now (accepted results count), and with the run's description and config; createdBy is the "
            + "caller. The run itself is left as it is. Answers {\"success\":true,\"testRun\":TestRun} with the new "
            + "run's id, state scheduled. The agent is looked up in aiagent-svc with the caller's token (404 when it is "
            + "gone, 503 when aiagent-svc is down). 404 for an unknown run; 409 test_run_not_finished while it is "
            + "scheduled or processing (stop it first); 409 no_test_cases when none of its cases exists any more. "
            + "Honours Idempotency-Key. Needs admin or updateAiAgent.")
    public TestRunResponses.Scheduled rerun(@PathParam("testRunId") long testRunId) {
        String agentId = service.agentToRerun(testRunId);
        AgentRef agent = agents.agent(agentId).orElseThrow(() -> ApiException.notFound("AI agent " + agentId + " not found"));
        TestRunView run = service.rerun(testRunId, agent, Callers.profileId(identity));
        worker.wake();
        return new TestRunResponses.Scheduled(true, run);
    }

    @PATCH
    @Path("/{testRunId}/updateExpectedResult/{ticketId}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Update the expected result of a test ticket", description = "ticketId is the ticket under "
            + "test (TestTicket.ticketId). Body {expectedResult: TestResult}. Sets the expectation of the run's test "
            + "ticket(s) for that ticket and of their test cases (future runs use it); the ticket is judged again and "
            + "successfulTests recounted. Answers {\"success\":true,\"message\":\"Test ticket expected result updated "
            + "successfully\",\"testTicket\":TestTicket}. If-Match with the run's ETag: 412 when it changed since. 404 "
            + "for an unknown run or a ticket not in it.")
    public TestRunResponses.TicketChanged updateExpectedResult(@PathParam("testRunId") long testRunId,
            @PathParam("ticketId") long ticketId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TestRunRequests.ExpectedResult body) {
        return new TestRunResponses.TicketChanged(true, "Test ticket expected result updated successfully",
                service.updateExpectedResult(testRunId, ticketId, body.expectedResult(), ifMatch));
    }

    @PATCH
    @Path("/{testRunId}/acceptExpectedResult/{ticketId}")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Accept the expected result of a test ticket", description = "No body. The actual result of "
            + "the ticket's test ticket(s) in the run becomes their expected result and that of their test cases; "
            + "successfulTests recounted. Answers {\"success\":true,\"message\":\"Test ticket expected result accepted "
            + "successfully\",\"testTicket\":TestTicket}. 409 not_tested when it has no actual result yet. If-Match with "
            + "the run's ETag: 412. 404 for an unknown run or a ticket not in it.")
    public TestRunResponses.TicketChanged acceptExpectedResult(@PathParam("testRunId") long testRunId,
            @PathParam("ticketId") long ticketId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return new TestRunResponses.TicketChanged(true, "Test ticket expected result accepted successfully",
                service.acceptExpectedResult(testRunId, ticketId, ifMatch));
    }

    @POST
    @Path("/{testRunId}/acceptAllExpectedResults")
    @Consumes(MediaType.WILDCARD) // no body: a request without Content-Type is fine
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Accept all the expected results of a test run", description = "For every tested ticket of the "
            + "run the actual result becomes the expected one, in the test ticket and in its test case (so future runs "
            + "expect it); successfulTests is recounted and the scores follow. Untested tickets are left alone. Answers "
            + "{\"success\":true,\"message\":\"All test ticket expected results accepted successfully\",\"testTickets\":"
            + "[TestTicket...]} (the changed ones). If-Match with the run's ETag: 412. 404 for an unknown run.")
    public TestRunResponses.TicketsChanged acceptAllExpectedResults(@PathParam("testRunId") long testRunId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        List<TestTicketView> changed = service.acceptAllExpectedResults(testRunId, ifMatch);
        return new TestRunResponses.TicketsChanged(true, "All test ticket expected results accepted successfully", changed);
    }
}
