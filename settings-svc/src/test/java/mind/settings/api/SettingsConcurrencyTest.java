package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** Parallel POST /settings of the same settings: one request wins entirely, never a mix; no write is lost. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SettingsConcurrencyTest {

    static final String PATH = "/api/mind/settings";

    @Test
    void parallelPostsOfTheSameSettingsNeverMix() throws Exception {
        List<String> names = List.of("acdWrapUpSeconds", "acdMaxWaitSeconds", "immediateAiAgents");
        Map<String, Long> before = new java.util.HashMap<>();
        for (String name : names) {
            before.put(name, version(name));
        }
        AtomicInteger next = new AtomicInteger(100);
        List<Response> responses = Concurrently.run(12, () -> {
            int n = next.incrementAndGet();
            // the keys in different orders, so that a writer locking in body order could deadlock
            String body = n % 2 == 0
                    ? "{\"acdWrapUpSeconds\":" + n + ",\"acdMaxWaitSeconds\":" + n + ",\"immediateAiAgents\":[" + n + "]}"
                    : "{\"immediateAiAgents\":[" + n + "],\"acdMaxWaitSeconds\":" + n + ",\"acdWrapUpSeconds\":" + n + "}";
            return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body(body).post(PATH);
        });
        for (Response r : responses) {
            assertEquals(200, r.statusCode(), r.asString());
        }
        Map<String, Object> values = given().header("Authorization", TestTokens.admin()).get(PATH + "/compact").as(Map.class);
        Object winner = values.get("acdWrapUpSeconds");
        assertEquals(winner, values.get("acdMaxWaitSeconds"), values.toString());
        assertEquals(List.of(winner), values.get("immediateAiAgents"), values.toString());

        // every write counted: each setting's version went up once per request
        for (String name : names) {
            assertEquals(before.get(name) + 12, version(name), name);
        }
    }

    private static long version(String name) {
        String etag = given().header("Authorization", TestTokens.admin()).queryParam("filterByName", name).get(PATH).header("ETag");
        return Long.parseLong(etag.replace("\"", ""));
    }

    @Test
    void parallelPutsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String etag = given().header("Authorization", TestTokens.admin()).queryParam("filterByName", "acdRingTimeoutSeconds")
                .get(PATH).header("ETag");
        AtomicInteger next = new AtomicInteger(30);
        List<Integer> statuses = Concurrently.run(8, () -> given().header("Authorization", TestTokens.admin())
                .header("If-Match", etag).contentType(ContentType.JSON).body(Integer.toString(next.incrementAndGet()))
                .put(PATH + "/acdRingTimeoutSeconds").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    }
}
