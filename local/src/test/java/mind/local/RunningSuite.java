package mind.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.restassured.RestAssured;

/**
 * The one suite of a failsafe JVM, shared by every end-to-end test class: started by the first
 * class that asks (embedded PostgreSQL, the five service jars, the front door, on free ports),
 * stopped when the JVM exits. Starting it once keeps the end-to-end tests at one start-up.
 */
final class RunningSuite {

    private static RunningSuite instance;
    private static RuntimeException failedStart;

    private final Suite suite;
    private final Suite.Config config;
    private final ExecutorRecorder executor;

    private RunningSuite(Suite suite, Suite.Config config, ExecutorRecorder executor) {
        this.suite = suite;
        this.config = config;
        this.executor = executor;
    }

    static synchronized RunningSuite get() {
        if (failedStart != null) {
            throw failedStart;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (Exception e) {
                failedStart = new IllegalStateException("The suite did not start", e);
                throw failedStart;
            }
        }
        return instance;
    }

    private static RunningSuite start() throws Exception {
        Path root = Path.of(System.getProperty("mind.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("mind-e2e");
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : Suite.CLIENT_NAMES.keySet()) {
            ports.put(service, TestNetwork.freePort());
        }
        Suite.Config config = new Suite.Config(root, data, TestNetwork.freePort(), ports, TestNetwork.freePort(), null,
                Duration.ofSeconds(180), Suite.DEFAULT_BIND);
        Suite suite = new Suite(config, new PrintStream(System.out, true));
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "mind-e2e-stop"));
        // settings-svc runs event hooks on it (EventHooksIT)
        ExecutorRecorder executor = ExecutorRecorder.start();
        suite.environment("settings-svc", Map.of("MIND_SETTINGS_HOOKS_EXECUTOR_URL", executor.url()));
        suite.start();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = suite.frontDoorPort();
        return new RunningSuite(suite, config, executor);
    }

    Suite.Config config() {
        return config;
    }

    /** The executor endpoint settings-svc runs event hooks on: every call it received. */
    ExecutorRecorder executor() {
        return executor;
    }

    int frontDoorPort() {
        return suite.frontDoorPort();
    }

    /** The merged OpenAPI document as the front door serves it. */
    String openApiUrl() {
        return "http://localhost:" + suite.frontDoorPort() + FrontDoor.OPENAPI_PATH + "?format=json";
    }

    /** A bearer token of one of the roles {@code ./mind token} knows (admin, agent, telephony). */
    String bearer(String role) throws IOException {
        return "Bearer " + suite.keys().token(role, null, Duration.ofMinutes(30));
    }

    /** A bearer token of one of the roles {@code ./mind token} knows, for this user. */
    String bearer(String role, long userId) throws IOException {
        return "Bearer " + suite.keys().token(role, userId, Duration.ofMinutes(30));
    }

    /** A service's own address (not through the front door), e.g. {@code http://127.0.0.1:8085}. */
    String serviceUrl(String service) {
        return "http://" + config.urlHost() + ":" + config.servicePorts().get(service);
    }

    /**
     * Starts one more instance of the service on a free port (same database and configuration; the front
     * door keeps routing to the first) and answers its address. It stops with the suite.
     */
    synchronized String startReplica(String service) throws Exception {
        int port = TestNetwork.freePort();
        suite.startReplica(service, port);
        return "http://" + config.urlHost() + ":" + port;
    }

    /** The suite itself, for tests that break parts of it on purpose (kill, freeze, restart the database). */
    Suite suite() {
        return suite;
    }

    /** The suite's PostgreSQL (every service's schema). */
    Suite.Database database() {
        return suite.database();
    }

    /** The key the suite's tokens are signed with, and its public half as PEM text. */
    Keys keys() {
        return suite.keys();
    }

    /** A bearer token whose groups are exactly these. */
    String bearer(Set<String> groups) throws IOException {
        return "Bearer " + suite.keys().token(groups, 77L, Duration.ofMinutes(30));
    }
}
