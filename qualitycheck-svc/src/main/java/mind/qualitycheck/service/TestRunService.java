package mind.qualitycheck.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.persistence.IfMatch;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.qualitycheck.api.TestRunList;
import mind.qualitycheck.api.TestRunResponses;
import mind.qualitycheck.api.TestRunView;
import mind.qualitycheck.api.TestTicketView;
import mind.qualitycheck.api.TestableAgents;
import mind.qualitycheck.client.AgentRef;
import mind.qualitycheck.domain.ExpectedResults;
import mind.qualitycheck.domain.Scoring;
import mind.qualitycheck.domain.TestCase;
import mind.qualitycheck.domain.TestRun;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.domain.TestTicket;
import mind.qualitycheck.domain.TestTicketState;
import mind.qualitycheck.repository.TestCaseRepository;
import mind.qualitycheck.repository.TestJobRepository;
import mind.qualitycheck.repository.TestRunRepository;
import mind.qualitycheck.repository.TestTicketRepository;

@ApplicationScoped
public class TestRunService {

    private final TestRunRepository runs;
    private final TestTicketRepository tickets;
    private final TestCaseRepository cases;
    private final TestJobRepository jobs;
    private final TestRunCounter counter;
    private final Clock clock;

    public TestRunService(TestRunRepository runs, TestTicketRepository tickets, TestCaseRepository cases,
            TestJobRepository jobs, TestRunCounter counter, Clock clock) {
        this.runs = runs;
        this.tickets = tickets;
        this.cases = cases;
        this.jobs = jobs;
        this.counter = counter;
        this.clock = clock;
    }

    /**
     * One page of runs as views, built on a read-only session; {@code total} counts every run
     * matching the filters, for the client's page count.
     */
    @ReadOnly
    public TestRunList list(String aiAgentId, TestRunState state, PageRequest page) {
        var views = runs.page(aiAgentId, state, page).stream().map(TestRunView::of).toList();
        return new TestRunList(true, views, runs.count(aiAgentId, state), page.limit(), page.offset());
    }

    /**
     * A new run of the agent's test cases: every one, or those of {@code testCaseIds} (null or empty: every one), at
     * most {@code limit} of them (null: no limit), in id order. One test ticket per case with the case's expectation
     * copied, one job per test ticket, state scheduled. The worker takes it from there. {@code config} is stored on
     * the run (null: an empty object).
     *
     * @throws ApiException 400 naming testCaseIds[i] for an id that is not a test case of the agent, aiAgentId when
     *         the agent has no test cases
     */
    @Transactional
    public TestRunView schedule(AgentRef agent, String description, List<Long> testCaseIds, Integer limit,
            ObjectNode config, Long userId) {
        List<TestCase> agentCases = cases.ofAgent(agent.code());
        if (agentCases.isEmpty()) {
            throw ApiException.invalidField("aiAgentId", "the AI agent " + agent.code() + " has no test cases");
        }
        if (testCaseIds != null && !testCaseIds.isEmpty()) {
            Set<Long> ofAgent = agentCases.stream().map(c -> c.id).collect(Collectors.toSet());
            for (int i = 0; i < testCaseIds.size(); i++) {
                if (!ofAgent.contains(testCaseIds.get(i))) {
                    throw ApiException.invalidField("testCaseIds[" + i + "]", "test case " + testCaseIds.get(i)
                            + " is not a test case of the AI agent " + agent.code());
                }
            }
            Set<Long> chosen = Set.copyOf(testCaseIds);
            agentCases = agentCases.stream().filter(c -> chosen.contains(c.id)).toList();
        }
        if (limit != null && agentCases.size() > limit) {
            agentCases = agentCases.subList(0, limit);
        }
        return start(agent, agentCases, description, config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy(),
                userId);
    }

    /**
     * Which agent a rerun of the run tests, to be looked up before {@link #rerun}: its numeric id in
     * aiagent-svc, or its slug for a run that has none.
     *
     * @throws ApiException 404 for an unknown run, 409 while it has not ended
     */
    @ReadOnly
    public String agentToRerun(long id) {
        TestRun run = find(id);
        requireFinished(run);
        return run.aiAgentRef != null ? Long.toString(run.aiAgentRef) : run.aiAgentId;
    }

    /**
     * A new run of the test cases run {@code id} tested (those that still exist, with their expectations as they
     * are now, so accepted results count), with its description and config. The run has to have ended: a rerun
     * of a run still going would mostly be a second click.
     */
    @Transactional
    public TestRunView rerun(long id, AgentRef agent, Long userId) {
        TestRun original = find(id);
        requireFinished(original);
        List<TestCase> again = cases.ofRun(id);
        if (again.isEmpty()) {
            throw ApiException.conflict("no_test_cases", "None of the test cases of test run " + id + " exists any more");
        }
        JsonNode config = original.config == null ? JsonNodeFactory.instance.objectNode() : original.config.deepCopy();
        return start(agent, again, original.description, config, userId);
    }

    private static void requireFinished(TestRun run) {
        if (!run.state.isFinished()) {
            throw ApiException.conflict("test_run_not_finished", "Test run " + run.id + " is still " + run.state
                    + "; stop it first or schedule a new run");
        }
    }

    /** The run of these cases: one test ticket per case with the case's expectation copied, one job each. */
    private TestRunView start(AgentRef agent, List<TestCase> agentCases, String description, JsonNode config, Long userId) {
        Instant now = Instant.now(clock);
        TestRun run = new TestRun();
        run.aiAgentId = agent.code();
        run.aiAgentRef = agent.id();
        run.aiAgentName = agent.name();
        run.state = TestRunState.scheduled;
        run.config = config;
        run.createdBy = userId;
        run.createdAt = now;
        run.description = description;
        run.ticketsScheduledForTesting = agentCases.size();
        runs.persist(run);
        for (TestCase c : agentCases) {
            TestTicket t = new TestTicket();
            t.testRunId = run.id;
            t.testCaseId = c.id;
            t.ticketId = c.ticketId;
            t.aiAgentId = run.aiAgentId;
            t.state = TestTicketState.scheduled;
            t.expectedResult = c.expectedResult.deepCopy();
            tickets.persist(t);
        }
        tickets.flush();
        jobs.enqueueRun(run.id, now);
        counter.started();
        return TestRunView.of(run);
    }

    @ReadOnly
    public Versioned<TestRunResponses.Detail> get(long id) {
        TestRun run = find(id);
        List<TestTicket> all = tickets.ofRun(id);
        List<Scoring.Pair> tested = all.stream().filter(t -> t.actualResult != null && t.state == TestTicketState.completed)
                .map(t -> new Scoring.Pair(t.expectedResult, t.actualResult)).toList();
        List<Scoring.Pair> failed = all.stream().filter(t -> t.state == TestTicketState.failed)
                .map(t -> new Scoring.Pair(t.expectedResult, t.actualResult)).toList();
        List<Scoring.Pair> scored = new ArrayList<>(tested);
        scored.addAll(failed);
        return new Versioned<>(new TestRunResponses.Detail(true, Scoring.scores(scored), TestRunView.of(run),
                all.stream().map(TestTicketView::of).toList()), run.version);
    }

    /** Deletes the run, its test tickets and its remaining jobs; a test in flight is discarded when it ends. */
    @Transactional
    public void delete(long id, String ifMatch) {
        TestRun run = runs.lockedById(id);
        if (run == null) {
            throw ApiException.notFound("Test run " + id + " not found");
        }
        IfMatch.check(ifMatch, run.version, "The test run");
        runs.delete(run);
    }

    /**
     * Stops the run: its remaining jobs are dropped, untested tickets become stopped, and a test in
     * flight is discarded when it ends. A finished run is 409.
     */
    @Transactional
    public TestRunView stop(long id) {
        TestRun run = runs.lockedById(id);
        if (run == null) {
            throw ApiException.notFound("Test run " + id + " not found");
        }
        if (run.state.isFinished()) {
            throw ApiException.conflict("test_run_finished", "Test run " + id + " is already " + run.state);
        }
        jobs.deleteOfRun(id);
        tickets.stopUntested(id);
        run.state = TestRunState.stopped;
        run.endDate = Instant.now(clock);
        runs.flush();
        counter.finished(run.state);
        return TestRunView.of(run);
    }

    /** Sets the expectation of the run's test tickets for the ticket, and of their test cases. */
    @Transactional
    public TestTicketView updateExpectedResult(long runId, long ticketId, ObjectNode expectedResult, String ifMatch) {
        ExpectedResults.check(expectedResult);
        TestRun run = locked(runId, ifMatch);
        List<TestTicket> matching = ticketsFor(runId, ticketId);
        for (TestTicket t : matching) {
            expect(t, expectedResult.deepCopy());
        }
        recount(run);
        return TestTicketView.of(matching.getFirst());
    }

    /** The actual result becomes the expected one, for the ticket's test tickets in the run and their test cases. */
    @Transactional
    public TestTicketView acceptExpectedResult(long runId, long ticketId, String ifMatch) {
        TestRun run = locked(runId, ifMatch);
        List<TestTicket> matching = ticketsFor(runId, ticketId);
        for (TestTicket t : matching) {
            if (t.actualResult == null) {
                throw ApiException.conflict("not_tested", "Ticket " + ticketId + " has no actual result in test run "
                        + runId + " yet (" + t.state + ")");
            }
            expect(t, t.actualResult.deepCopy());
        }
        recount(run);
        return TestTicketView.of(matching.getFirst());
    }

    /** Accepts the actual result of every tested ticket of the run (untested ones are left as they are). */
    @Transactional
    public List<TestTicketView> acceptAllExpectedResults(long runId, String ifMatch) {
        TestRun run = locked(runId, ifMatch);
        List<TestTicket> all = tickets.ofRun(runId);
        List<TestTicketView> changed = new ArrayList<>();
        for (TestTicket t : all) {
            if (t.actualResult != null) {
                expect(t, t.actualResult.deepCopy());
            }
        }
        recount(run);
        for (TestTicket t : all) {
            if (t.actualResult != null) {
                changed.add(TestTicketView.of(t));
            }
        }
        return changed;
    }

    @ReadOnly
    public TestableAgents.Page testableAgents(PageRequest page) {
        return new TestableAgents.Page(true, agents(page), cases.countAgents(), page.limit(), page.offset());
    }

    @ReadOnly
    public TestableAgents.All allTestableAgents() {
        return new TestableAgents.All(true, agents(PageRequest.of(1000, 0)));
    }

    private List<TestableAgents.Agent> agents(PageRequest page) {
        List<Object[]> rows = cases.agents(page);
        Map<String, TestRun> latest = new LinkedHashMap<>();
        runs.latestOf(rows.stream().map(r -> (String) r[0]).toList())
                .forEach(r -> latest.put(r.aiAgentId, r));
        return rows.stream().map(r -> {
            TestRun last = latest.get((String) r[0]);
            String name = (String) r[1];
            return new TestableAgents.Agent((String) r[0], name != null ? name : last == null ? null : last.aiAgentName,
                    ((Number) r[2]).longValue(), last == null ? null : TestRunView.of(last));
        }).toList();
    }

    /** The test ticket takes the expectation, its test case too (for future runs), and it is judged again. */
    private void expect(TestTicket t, ObjectNode expected) {
        t.expectedResult = expected;
        if (t.actualResult != null && t.state == TestTicketState.completed) {
            t.successful = Scoring.successful(t.expectedResult, t.actualResult);
        }
        if (t.testCaseId != null) {
            TestCase c = cases.findById(t.testCaseId);
            if (c != null) {
                c.expectedResult = expected.deepCopy();
                c.modifiedAt = Instant.now(clock);
            }
        }
    }

    /** successfulTests from the test tickets as they are now. */
    private void recount(TestRun run) {
        tickets.flush();
        run.successfulTests = (int) tickets.countSuccessful(run.id);
        runs.flush();
    }

    private TestRun locked(long runId, String ifMatch) {
        TestRun run = runs.lockedById(runId);
        if (run == null) {
            throw ApiException.notFound("Test run " + runId + " not found");
        }
        IfMatch.check(ifMatch, run.version, "The test run");
        return run;
    }

    private List<TestTicket> ticketsFor(long runId, long ticketId) {
        List<TestTicket> matching = tickets.ofRunAndTicket(runId, ticketId);
        if (matching.isEmpty()) {
            throw ApiException.notFound("Ticket " + ticketId + " is not part of test run " + runId);
        }
        return matching;
    }

    private TestRun find(long id) {
        TestRun run = runs.findById(id);
        if (run == null) {
            throw ApiException.notFound("Test run " + id + " not found");
        }
        return run;
    }

}
