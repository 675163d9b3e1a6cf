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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./mind train}: records each service's AOT cache from a training run (JDK 25+, JEP 483/514/515).
 * The build's cache ({@code app.aot}) covers a start only up to the end of static initialisation, with no
 * database; a training run starts the service for real against the running suite's database (Flyway,
 * Hibernate, the connection pools, the HTTP server), answers a few rounds of every parameterless GET its
 * OpenAPI document lists, and stops: the JDK then writes a cache with every class that run loaded and the
 * method profiles it gathered. The launcher prefers it while it is newer than the build (see
 * {@link Suite#aotCache}). README "Start-up and memory".
 */
final class Training {

    /** Rounds of each parameterless GET: enough for the request path's classes and first profiles. */
    static final int ROUNDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

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
        String admin = "Bearer " + suite.keys().token(Set.of("admin", "agent", "serviceWorker"), 77L, Duration.ofMinutes(30));
        int requests = exercise(suite.config().urlHost(), port, admin);
        // the JDK writes the cache as the service exits: that takes a while (tens of seconds here)
        suite.stop(name, Duration.ofMinutes(5));
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            throw new IllegalStateException(service + ": the JDK wrote no cache; see "
                    + suite.config().dataDir().resolve("logs/" + name + ".log"));
        }
        return requests;
    }

    /** Calls every parameterless GET of the service's own document {@link #ROUNDS} times; the count of calls. */
    static int exercise(String host, int port, String bearer) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://" + host + ":" + port;
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> paths = parameterlessGets(JSON.readTree(document.body()));
        int calls = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String path : paths) {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                calls++;
            }
            http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
            calls++;
        }
        return calls;
    }

    /** The paths of a document's GETs with no path parameter and no required parameter. */
    static List<String> parameterlessGets(JsonNode document) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode get = path.getValue().get("get");
            if (get == null || path.getKey().contains("{") || get.path("responses").toString().contains("text/event-stream")) {
                continue;
            }
            boolean required = false;
            for (JsonNode parameter : get.path("parameters")) {
                required |= parameter.path("required").asBoolean();
            }
            if (!required) {
                paths.add(path.getKey());
            }
        }
        return paths;
    }
}
