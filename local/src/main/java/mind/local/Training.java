package mind.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./mind train}: records each service's AOT cache from a training run (JDK 25+, JEP 483/514/515).
 * The build's cache ({@code app.aot}) covers a start only up to the end of static initialisation, with no
 * database; a training run starts the service for real against the running suite's database (Flyway,
 * Hibernate, the connection pools, the HTTP server, OIDC), answers the health probes a few times, and stops:
 * the JDK then writes a cache with every class that start loaded and the method profiles it gathered. The
 * launcher prefers it while it is newer than the build (see {@link Suite#aotCache}). README "Start-up and
 * memory".
 */
final class Training {

    /** Rounds of the start's probes. */
    static final int ROUNDS = 20;

    /** The probes an orchestrator sends a starting service. */
    static final List<String> PROBES = List.of("/q/health/ready", "/q/health/live");

    private Training() {
    }

    static void run(Suite.Config config, PrintStream out) throws Exception {
        int feature = Runtime.version().feature();
        if (feature < 25) {
            throw new IllegalStateException("a trained AOT cache needs JDK 25 or newer; this launcher runs on " + feature);
        }
        try (Suite attached = new Suite(config, new PrintStream(OutputStream.nullOutputStream())).attach()) {
            for (String service : Suite.CLIENT_NAMES.keySet()) {
                long started = System.nanoTime();
                Path app = attached.appDir(service);
                Path part = app.resolve(Suite.TRAINED_CACHE + ".part");
                int requests = train(attached, service, part);
                Path cache = app.resolve(Suite.TRAINED_CACHE);
                Files.move(part, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.printf(Locale.ROOT, "trained %s: %d requests, %s (%d MB) in %.0f s%n", service, requests, cache,
                        Files.size(cache) >> 20, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /**
     * One training run: starts the service against the suite's database with the JDK told to write its
     * cache to {@code output}, exercises it, stops it and waits for the cache. Answers the requests sent.
     */
    static int train(Suite suite, String service, Path output) throws Exception {
        Files.deleteIfExists(output);
        int port = Suite.freePort();
        String name = service + "-" + port;
        suite.startReplica(service, port, Suite.trainingJvmOptions(output));
        int requests = exercise(suite.config().urlHost(), port);
        // the JDK writes the cache as the service exits: that takes a while (tens of seconds here)
        suite.stop(name, Duration.ofMinutes(5));
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            throw new IllegalStateException(service + ": the JDK wrote no cache; see "
                    + suite.config().dataDir().resolve("logs/" + name + ".log"));
        }
        return requests;
    }

    /**
     * What a start is asked while it happens, {@link #ROUNDS} times: the {@link #PROBES}. Nothing else: the cache
     * then holds what a start needs and no more. Classes that only requests load (the OpenAPI document, each endpoint's serialisers) would be loaded
     * and linked at every start from the cache, and their method profiles would have the JIT compile request-path
     * code at once, on the two cores the start itself runs on (a start here is bound by CPU: 3.5 s of it in 2 s,
     * half of it the JIT's). The cache of ticket-svc is 111 MB instead of 127; bench/RESULTS.md 2026-12-05 has
     * the starts measured from both. A request then loads its classes from the jar the first time, as without a
     * cache. Answers the count of calls.
     */
    static int exercise(String host, int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://" + host + ":" + port;
        int calls = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String probe : PROBES) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + probe))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(probe + " answered " + answer.statusCode() + " in a training run");
                }
                calls++;
            }
        }
        return calls;
    }
}
