package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every packaged service prepares its OpenAPI document when {@code /q/openapi} is first asked for, on a
 * request's thread, after its start (common's {@code io.quarkus.smallrye.openapi.runtime.LazyOpenApiDocumentService},
 * active in the prod profile only: the QuarkusTests run Quarkus's own service). Read from each service's log:
 * the line the lazy service writes, which Quarkus's own never does, comes after the running instance's "started in",
 * names a thread other than {@code main}, and is written once.
 */
class LazyOpenApiDocumentIT {

    /** LazyOpenApiDocumentService.PREPARED (common's class needs Quarkus on the class path, which local has not). */
    static final String PREPARED = "OpenAPI document prepared on first request";
    /** The console format of every service: {@code HH:mm:ss LEVEL [category] (thread) message}. */
    static final Pattern THREAD = Pattern.compile("^\\S+ +\\S+ +\\[[^\\]]*\\] \\(([^)]*)\\) ");

    @Test
    void eachServicePreparesItsDocumentOnARequestAfterItsStart() throws IOException {
        RunningSuite running = RunningSuite.get();
        for (Map.Entry<String, Integer> service : running.config().servicePorts().entrySet()) {
            given().baseUri("http://127.0.0.1").port(service.getValue()).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200);
            Path log = running.config().dataDir().resolve("logs/" + service.getKey() + ".log");
            // from the running instance's start on
            List<String> lines = sinceLastStart(Files.readAllLines(log));
            assertFalse(lines.isEmpty(), service.getKey() + ": no start line in " + log);
            String prepared = lines.stream().filter(line -> line.contains(PREPARED)).findFirst()
                    .orElseThrow(() -> new AssertionError(service.getKey() + ": no '" + PREPARED
                            + "' line after its start: the document was not prepared by the lazy service"));
            Matcher thread = THREAD.matcher(prepared);
            assertTrue(thread.find(), prepared);
            assertNotEquals("main", thread.group(1), service.getKey() + " prepared it on the start's thread");
            // once: a second request serves what the first prepared
            given().baseUri("http://127.0.0.1").port(service.getValue()).get("/q/openapi").then().statusCode(200);
            assertEquals(1, sinceLastStart(Files.readAllLines(log)).stream().filter(line -> line.contains(PREPARED)).count(),
                    service.getKey() + " prepared its document more than once");
        }
    }

    /** The lines from the last "started in" on; empty when there is none. */
    private static List<String> sinceLastStart(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("started in")) {
                return lines.subList(i, lines.size());
            }
        }
        return List.of();
    }
}
