package mind.qualitycheck.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
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
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.service.TestRunService;

@Path("/aiQualityCheck/testRun")
@Tag(name = "AiQualityCheck")
@Produces(MediaType.APPLICATION_JSON)
public class TestRunResource {

    private final TestRunService service;

    public TestRunResource(TestRunService service) {
        this.service = service;
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
            @Parameter(description = "processing | completed | failed | cancelled") @QueryParam("state") TestRunState state) {
        return service.list(aiAgentId, state, PageRequest.of(limit, offset));
    }
}
