package mind.telephony.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.telephony.api.TicketServiceStub.InjectTicketService;
import mind.telephony.repository.QueueEntryRepository;

/**
 * ticket-svc answers, but slowly: calls waiting for it must not hold database connections, or a
 * few dozen of them would empty the pool (5 connections in tests) and fail with acquisition timeouts.
 */
@QuarkusTest
@TestProfile(SlowTicketServiceTest.PatientGateway.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(TicketServiceStub.class)
class SlowTicketServiceTest {

    static final int CALLS = 30;
    static final int DELAY_MILLIS = 1500;

    /**
     * Waits for ticket-svc far longer than its delay here (the other tests cut it off at 2.5 s), so that no call
     * of 30 in parallel on a busy machine runs out of time.
     */
    public static class PatientGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String timeout = "quarkus.fault-tolerance.\"mind.telephony.client.TicketGateway/create\".timeout.value";
            return Map.of(timeout, "10000", "%test." + timeout, "10000",
                    "quarkus.rest-client.ticket.read-timeout", "12000", "%test.quarkus.rest-client.ticket.read-timeout", "12000");
        }
    }

    @InjectTicketService
    WireMockServer ticketSvc;

    @Inject
    QueueEntryRepository queue;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @Test
    void manyCallsWaitingForASlowTicketSvcAllSucceed() throws Exception {
        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                .willReturn(okJson(TelephonyResourceTest.ticket(1000, null, null)).withFixedDelay(DELAY_MILLIS)));
        // one request alone first, so that 30 threads do not all meet rest-assured's lazy initialization
        given().contentType(ContentType.JSON).body("{}").post(TelephonyResourceTest.PATH).then().statusCode(401);
        String prefix = "slow_" + UUID.randomUUID() + "_";
        AtomicInteger next = new AtomicInteger();

        // Counts the calls that are waiting for ticket-svc at once (claimed, ticket not in yet).
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong mostWaiting = new AtomicLong();
        // its own thread: the common pool may have a single one, which rest-assured's first use needs
        ExecutorService watcherThread = Executors.newSingleThreadExecutor();
        Future<?> watcher = watcherThread.submit(() -> {
            while (!done.get()) {
                long waiting = QuarkusTransaction.requiringNew().call(
                        () -> queue.count("ticketId is null and channelId like ?1", prefix + "%"));
                mostWaiting.accumulateAndGet(waiting, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        List<Response> responses;
        try {
            responses = Concurrently.run(CALLS, () -> given().header("Authorization", TestTokens.serviceWorker())
                    .contentType(ContentType.JSON)
                    .body("{\"channelId\":\"" + prefix + next.getAndIncrement() + "\"}")
                    .post(TelephonyResourceTest.PATH));
        } finally {
            done.set(true);
            watcher.get();
            watcherThread.shutdown();
        }

        Set<Integer> queueIds = new HashSet<>();
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(1000, (Integer) r.path("ticketId"));
            queueIds.add(r.path("queueId"));
        }
        assertEquals(CALLS, queueIds.size(), "one queue entry per call");
        ticketSvc.verify(CALLS, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
        assertEquals(CALLS, (long) QuarkusTransaction.requiringNew().call(
                () -> queue.count("ticketId = 1000 and claimedAt is null and channelId like ?1", prefix + "%")));
        assertTrue(mostWaiting.get() > poolSize, "more calls waited for ticket-svc at once (" + mostWaiting.get()
                + ") than the pool has connections (" + poolSize + ")");
    }

    @Test
    void idempotencyKeysHoldNoConnectionWhileTicketSvcIsSlow() throws Exception {
        ticketSvc.resetAll();
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                .willReturn(okJson(TelephonyResourceTest.ticket(2000, null, null)).withFixedDelay(DELAY_MILLIS)));
        given().contentType(ContentType.JSON).body("{}").post(TelephonyResourceTest.PATH).then().statusCode(401);
        String run = UUID.randomUUID().toString();
        AtomicInteger next = new AtomicInteger();

        List<Response> responses = Concurrently.run(CALLS, () -> given().header("Authorization", TestTokens.serviceWorker())
                .header("Idempotency-Key", run + "-" + next.getAndIncrement())
                .contentType(ContentType.JSON).body("{\"callerName\":\"no channel id\"}")
                .post(TelephonyResourceTest.PATH));

        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
        }
        ticketSvc.verify(CALLS, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
    }

    @Test
    void aKeyInFlightIs409ThenReplaysTheFirstAnswer() throws Exception {
        ticketSvc.resetAll();
        // long enough for the second request to arrive while the first still waits, on a busy machine too
        ticketSvc.stubFor(post(urlPathEqualTo("/api/mind/ticket"))
                .willReturn(okJson(TelephonyResourceTest.ticket(3000, null, null)).withFixedDelay(3 * DELAY_MILLIS)));
        String key = UUID.randomUUID().toString();
        java.util.concurrent.Callable<Response> call = () -> given().header("Authorization", TestTokens.serviceWorker())
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"callerName\":\"once\"}")
                .post(TelephonyResourceTest.PATH);
        given().contentType(ContentType.JSON).body("{}").post(TelephonyResourceTest.PATH).then().statusCode(401);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Response> firstAnswer = first.submit(call);
            // the first request is waiting for ticket-svc, its key claimed (the claim comes before the call),
            // before the second is sent; the first request of a fresh service may take a while to get there
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (ticketSvc.findAll(postRequestedFor(urlPathEqualTo("/api/mind/ticket"))).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the first request never reached ticket-svc");
                Thread.sleep(20);
            }
            Response second = call.call();
            assertEquals(409, second.statusCode(), second.asString());
            assertEquals("idempotency_key_in_flight", second.path("code"));
            assertEquals(200, firstAnswer.get().statusCode(), firstAnswer.get().asString());

            Response third = call.call();
            assertEquals(200, third.statusCode(), third.asString());
            assertEquals("true", third.header("Idempotent-Replayed"));
            assertEquals((Integer) firstAnswer.get().path("queueId"), (Integer) third.path("queueId"));
        } finally {
            first.shutdown();
        }
        ticketSvc.verify(1, postRequestedFor(urlPathEqualTo("/api/mind/ticket")));
    }
}
