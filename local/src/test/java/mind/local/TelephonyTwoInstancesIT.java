package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void nativeRoutingOnBothInstancesGivesEachAgentOneCallAtATime() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long subchannel = ThreadLocalRandom.current().nextLong(100_000, 1_000_000);
        String admin = suite.bearer("admin");
        long skill = JsonPath.from(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Routing " + run + "\",\"type\":\"skill\"}").post("/api/mind/tag").then().statusCode(200)
                .extract().asString()).getLong("id");
        // waiting native calls other tests left behind would compete for the agents: declined first (a
        // maximum wait of 0 s declines every waiting call on the next routing pass of either instance; only while
        // the ACD is enabled, as no call is declined while it is off; the new agents do not exist yet)
        settings(admin, "{\"acdEnabled\":true,\"acdMaxWaitSeconds\":0}");
        String probe = "probe_" + run;
        ok(post(a, "callReceived", "{\"channelId\":\"%s\",\"routing\":\"native\"}".formatted(probe)));
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> "declined".equals(routing(a, probe).getString("status")));
        try {
            List<Long> agents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                agents.add(JsonPath.from(given().header("Authorization", admin).contentType(ContentType.JSON).body("""
                        {"email":"router-%s-%d@example.com","firstName":"Router","lastName":"%d",
                         "settings":{"role":"agent","skills":[%d],"status":"available","callRoutingStatus":"idle"}}"""
                        .formatted(run, i, i, skill)).post("/api/mind/profile").then().statusCode(200).extract().asString())
                        .getLong("id"));
            }
            settings(admin, """
                    {"acdEnabled":true,"acdMaxWaitSeconds":600,"acdWrapUpSeconds":0,"acdRingTimeoutSeconds":300,
                     "acdQueues":[{"name":"Routing %s","skills":[%d],"subchannelIds":[%d]}]}""".formatted(run, skill, subchannel));
            // both instances read the new ACD values (their cache lasts 1 s in these tests): the queue's maximum wait,
            // as the ACD was enabled already for the probe
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> readsAcdMaxWait(a, 600) && readsAcdMaxWait(b, 600));

            // eight calls for the queue, split between the instances, each polled on both while both run their passes
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add("route_" + run + "_" + i);
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < calls.size(); i++) {
                    String channelId = calls.get(i);
                    String receiver = i % 2 == 0 ? a : b;
                    done.add(pool.submit(() -> {
                        ok(post(receiver, "callReceived", "{\"channelId\":\"%s\",\"routing\":\"native\",\"subchannelId\":%d}"
                                .formatted(channelId, subchannel)));
                        routing(a, channelId);
                        routing(b, channelId);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            List<Long> assigned = awaitAssigned(calls, agents, 3);
            assertEquals(3, new HashSet<>(assigned).size(), "one call per agent: " + assigned);
            for (long agent : agents) {
                assertEquals("reserved", JsonPath.from(given().header("Authorization", admin).get("/api/mind/profile/" + agent)
                        .then().statusCode(200).extract().asString()).getString("settings.callRoutingStatus"), "agent " + agent);
            }

            // the three calls are answered and end; each agent is free at once (no wrap-up) and gets one next call
            List<String> first = calls.stream().filter(c -> routing(a, c).get("assignedUserId") != null).toList();
            for (int i = 0; i < first.size(); i++) {
                String channelId = first.get(i);
                long agent = routing(b, channelId).getLong("assignedUserId");
                ok(post(i % 2 == 0 ? a : b, "agentConnected", "{\"userId\":%d,\"channelId\":\"%s\"}".formatted(agent, channelId)));
                ok(post(i % 2 == 0 ? b : a, "callCompleted", "{\"channelId\":\"%s\",\"totalDurationSeconds\":30}".formatted(channelId)));
            }
            List<String> rest = calls.stream().filter(c -> !first.contains(c)).toList();
            List<Long> next = awaitAssigned(rest, agents, 3);
            assertEquals(3, new HashSet<>(next).size(), "one call per agent again: " + next);
        } finally {
            settings(admin, "{\"acdEnabled\":false,\"acdMaxWaitSeconds\":600,\"acdWrapUpSeconds\":30,\"acdRingTimeoutSeconds\":20,\"acdQueues\":[]}");
        }
    }

    /** Waits until {@code count} of the calls hold an agent (read on alternating instances); answers their agents. */
    private static List<Long> awaitAssigned(List<String> calls, List<Long> agents, int count) {
        List<Long> assigned = new ArrayList<>();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assigned.clear();
            for (int i = 0; i < calls.size(); i++) {
                JsonPath entry = routing(i % 2 == 0 ? a : b, calls.get(i));
                if (entry.get("assignedUserId") != null) {
                    assertEquals("assigned", entry.getString("status"), calls.get(i));
                    assigned.add(entry.getLong("assignedUserId"));
                }
            }
            assertTrue(agents.containsAll(assigned), "only the queue's agents: " + assigned);
            // never more calls than agents at any moment
            assertTrue(new HashSet<>(assigned).size() == assigned.size(), "an agent holds two calls: " + assigned);
            assertEquals(count, assigned.size(), "calls routed: " + assigned);
        });
        return assigned;
    }

    private static void settings(String admin, String values) {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(values).post("/api/mind/settings")
                .then().statusCode(200);
    }

    /** Whether the instance has read {@code acdEnabled: true} (GET acd/config answers from the values it routes with). */
    private static boolean readsAcdMaxWait(String instance, int seconds) throws Exception {
        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/api/mind/telephony/acd/config"))
                .header("Authorization", suite.bearer("admin")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonPath read = config.statusCode() == 200 ? JsonPath.from(config.body()) : null;
        return read != null && read.getBoolean("enabled") && read.getInt("maxWaitSeconds") == seconds;
    }

    private static JsonPath routing(String instance, String channelId) {
        try {
            return ok(HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/api/mind/telephony/getRouting?channelId=" + channelId))
                    .header("Authorization", suite.bearer("telephony")).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
