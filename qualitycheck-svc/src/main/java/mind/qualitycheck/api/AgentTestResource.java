package mind.qualitycheck.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import mind.common.auth.Roles;
import mind.qualitycheck.service.AgentIds;
import mind.qualitycheck.service.TestTicketTester;

/** One AI agent tried on one ticket now, as a test run would test it, without a run. */
@Path("/aiQualityCheck/testAiAgent")
@Tag(name = "AiQualityCheck")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentTestResource {

    private final TestTicketTester tester;

    public AgentTestResource(TestTicketTester tester) {
        this.tester = tester;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.UPDATE_AI_AGENT })
    @Operation(summary = "Test an AI agent on a ticket", description = "Body {aiAgentId, ticketId}; aiAgentId is the "
            + "agent's slug or numeric id (string or number), ticketId a positive integer (400 naming the field "
            + "otherwise). Runs the agent on the ticket now as a test run tests a test ticket: a dry run in aiagent-svc "
            + "(nothing is written anywhere) and the ticket read from ticket-svc, both with the caller's token. Nothing "
            + "is stored here either: no run, no test case (enneo's docs say nothing of a stored result). Answers "
            + "{\"success\":true,\"aiAgentId\":slug,\"aiAgentName\":..,\"ticketId\":..,\"actualResult\":TestResult,"
            + "\"rawResult\":{the agent's answer, secrets masked},\"testCases\":[{testCaseId,description,expectedResult,"
            + "successful}],\"successful\":..,\"scores\":{..}}: the agent's test cases on this ticket judged against the "
            + "actual result as a test run judges them (successful when every case is met; scores per field and overall "
            + "over these cases; [], null and {} without a case); an agent whose run failed is still a 200, with "
            + "actualResult.error saying why. 404 for an unknown agent or ticket; 503 with Retry-After when aiagent-svc "
            + "or ticket-svc is unavailable. Needs admin or updateAiAgent.")
    public TestRunResponses.AgentTested test(@Valid @NotNull TestRunRequests.TestAiAgent body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String agent = AgentIds.read(body.aiAgentId(), "aiAgentId");
        return TestRunResponses.AgentTested.of(tester.testNow(agent, body.ticketId(), authorization));
    }
}
