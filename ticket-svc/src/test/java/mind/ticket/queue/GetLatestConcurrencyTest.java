package mind.ticket.queue;

import static mind.ticket.queue.QueueTestSupport.claimLog;
import static mind.ticket.queue.QueueTestSupport.close;
import static mind.ticket.queue.QueueTestSupport.earliest;
import static mind.ticket.queue.QueueTestSupport.getLatest;
import static mind.ticket.queue.QueueTestSupport.latest;
import static mind.ticket.queue.QueueTestSupport.profile;
import static mind.ticket.queue.QueueTestSupport.query;
import static mind.ticket.queue.QueueTestSupport.ticket;
import static mind.ticket.queue.QueueTestSupport.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;

/**
 * Acceptance 2: 20 agents call getLatest in parallel, over and over, on 200 open tickets. Each works
 * the ticket it got (closes it) or, every fourth time, skips it with next (giving it back to the
 * queue). No ticket is ever held by two agents at once, and every ticket is handed out.
 */
@QuarkusTest
@TestProfile(WorkQueueProfile.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(SettingsServiceStub.class)
class GetLatestConcurrencyTest {

    static final int AGENTS = 20;
    static final int TICKETS = 200;

    @Inject
    AgroalDataSource db;

    @Test
    void twentyAgentsNeverHoldOneTicketAtOnceAndEveryTicketIsHandedOut() throws Exception {
        long tag = uniqueId();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            // a mix of priorities and due dates, so that the order is not simply the id
            tickets.add(ticket(Map.of("tags", List.of(tag), "priority", List.of("low", "medium", "high", "urgent").get(i % 4),
                    "dueBy", "2030-01-" + String.format("%02d", 1 + i % 28) + " 10:00:00")));
        }
        // each id taken from uniqueId, so that no later test gets one of these agents (and its cached profile)
        long[] agents = new long[AGENTS];
        for (int a = 0; a < AGENTS; a++) {
            agents[a] = uniqueId();
            profile(agents[a], "AT_LEAST_ONE", tag);
        }

        AtomicInteger next = new AtomicInteger();
        List<Map<Long, Integer>> perAgent = Concurrently.run(AGENTS, () -> {
            long agent = agents[next.getAndIncrement()];
            Map<Long, Integer> handed = new HashMap<>();
            Long current = earliest(agent);
            int turn = 0;
            while (current != null) {
                handed.merge(current, 1, Integer::sum);
                if (turn++ % 4 == 3) {
                    current = latest(agent, "next", current, null);
                    if (current == null) {
                        current = earliest(agent);
                    }
                } else {
                    // an agent only ever closes the ticket it holds; had another closed it first, it was handed out twice
                    assertEquals(1, close(db, current), "ticket " + current + " was closed by another agent");
                    current = earliest(agent);
                }
            }
            return handed;
        });

        Set<Long> handedOut = new HashSet<>();
        int handOuts = 0;
        for (Map<Long, Integer> handed : perAgent) {
            handedOut.addAll(handed.keySet());
            handOuts += handed.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertEquals(new HashSet<>(tickets), handedOut, "every ticket is handed out");

        // The claim history from the event log: per ticket, a claim only while nobody holds it, a
        // release only by its holder.
        int claims = 0;
        for (long ticketId : tickets) {
            String holder = null;
            for (String entry : claimLog(db, ticketId)) {
                String[] parts = entry.split(":");
                if (parts[0].equals("claimed")) {
                    assertEquals(null, holder, "ticket " + ticketId + " claimed by " + parts[1] + " while " + holder
                            + " held it: " + claimLog(db, ticketId));
                    holder = parts[1];
                    claims++;
                } else {
                    assertEquals(holder, parts[1], "ticket " + ticketId + " released by a non-holder: " + claimLog(db, ticketId));
                    holder = null;
                }
            }
            assertEquals(null, holder, "ticket " + ticketId + " still held: " + claimLog(db, ticketId));
        }
        assertEquals(handOuts, claims, "every hand-out is one claim in the log");
        assertEquals(Collections.nCopies(1, "0"), query(db, "select count(*) from ticket where status = 'open' and ? = any(tag_ids)", tag)
                .stream().map(r -> r[0]).toList(), "every ticket was worked");
        assertTrue(handOuts >= TICKETS);
    }
    /**
     * Two browser tabs of one agent: parallel requests of the same agent are taken one after the other (the agent's
     * lock), so each gives up the claim the one before it took and the agent ends with one ticket. Without the lock
     * two of them would each claim a ticket and the second would break the one-claim-per-agent index (a 409).
     */
    @Test
    void oneAgentsParallelRequestsAreTakenOneAfterTheOther() throws Exception {
        long tag = uniqueId();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tickets.add(ticket(Map.of("tags", List.of(tag))));
        }
        long agent = uniqueId();
        profile(agent, "AT_LEAST_ONE", tag);
        AtomicInteger turn = new AtomicInteger();
        List<List<Integer>> statuses = Concurrently.run(8, () -> {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = turn.getAndIncrement() % 2 == 0 ? "{}"
                        : "{\"preferredDirection\":\"next\",\"ticketId\":" + tickets.get(0) + "}";
                seen.add(getLatest(agent, body).statusCode());
            }
            return seen;
        });
        assertEquals(Collections.nCopies(8, Collections.nCopies(6, 200)), statuses);
        assertEquals(List.of("1"), query(db, "select count(*) from ticket_claim where agent_id = ?", Long.toString(agent))
                .stream().map(r -> r[0]).toList(), "the agent holds one ticket");
        List<Long> heldAtTheEnd = new ArrayList<>();
        for (long ticketId : tickets) {
            String holder = null;
            for (String entry : claimLog(db, ticketId)) {
                String[] parts = entry.split(":");
                assertEquals(parts[0].equals("claimed") ? null : Long.toString(agent), holder, "ticket " + ticketId + ": "
                        + claimLog(db, ticketId));
                holder = parts[0].equals("claimed") ? parts[1] : null;
            }
            if (holder != null) {
                heldAtTheEnd.add(ticketId);
            }
        }
        assertEquals(query(db, "select ticket_id from ticket_claim where agent_id = ?", Long.toString(agent)).stream()
                .map(r -> Long.valueOf(r[0])).toList(), heldAtTheEnd, "the log ends with the one claim the agent holds");
    }
}
