package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The services' stored documents ({@code <svc>/target/openapi/openapi.json}, written by each service's
 * build) say what common's OpenAPI filter and the answer records promise: a PATCH body requires nothing
 * while the same kind of record as a POST body keeps its required fields, an ObjectNode is an object,
 * answer fields the code leaves null admit null, and the agent event stream is text, not a JSON array.
 * Skipped where the services have not been built.
 */
class ServiceDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("ticket-svc", "aiagent-svc", "qualitycheck-svc", "settings-svc",
            "telephony-svc");

    private static JsonNode document(String service) throws IOException {
        Path file = KubernetesManifestsTest.ROOT.resolve(service).resolve("target/openapi/openapi.json");
        assumeTrue(Files.isRegularFile(file), file + " is missing: build the services first (./mvnw package -DskipTests)");
        return JSON.readTree(file.toFile());
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : document.at(ref.substring(1));
    }

    @Test
    void patchBodiesRequireNothing() throws IOException {
        List<String> requiring = new ArrayList<>();
        int bodies = 0;
        for (String service : SERVICES) {
            JsonNode document = document(service);
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (JsonNode media : path.getValue().path("patch").path("requestBody").path("content")) {
                    bodies++;
                    JsonNode body = resolve(document, media.path("schema"));
                    if (body.has("required")) {
                        requiring.add(service + " PATCH " + path.getKey() + " " + body.get("required"));
                    }
                    for (JsonNode property : body.path("properties")) {
                        JsonNode nested = resolve(document, property);
                        if (property.has("$ref") && nested.has("required") && nested.path("properties").size() > 0) {
                            requiring.add(service + " PATCH " + path.getKey() + " nested " + property.get("$ref"));
                        }
                    }
                }
            }
        }
        assertTrue(bodies >= 8, "PATCH bodies found: " + bodies);
        assertTrue(requiring.isEmpty(), "PATCH bodies that require fields: " + requiring);
        // the same kind of record elsewhere keeps what it requires
        assertEquals("[\"channel\",\"name\"]", document("settings-svc").at("/components/schemas/SubchannelRequest/required").toString());
        assertEquals("[\"ticketId\",\"aiAgentId\"]", document("qualitycheck-svc").at("/components/schemas/Create/required").toString());
    }

    @Test
    void anObjectNodeIsAnObject() throws IOException {
        JsonNode document = document("qualitycheck-svc");
        JsonNode expected = resolve(document, document.at("/components/schemas/Update/properties/expectedResult"));
        assertEquals("object", expected.path("type").asText(), expected.toString());
        JsonNode body = resolve(document, document.at("/components/schemas/ExpectedResult/properties/expectedResult"));
        assertEquals("object", body.path("type").asText(), body.toString());
    }

    @Test
    void answerFieldsTheCodeLeavesNullAdmitNull() throws IOException {
        assertAdmitsNull("aiagent-svc", "PreviewResponse", "error");
        assertAdmitsNull("qualitycheck-svc", "TestRunView", "endDate");
        assertAdmitsNull("qualitycheck-svc", "TestTicketView", "error");
        assertAdmitsNull("qualitycheck-svc", "Agent", "lastTestRun");
        assertAdmitsNull("ticket-svc", "TicketStatsAgentCount", "agentId");
        assertAdmitsNull("ticket-svc", "TicketView", "closedAt");
        assertAdmitsNull("telephony-svc", "CallReceivedResponse", "ticketId");
    }

    private static void assertAdmitsNull(String service, String schema, String property) throws IOException {
        JsonNode node = document(service).at("/components/schemas/" + schema + "/properties/" + property);
        assertFalse(node.isMissingNode(), service + " " + schema + "." + property + " is documented");
        assertTrue(node.toString().contains("\"null\""), service + " " + schema + "." + property + " admits null: " + node);
    }

    @Test
    void theAgentEventStreamIsTextNotAJsonArray() throws IOException {
        JsonNode ok = document("telephony-svc").at("/paths/~1api~1mind~1telephony~1events/get/responses/200");
        JsonNode stream = ok.path("content").path("text/event-stream");
        assertNotNull(stream.get("schema"), ok.toString());
        assertEquals("string", stream.path("schema").path("type").asText(), ok.toString());
        assertFalse(ok.toString().contains("\"array\""), ok.toString());
        assertTrue(ok.path("description").asText().contains("openTicket"), ok.toString());
        assertTrue(ok.path("description").asText().contains("Last-Event-ID"), ok.toString());
    }
}
