package mind.qualitycheck.api;

import java.util.ArrayList;
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
import mind.qualitycheck.service.AgentIds;
import mind.qualitycheck.service.TestCaseCreation;
import mind.qualitycheck.service.TestCaseService;

@Path("/aiQualityCheck/testCase")
@Tag(name = "AiQualityCheck")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestCaseResource {

    private final TestCaseService cases;
    private final TestCaseCreation creation;
    private final SecurityIdentity identity;

    public TestCaseResource(TestCaseService cases, TestCaseCreation creation, SecurityIdentity identity) {
        this.cases = cases;
        this.creation = creation;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get test cases (all, or of one AI agent)", description = "{\"success\":true,\"testCases\":"
            + "[TestCase...],\"total\":..,\"limit\":..,\"offset\":..} in id order. aiAgentId filters by the agent's slug "
            + "or numeric id. limit 1..1000 (default 100), offset >= 0. Needs admin or updateAiAgent.")
    public TestCaseResponses.Page list(
            @Parameter(description = "the agent's slug or numeric id") @QueryParam("aiAgentId") @Size(max = AgentIds.MAX_LENGTH) String aiAgentId,
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") Integer limit,
            @Parameter(description = ">= 0, default 0") @QueryParam("offset") Integer offset) {
        return cases.list(aiAgentId == null || aiAgentId.isBlank() ? null : aiAgentId.strip(), PageRequest.of(limit, offset));
    }

    @POST
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Create an AI quality test case", description = "Body {ticketId, aiAgentId, expectedResult?, "
            + "description?}; aiAgentId is the agent's slug or numeric id (string or number). The agent is looked up in "
            + "aiagent-svc and the ticket in ticket-svc with the caller's token (404 when either is unknown, 503 when "
            + "one is down); channel and summary are copied from the ticket. The case's aiAgentId is the agent's slug; "
            + "aiAgentIds holds its numeric id. expectedResult is a TestResult object (at most 64 KB). At most "
            + "mind.qualitycheck.max-test-cases-per-agent (1000) per agent. ETag: the case's version. Honours "
            + "Idempotency-Key. Needs admin or updateAiAgent.")
    public RestResponse<TestCaseResponses.Created> create(@Valid @NotNull TestCaseRequests.Create body) {
        String agent = AgentIds.read(body.aiAgentId(), "aiAgentId");
        Versioned<TestCaseView> created = creation.create(agent, List.of(body.ticketId()), body.expectedResult(),
                body.description(), Callers.profileId(identity)).getFirst();
        return created.ok(new TestCaseResponses.Created(true, created.value()));
    }

    @GET
    @Path("/{aiAgentId}")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get test cases by AI agent ID", description = "The test cases of one AI agent, named in the "
            + "path by its slug or numeric id (GET takes an agent here; PATCH and DELETE on this path take a test case "
            + "id). The same answer as GET /aiQualityCheck/testCase?aiAgentId=..: {\"success\":true,\"testCases\":"
            + "[TestCase...],\"total\":..,\"limit\":..,\"offset\":..} in id order, limit 1..1000 (default 100), offset "
            + ">= 0. The agent is not looked up: an agent without cases, or one aiagent-svc no longer knows, gives an "
            + "empty page (cases outlive their agent). Needs admin or updateAiAgent.")
    public TestCaseResponses.Page listOfAgent(
            @PathParam("aiAgentId") @Size(max = AgentIds.MAX_LENGTH) String aiAgentId,
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") Integer limit,
            @Parameter(description = ">= 0, default 0") @QueryParam("offset") Integer offset) {
        return cases.list(AgentIds.check(aiAgentId, "aiAgentId").strip(), PageRequest.of(limit, offset));
    }

    @POST
    @Path("/{aiAgentId}")
    @Idempotent(atomic = false)
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Add test cases for an AI agent (older form)", description = "The agent (slug or numeric id) "
            + "in the path; body {ticketId?, ticketIds?: [..] (at most 100), expectedResult?, description?}: one case per "
            + "distinct ticket, all with the same expectation. Answers {\"success\":true,\"testCases\":[TestCase...]}. "
            + "Otherwise as POST /aiQualityCheck/testCase.")
    public TestCaseResponses.CreatedMany createForAgent(
            @PathParam("aiAgentId") @Size(max = AgentIds.MAX_LENGTH) String aiAgentId,
            @Valid @NotNull TestCaseRequests.CreateForAgent body) {
        String agent = AgentIds.check(aiAgentId, "aiAgentId");
        List<Long> ticketIds = new ArrayList<>();
        if (body.ticketId() != null) {
            ticketIds.add(body.ticketId());
        }
        if (body.ticketIds() != null) {
            ticketIds.addAll(body.ticketIds());
        }
        if (ticketIds.isEmpty()) {
            throw ApiException.invalidField("ticketIds", "name at least one ticket (ticketId or ticketIds)");
        }
        if (ticketIds.size() > 100) {
            throw ApiException.invalidField("ticketIds", "at most 100 tickets at once");
        }
        var created = creation.create(agent, ticketIds, body.expectedResult(), body.description(), Callers.profileId(identity));
        return new TestCaseResponses.CreatedMany(true, created.stream().map(Versioned::value).toList());
    }

    @PATCH
    @Path("/{testCaseId}")
    @Idempotent
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Update a test case by ID", description = "Body {description?, expectedResult?}: a missing "
            + "field is left alone, description null clears it; expectedResult is an object and cannot be cleared. "
            + "Answers enneo's flat {\"success\":true, TestCase fields...}, ETag the new version. If-Match with an ETag "
            + "of this case: 412 when it changed since. 404 for an unknown id. Honours Idempotency-Key.")
    public RestResponse<TestCaseResponses.Updated> update(@PathParam("testCaseId") long testCaseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TestCaseRequests.Update body) {
        Versioned<TestCaseView> updated = cases.update(testCaseId, body.description(), body.expectedResult(), ifMatch,
                Callers.profileId(identity));
        return updated.ok(TestCaseResponses.Updated.of(updated.value()));
    }

    @DELETE
    @Path("/{testCaseId}")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Delete a test case by ID", description = "Runs that used it keep their test tickets. "
            + "If-Match: 412 when it changed since. 404 for an unknown id.")
    public Success delete(@PathParam("testCaseId") long testCaseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        cases.delete(testCaseId, ifMatch);
        return Success.OK;
    }
}
