package mind.qualitycheck.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;
import mind.common.persistence.Versioned;
import mind.qualitycheck.api.TestCaseView;
import mind.qualitycheck.client.AgentRef;
import mind.qualitycheck.client.AiAgentGateway;
import mind.qualitycheck.client.TicketGateway;
import mind.qualitycheck.client.TicketRef;

/**
 * Creating test cases: the agent is looked up in aiagent-svc and each ticket in ticket-svc (channel and
 * summary are copied from it), with the caller's token and without a transaction, then the cases are
 * stored in one transaction.
 */
@ApplicationScoped
public class TestCaseCreation {

    private final AiAgentGateway agents;
    private final TicketGateway tickets;
    private final TestCaseService cases;

    public TestCaseCreation(AiAgentGateway agents, TicketGateway tickets, TestCaseService cases) {
        this.agents = agents;
        this.tickets = tickets;
        this.cases = cases;
    }

    /**
     * @param ticketIds the tickets; a ticket named twice gets one case
     */
    public List<Versioned<TestCaseView>> create(String aiAgentId, List<Long> ticketIds,
            ObjectNode expectedResult, String description, Long userId) {
        AgentRef agent = agents.agent(aiAgentId)
                .orElseThrow(() -> ApiException.notFound("AI agent " + aiAgentId + " not found"));
        Set<Long> distinct = new LinkedHashSet<>(ticketIds);
        List<TicketRef> found = new ArrayList<>();
        for (long ticketId : distinct) {
            found.add(tickets.ticket(ticketId)
                    .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found")));
        }
        return cases.create(agent, found, expectedResult, description, userId);
    }
}
