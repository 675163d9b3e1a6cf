package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Two telephony-svc instances on one database, with the real ticket-svc and settings-svc: what a phone
 * system sees when its requests land on different replicas. Instance A is the suite's telephony-svc,
 * instance B a second one started on its own port; both are called directly, as a load balancer would.
 */
class TelephonyTwoInstancesIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RunningSuite suite;
    static String a;
    static String b;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        suite = RunningSuite.get();
        a = suite.serviceUrl("telephony-svc");
        b = suite.startReplica("telephony-svc");
    }

    private static HttpResponse<String> post(String instance, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/api/mind/telephony/" + path))
                .header("Authorization", suite.bearer("telephony")).header("Content-Type", "application/json")
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonPath ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return JsonPath.from(response.body());
    }

    @Test
    void aBurstOfCallsSplitBetweenTwoInstancesCreatesEachTicketOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            channels.add("burst_" + run + "_" + i);
        }
        // every call reaches both instances at the same moment: a phone system retrying on another replica
        List<Future<HttpResponse<String>>> viaA = new ArrayList<>();
        List<Future<HttpResponse<String>>> viaB = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String channelId : channels) {
                String body = """
                        {"channelId":"%s","phone":"+4930123456","callerName":"Burst Caller","routing":"native"}"""
                        .formatted(channelId);
                viaA.add(pool.submit(() -> post(a, "callReceived", body)));
                viaB.add(pool.submit(() -> post(b, "callReceived", body)));
            }
            for (int i = 0; i < channels.size(); i++) {
                JsonPath first = ok(viaA.get(i).get(60, TimeUnit.SECONDS));
                JsonPath second = ok(viaB.get(i).get(60, TimeUnit.SECONDS));
                assertEquals(first.getLong("queueId"), second.getLong("queueId"), channels.get(i) + ": one queue entry");
                if (first.get("ticketId") != null && second.get("ticketId") != null) {
                    assertEquals(first.getLong("ticketId"), second.getLong("ticketId"), channels.get(i) + ": one ticket");
                }
            }
        }
        // A call whose ticket-svc request timed out on this loaded machine was kept without ticket (ticketId
        // null) and gets it from the outbox of either instance. In the end ticket-svc holds exactly one
        // ticket per call, and each call's queue entry, read on either instance, names that ticket.
        String search = "{\"filters\":[{\"key\":\"t.channelId\",\"values\":[%s]}],\"limit\":100}".formatted(
                channels.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")));
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath found = JsonPath.from(given().header("Authorization", suite.bearer("admin")).contentType(ContentType.JSON)
                    .body(search).post("/api/mind/ticket/search").then().statusCode(200).extract().asString());
            assertEquals(channels.size(), found.getInt("total"), "one ticket per call");
            List<String> foundChannels = found.getList("tickets.channelId", String.class);
            assertEquals(Set.copyOf(channels), Set.copyOf(foundChannels));
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < foundChannels.size(); i++) {
                String channelId = foundChannels.get(i);
                long ticketId = found.getLong("tickets[" + i + "].id");
                ids.add(ticketId);
                String instance = i % 2 == 0 ? a : b;
                JsonPath entry = ok(HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/api/mind/telephony/getRouting?channelId="
                        + channelId)).header("Authorization", suite.bearer("telephony")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
                assertEquals(ticketId, entry.getLong("ticketId"), channelId + ": the queue entry names its ticket");
            }
            assertEquals(channels.size(), ids.size());
        });
    }

    @Test
    void anAgentWhoseStreamIsOnOneInstanceIsRedirectedWhenTheCallIsConnectedOnTheOther() throws Exception {
        redirectAcross(a, b);
        redirectAcross(b, a);
    }

    /** The agent's browser holds its stream on {@code streamOn}; the phone system reports the call to {@code callsTo}. */
    private static void redirectAcross(String streamOn, String callsTo) throws Exception {
        long agentId = ThreadLocalRandom.current().nextLong(100_000, 1_000_000);
        try (EventStream stream = EventStream.open(streamOn + "/api/mind/telephony/events", suite.bearer("agent", agentId))) {
            JsonPath hello = stream.nextData(WAIT);
            assertEquals("connected", hello.getString("type"));
            String channelId = "redirect_" + UUID.randomUUID();
            // null when ticket-svc timed out on this loaded machine: the outbox makes the ticket, and the redirect follows it
            Object ticketId = ok(post(callsTo, "callReceived", """
                    {"channelId":"%s","phone":"+4930987654","routing":"external"}""".formatted(channelId))).get("ticketId");
            ok(post(callsTo, "agentConnected", """
                    {"userId":%d,"channelId":"%s"}""".formatted(agentId, channelId)));

            JsonPath open = stream.nextData(WAIT);
            assertEquals("openTicket", open.getString("type"), open.prettify());
            assertNotNull(open.get("ticketId"));
            if (ticketId != null) {
                assertEquals(((Number) ticketId).longValue(), open.getLong("ticketId"));
            }
            assertEquals(channelId, open.getString("channelId"));
        }
    }

    /** A Server-Sent Events client over java.net.http: messages' data, comments skipped, each wait bounded. */
    static final class EventStream implements AutoCloseable {

        private static final String END = "\u0000end";
        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread.ofVirtual().start(() -> {
                try (Stream<String> body = response.body()) {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // closed by close()
                } finally {
                    lines.add(END);
                }
            });
        }

        static EventStream open(String url, String bearer) throws Exception {
            HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", bearer).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            return new EventStream(response);
        }

        /** The data of the next message. */
        JsonPath nextData(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            StringBuilder data = null;
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(line, "no message within " + timeout);
                assertNotEquals(END, line, "the stream ended");
                if (line.isEmpty() && data != null) {
                    return JsonPath.from(data.toString());
                }
                if (line.startsWith("data:")) {
                    String part = line.substring(5).stripLeading();
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
