package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mind train} end to end for one service: a training run against the suite's database writes a
 * cache, and the JDK accepts it for a new start of the same jar. The new instance runs with
 * {@code -XX:AOTMode=on}, under which a JVM that cannot use its cache refuses to start (with the default
 * mode it would start without it and say so only in its log).
 */
class TrainedCacheIT {

    /** A unified-logging line of level error with an aot tag, e.g. {@code [0.2s][error  ][aot] ...}. */
    static final Pattern AOT_ERROR = Pattern.compile("\\]\\[error\\s*\\]\\[aot[\\],]");

    @TempDir
    Path dir;

    @Test
    void aTrainingRunWritesACacheTheJdkStartsTheServiceFrom() throws Exception {
        RunningSuite running = RunningSuite.get();
        Suite suite = running.suite();
        // a service with no background work of its own (telephony-svc's routing passes and outbox would run in
        // the training instance beside the suite's)
        String service = "settings-svc";
        Path cache = dir.resolve("trained.aot");
        if (Runtime.version().feature() < 25) {
            // JDK 21-24 have no AOTCacheOutput: the command refuses with a clear message, nothing is written
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> Training.run(suite.config(), System.out));
            assertTrue(refused.getMessage().contains("JDK 25"), refused.getMessage());
            return;
        }
        int requests = Training.train(suite, service, cache);
        assertTrue(requests >= Training.ROUNDS, "requests sent: " + requests);
        assertTrue(Files.size(cache) > 1 << 20, "a cache of " + Files.size(cache) + " bytes");

        List<String> options = new ArrayList<>(Suite.jvmOptions(dir, 25));
        options.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache));
        int port = TestNetwork.freePort();
        suite.startReplica(service, port, options);
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + suite.config().urlHost() + ":" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
        Path log = suite.config().dataDir().resolve("logs/" + service + "-" + port + ".log");
        try (var lines = Files.lines(log)) {
            // warnings may stand (an adapter stub the JDK could not link from the cache, and compiles instead);
            // an error on the cache may not
            assertEquals(List.of(), lines.filter(l -> AOT_ERROR.matcher(l).find()).toList(), "the JDK's errors on the cache");
        }
        try (var lines = Files.lines(log)) {
            // the suite's own start migrated the schema: this start finds both histories complete and leaves
            // Flyway out (mind.common.db.StartupMigrations), as every start of a deployed service does
            assertEquals(List.of("Schema \"settings\": both histories hold every migration on the class path; Flyway not needed"),
                    lines.filter(l -> l.contains("StartupMigrations") || l.contains("DbMigrate"))
                            .map(l -> l.substring(l.indexOf(") ") + 2)).toList(), "what the start said of the schema");
        }
        suite.stop(service + "-" + port);
    }
}
