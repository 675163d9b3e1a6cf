package mind.ticket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * A chunked body (no Content-Length) is held to quarkus.http.limits.max-body-size like any other: over
 * it, 413 in the error shape (common's BodyLimit); under it, the request is served as usual.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class ChunkedBodyLimitTest {

    @TestHTTPResource("/api/mind/ticket")
    URL tickets;

    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tickets.toString()))
                .header("Authorization", TestTokens.agent(7))
                .header("Content-Type", "application/json")
                // a stream of unknown length: sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overTheLimitIs413InTheErrorShape() throws Exception {
        HttpResponse<String> response = postChunked("{\"channel\":\"email\",\"body\":\"" + "x".repeat(1_200_000) + "\"}");
        assertEquals(413, response.statusCode());
        JsonNode error = new ObjectMapper().readTree(response.body());
        assertEquals("payload_too_large", error.path("code").asText());
        assertEquals(false, error.path("success").asBoolean(true));
        assertTrue(error.path("details").isArray());
    }

    @Test
    void underTheLimitIsServed() throws Exception {
        HttpResponse<String> response = postChunked("{\"channel\":\"email\",\"subject\":\"sent chunked\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("sent chunked", new ObjectMapper().readTree(response.body()).path("subject").asText());
    }
}
