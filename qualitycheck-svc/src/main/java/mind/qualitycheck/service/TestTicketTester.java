package mind.qualitycheck.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;
import mind.common.secrets.SecretMask;
import mind.qualitycheck.client.AgentRef;
import mind.qualitycheck.client.AiAgentGateway;
import mind.qualitycheck.client.Outcome;
import mind.qualitycheck.client.TicketGateway;
import mind.qualitycheck.client.TicketRef;
import mind.qualitycheck.config.QualityCheckConfig;
import mind.qualitycheck.domain.ActualResult;
import mind.qualitycheck.domain.TestCase;
import mind.qualitycheck.repository.TestCaseRepository;

/**
 * Tests one test ticket: reads the ticket from ticket-svc and dry-runs the agent on it in aiagent-svc,
 * both with the service token, then records the result ({@link #testNow} does the same for a user's
 * request, with the user's token, and records nothing). A refusal is final (the ticket fails); an
 * unavailable service is tried again later.
 */
@ApplicationScoped
public class TestTicketTester {

    private static final Logger LOG = Logger.getLogger(TestTicketTester.class);

    private final TicketGateway tickets;
    private final AiAgentGateway agents;
    private final TestJobs jobs;
    private final QualityCheckConfig config;
    private final ObjectMapper json;
    private final TestCaseRepository testCases;

    public TestTicketTester(TicketGateway tickets, AiAgentGateway agents, TestJobs jobs, QualityCheckConfig config,
            ObjectMapper json, TestCaseRepository testCases) {
        this.testCases = testCases;
        this.tickets = tickets;
        this.agents = agents;
        this.jobs = jobs;
        this.config = config;
        this.json = json;
    }

    /**
     * The result of one agent on one ticket, tested now for a user: what a test ticket would record, and the agent's
     * test cases on that ticket (possibly none) to judge it by.
     */
    public record Tested(AgentRef agent, long ticketId, ObjectNode actualResult, JsonNode rawResult, List<TestCase> testCases) {
    }

    /**
     * Tests agent {@code aiAgentId} (slug or numeric id) on the ticket now, with the calling user's token, as a test
     * run tests a test ticket; nothing is stored. No transaction: the agent's test cases on the ticket are read, nothing is
     * written.
     *
     * @throws mind.common.error.ApiException 404 when the agent or the ticket is unknown, 503 when aiagent-svc or
     *         ticket-svc is unavailable
     */
    public Tested testNow(String aiAgentId, long ticketId, String authorization) {
        AgentRef agent = agents.agent(aiAgentId).orElseThrow(() -> ApiException.notFound("AI agent " + aiAgentId + " not found"));
        TicketRef ticket = tickets.ticket(ticketId).orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
        Outcome outcome = agents.dryRunFor(authorization, agent.id(), ticketId);
        return new Tested(agent, ticketId, ActualResult.of(agent.code(), ticket, outcome), raw(outcome),
                testCases.ofAgentAndTicket(agent.code(), ticketId));
    }

    /** The calls the agent would have made may carry credentials (headers, keys): kept and shown masked. */
    private JsonNode raw(Outcome outcome) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = json.convertValue(outcome, Map.class);
        return json.valueToTree(SecretMask.masked(answer));
    }

    /** @return whether the result (or the retry) was recorded; false when the lease was lost meanwhile */
    public boolean test(TestJobs.Job job) {
        String token = config.worker().serviceToken().map(t -> t.startsWith("Bearer ") ? t : "Bearer " + t).orElse(null);
        if (token == null) {
            return jobs.record(job.lease(), ActualResult.failure("no service token configured"), null,
                    "no service token configured (mind.qualitycheck.worker.service-token)");
        }
        if (job.aiAgentRef() == null) {
            return jobs.record(job.lease(), ActualResult.failure("unknown AI agent"), null, "the run names no AI agent id");
        }
        try {
            Optional<TicketRef> ticket = tickets.ticketAs(token, job.ticketId());
            if (ticket.isEmpty()) {
                String reason = "ticket " + job.ticketId() + " not found";
                return jobs.record(job.lease(), ActualResult.failure(reason), null, reason);
            }
            Outcome outcome = agents.dryRun(token, job.aiAgentRef(), job.ticketId());
            return jobs.record(job.lease(), ActualResult.of(job.aiAgentId(), ticket.get(), outcome), raw(outcome), null);
        } catch (RemoteRejectedException e) {
            String reason = e.service() + " refused: " + e.getMessage();
            return jobs.record(job.lease(), ActualResult.failure(reason), null, reason);
        } catch (RuntimeException e) {
            LOG.debugf("test ticket %d: dependency unavailable: %s", job.lease().testTicketId(), e.getMessage());
            return jobs.retryLater(job.lease(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
