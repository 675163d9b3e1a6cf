package mind.qualitycheck.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.patch.Patch;
import mind.common.persistence.IfMatch;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.qualitycheck.api.TestCaseResponses;
import mind.qualitycheck.api.TestCaseView;
import mind.qualitycheck.client.AgentRef;
import mind.qualitycheck.client.TicketRef;
import mind.qualitycheck.config.QualityCheckConfig;
import mind.qualitycheck.domain.ExpectedResults;
import mind.qualitycheck.domain.TestCase;
import mind.qualitycheck.repository.TestCaseRepository;

/** Test cases. Looking up the agent and the tickets happens before, outside the transaction ({@link TestCaseCreation}). */
@ApplicationScoped
public class TestCaseService {

    private final TestCaseRepository cases;
    private final Clock clock;
    private final QualityCheckConfig config;

    public TestCaseService(TestCaseRepository cases, Clock clock, QualityCheckConfig config) {
        this.cases = cases;
        this.clock = clock;
        this.config = config;
    }

    @ReadOnly
    public TestCaseResponses.Page list(String aiAgentId, PageRequest page) {
        var views = cases.page(aiAgentId, page).stream().map(TestCaseView::of).toList();
        return new TestCaseResponses.Page(true, views, cases.count(aiAgentId), page.limit(), page.offset());
    }

    /** Stores one case per ticket, all for the same agent and with the same expectation. */
    @Transactional
    public List<Versioned<TestCaseView>> create(AgentRef agent, List<TicketRef> tickets, ObjectNode expectedResult,
            String description, Long userId) {
        ExpectedResults.check(expectedResult);
        long existing = cases.count("aiAgentId", agent.code());
        if (existing + tickets.size() > config.maxTestCasesPerAgent()) {
            throw ApiException.invalidField("aiAgentId", "the AI agent has " + existing + " test cases; at most "
                    + config.maxTestCasesPerAgent() + " are allowed");
        }
        Instant now = Instant.now(clock);
        List<Versioned<TestCaseView>> created = new ArrayList<>();
        for (TicketRef ticket : tickets) {
            TestCase c = new TestCase();
            c.ticketId = ticket.id();
            c.aiAgentId = agent.code();
            c.aiAgentRef = agent.id();
            c.aiAgentName = agent.name();
            c.channel = ticket.channel();
            c.summary = ticket.summary();
            c.description = description;
            c.expectedResult = expectedResult == null ? JsonNodeFactory.instance.objectNode() : expectedResult.deepCopy();
            c.modifiedBy = userId;
            c.createdAt = now;
            c.modifiedAt = now;
            cases.persist(c);
            cases.flush();
            created.add(new Versioned<>(TestCaseView.of(c), c.version));
        }
        return created;
    }

    @Transactional
    public Versioned<TestCaseView> update(long id, Patch<String> description, Patch<ObjectNode> expectedResult,
            String ifMatch, Long userId) {
        if (expectedResult != null) {
            expectedResult.applyTo(ExpectedResults::check);
        }
        TestCase c = find(id);
        IfMatch.check(ifMatch, c.version, "The test case");
        boolean changed = description != null && description.applyTo(v -> c.description = v);
        changed |= expectedResult != null && expectedResult.applyTo(v -> c.expectedResult = v);
        if (changed) {
            c.modifiedBy = userId;
            c.modifiedAt = Instant.now(clock);
            cases.flush();
        }
        return new Versioned<>(TestCaseView.of(c), c.version);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        TestCase c = find(id);
        IfMatch.check(ifMatch, c.version, "The test case");
        cases.delete(c);
    }

    private TestCase find(long id) {
        TestCase c = cases.findById(id);
        if (c == null) {
            throw ApiException.notFound("Test case " + id + " not found");
        }
        return c;
    }
}
