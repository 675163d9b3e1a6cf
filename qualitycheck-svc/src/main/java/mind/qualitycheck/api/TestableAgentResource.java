package mind.qualitycheck.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.auth.Roles;
import mind.common.paging.PageRequest;
import mind.qualitycheck.service.TestRunService;

/** The AI agents for which test runs can be triggered: those with at least one test case. */
@Path("/aiQualityCheck")
@Tag(name = "AiQualityCheck")
@Produces(MediaType.APPLICATION_JSON)
public class TestableAgentResource {

    private final TestRunService service;

    public TestableAgentResource(TestRunService service) {
        this.service = service;
    }

    @GET
    @Path("/testableAiAgents")
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Get all AI agents for which test runs can be triggered", description = "Path chosen here "
            + "(enneo does not document it). The agents with at least one test case, by slug: {\"success\":true,"
            + "\"aiAgents\":[{\"aiAgentId\":slug,\"aiAgentName\":..,\"testCases\":<count>,\"lastTestRun\":TestRun|null}],"
            + "\"total\":..,\"limit\":..,\"offset\":..}. limit 1..1000 (default 100), offset >= 0. Needs admin or updateAiAgent.")
    public TestableAgents.Page testable(@Parameter(description = "1..1000, default 100") @QueryParam("limit") Integer limit,
            @Parameter(description = ">= 0, default 0") @QueryParam("offset") Integer offset) {
        return service.testableAgents(PageRequest.of(limit, offset));
    }

    @GET
    @Path("/aiAgents")
    @Deprecated
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(deprecated = true, summary = "Get all AI agents for which test runs can be triggered (deprecated)",
            description = "Path chosen here (enneo does not document it). Use GET /aiQualityCheck/testableAiAgents. The "
                    + "same agents unpaged (the first 1000 by slug): {\"success\":true,\"aiAgents\":[...]}.")
    public TestableAgents.All all() {
        return service.allTestableAgents();
    }
}
