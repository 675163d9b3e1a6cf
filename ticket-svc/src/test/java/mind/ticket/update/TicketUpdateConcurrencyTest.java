package mind.ticket.update;

import static mind.ticket.update.Tickets.asAdmin;
import static mind.ticket.update.Tickets.asAgent;
import static mind.ticket.update.Tickets.create;
import static mind.ticket.update.Tickets.etag;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;

/**
 * Real parallel PATCHes: one If-Match lets exactly one through; an Idempotency-Key runs a PATCH (single
 * or bulk) once, replays it, refuses another body with 422 and a request still in flight with 409.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketUpdateConcurrencyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void concurrentPatchesWithOneIfMatchLetExactlyOneThrough() throws Exception {
        long id = create();
        String version = etag(id);
        AtomicInteger n = new AtomicInteger();
        List<Response> responses = Concurrently.run(10, () -> asAgent(7).header("If-Match", version)
                .body("{\"additionalData\":{\"writer\":" + n.incrementAndGet() + "}}").patch("/api/mind/ticket/" + id));
        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        for (Response r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 412, r.statusCode() + " " + r.asString());
            if (r.statusCode() == 412) {
                assertEquals("precondition_failed", r.path("code"));
            }
        }
        assertEquals(1, ok, "exactly one PATCH based on version " + version);
        assertEquals(1, changesOf(id, "additionalData.writer"));
    }

    @Test
    void concurrentPatchesWithoutIfMatchAllApplyAndLoseNoTag() throws Exception {
        long id = create();
        AtomicInteger n = new AtomicInteger();
        List<Response> responses = Concurrently.run(10, () -> asAgent(7)
                .body("{\"addTagIds\":[" + (100 + n.incrementAndGet()) + "]}").patch("/api/mind/ticket/" + id));
        responses.forEach(r -> assertEquals(200, r.statusCode(), r.asString()));
        List<Integer> tags = asAdmin().get("/api/mind/ticket/" + id).then().extract().path("tagIds");
        assertEquals(List.of(101, 102, 103, 104, 105, 106, 107, 108, 109, 110), tags);
    }

    @Test
    void idempotencyKeyReplaysASinglePatchAndRefusesAnotherBody() {
        long id = create();
        String key = UUID.randomUUID().toString();
        String first = asAgent(7).header("Idempotency-Key", key).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).extract().header("ETag");
        // someone else changes it back; the replay still answers the first result and writes nothing
        asAgent(8).body("{\"priority\":\"low\"}").patch("/api/mind/ticket/" + id).then().statusCode(200);
        asAgent(7).header("Idempotency-Key", key).body("{ \"priority\" : \"high\" }").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", first)
                .body("ticket.priority", equalTo("high"));
        asAdmin().get("/api/mind/ticket/" + id).then().body("priority", equalTo("low"));
        asAgent(7).header("Idempotency-Key", key).body("{\"priority\":\"urgent\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void parallelSinglePatchesWithOneKeyRunOnce() throws Exception {
        long id = create();
        String version = etag(id);
        String key = UUID.randomUUID().toString();
        // with one If-Match a second run would be a 412: every answer is the one run's or a 409
        List<Response> responses = Concurrently.run(10, () -> asAgent(7).header("Idempotency-Key", key)
                .header("If-Match", version).body("{\"priority\":\"urgent\"}").patch("/api/mind/ticket/" + id));
        assertOneRun(responses);
        assertEquals(1, changesOf(id, "priority"));
    }

    @Test
    void parallelBulkPatchesWithOneKeyRunOnce() throws Exception {
        long a = create();
        long b = create();
        String key = UUID.randomUUID().toString();
        String body = "[{\"id\":" + a + ",\"addTagIds\":[7]},{\"id\":" + b + ",\"addTagIds\":[7]}]";
        List<Response> responses = Concurrently.run(10, () -> asAgent(7).header("Idempotency-Key", key).body(body)
                .patch("/api/mind/ticket"));
        assertOneRun(responses);
        assertEquals(1, eventsOf(a, "tagsChanged"));
        assertEquals(1, eventsOf(b, "tagsChanged"));
        asAgent(7).header("Idempotency-Key", key).body(body).patch("/api/mind/ticket")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("success", is(true));
        asAgent(7).header("Idempotency-Key", key).body("[{\"id\":" + a + ",\"addTagIds\":[8]}]").patch("/api/mind/ticket")
                .then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
    }

    /**
     * A request still running under a key makes a second one with that key a 409: the first is held
     * on the ticket's row lock, which the test holds, while the second arrives.
     */
    @Test
    void aKeyStillInFlightIs409ForSingleAndBulk() throws Exception {
        long id = create();
        String singleKey = UUID.randomUUID().toString();
        String bulkKey = UUID.randomUUID().toString();
        String bulkBody = "[{\"id\":" + id + ",\"priority\":\"medium\"}]";
        CompletableFuture<Response> single;
        CompletableFuture<Response> bulk;
        // threads of its own: the common pool may have a single thread on a two-core machine
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select id from ticket where id = ? for update")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            single = CompletableFuture.supplyAsync(() -> asAgent(7).header("Idempotency-Key", singleKey)
                    .body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id), clients);
            awaitWaitingForLocks(1);
            asAgent(7).header("Idempotency-Key", singleKey).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id)
                    .then().statusCode(409).body("code", equalTo("idempotency_key_in_flight"));

            bulk = CompletableFuture.supplyAsync(() -> asAgent(7).header("Idempotency-Key", bulkKey).body(bulkBody)
                    .patch("/api/mind/ticket"), clients);
            awaitWaitingForLocks(2);
            asAgent(7).header("Idempotency-Key", bulkKey).body(bulkBody).patch("/api/mind/ticket")
                    .then().statusCode(409).body("code", equalTo("idempotency_key_in_flight"));
            c.rollback();
        } finally {
            clients.shutdown();
        }
        assertEquals(200, single.get().statusCode(), single.get().asString());
        assertEquals(200, bulk.get().statusCode(), bulk.get().asString());
        asAgent(7).header("Idempotency-Key", singleKey).body("{\"priority\":\"high\"}").patch("/api/mind/ticket/" + id)
                .then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    private void awaitWaitingForLocks(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%ticket%'");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) >= n;
            }
        });
    }

    private static void assertOneRun(List<Response> responses) {
        int ran = 0;
        for (Response r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
            if (r.statusCode() == 409) {
                assertEquals("idempotency_key_in_flight", r.path("code"));
            } else if (!"true".equals(r.header("Idempotent-Replayed"))) {
                ran++;
            }
        }
        assertEquals(1, ran, "one request ran, the others were replayed or in flight");
    }

    private long changesOf(long id, String field) throws Exception {
        return count("select count(*) from ticket_event where ticket_id = ? and type = 'fieldChanged' and data->>'field' = ?",
                id, field);
    }

    private long eventsOf(long id, String type) throws Exception {
        return count("select count(*) from ticket_event where ticket_id = ? and type = ?", id, type);
    }

    private long count(String sql, long id, String text) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setString(2, text);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
