package mind.local;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The running suite's API as its merged OpenAPI document describes it, for the end-to-end tests that walk
 * every operation ({@link BadInputIT}, {@link CookieOriginIT}): the operations with their schemas and
 * examples resolved, real objects behind path ids (created once per JVM through each documented create),
 * requests through the front door, the one error shape, and a fingerprint of every table of every service,
 * so that a test can show a refused request changed nothing.
 *
 * <p>Opened once per failsafe JVM, like the {@link RunningSuite} it reads.
 */
final class DocumentedApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Tables left out of the fingerprint: the migration histories (never written by a request), ticket_presence, which a
     * GET writes by design (GET /ticket/{id}/ping records who is looking), hook_relay, ticket-svc's relay cursor,
     * which moves on whenever any transaction of the database ends, and hook_outbox, aiagent-svc's events waiting for
     * its relay, which deletes them within a second of an accepted change (that a refused request records none is
     * aiagent-svc's HookOutboxRelayTest).
     */
    static final Set<String> NOT_FINGERPRINTED = Set.of("flyway_schema_history", "mind_common_schema_history",
            "ticket_presence", "hook_relay", "hook_outbox");

    /**
     * Tables fingerprinted by what a request writes, not by what background work changes later: an event hook run is
     * recorded by a request (its hook and event key) and then run, and retried, by settings-svc's runner; a ticket
     * without the dueBy its overdue scan last told (ticket.overdue_notified_due_by), which the scan sets when a dueBy
     * passes, whenever that is.
     */
    static final Map<String, String> FINGERPRINTED_BY = Map.of("event_hook_run", "r.hook_id || '/' || r.event_key",
            "ticket", "(to_jsonb(r) - 'overdue_notified_due_by')::text");

    /**
     * Rows left out of a table's fingerprint: those background work appends on its own time, not a request (ticket-svc's
     * overdue scan appends dueByOverdue when a ticket's dueBy passes).
     */
    static final Map<String, String> FINGERPRINTED_ROWS = Map.of("ticket_event", "r.type <> 'dueByOverdue'");

    static RunningSuite suite;
    static JsonNode document;
    static HttpClient http;
    static String base;
    static Database database;
    static RouteTable routes;
    /** Table name → the newest id in it, for path ids and *Id properties of example bodies. */
    static final Map<String, Long> newestIds = new HashMap<>();

    private DocumentedApi() {
    }

    /** Starts the suite if no test did yet, reads its document and creates the objects behind path ids (once). */
    static synchronized void open() throws Exception {
        if (document != null) {
            newestIds.clear();
            return;
        }
        suite = RunningSuite.get();
        base = "http://localhost:" + suite.frontDoorPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(suite.openApiUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode read = JSON.readTree(doc.body());
        database = new Database(suite.database());
        routes = RouteTable.fromIngress();
        document = read;
        seed();
    }

    /** One request through the front door, with these headers (a JSON body when one is given). */
    static Answer exchange(String method, String path, Map<String, String> headers, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            request.header("Content-Type", "application/json");
            publisher = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        request.method(method.toUpperCase(), publisher);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    // ---------------------------------------------------------------------------------------------
    // The operations of the merged document

    record Operation(String method, String path, JsonNode node) {

        String name() {
            return method.toUpperCase() + " " + path;
        }

        boolean isRead() {
            return method.equals("get");
        }

        private JsonNode security() {
            return node.has("security") ? node.get("security") : document.get("security");
        }

        Set<String> roles() {
            return SecurityRequirements.roles(security());
        }

        boolean isPublic() {
            return SecurityRequirements.isPublic(security());
        }

        JsonNode jsonBody() {
            return node.path("requestBody").path("content").path("application/json");
        }

        boolean hasJsonBody() {
            return !jsonBody().isMissingNode();
        }

        /** The body schema with $ref and allOf resolved (an empty object when none is documented). */
        JsonNode bodySchema() {
            return resolve(jsonBody().path("schema"));
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> parameters = new ArrayList<>();
            for (JsonNode parameter : node.path("parameters")) {
                if (parameter.path("in").asText().equals(in)) {
                    parameters.add(parameter);
                }
            }
            return parameters;
        }

        boolean streams() {
            return node.path("responses").path("200").path("content").has("text/event-stream");
        }

        /** A POST to a collection named like a table (POST /tag, /profile, /aiQualityCheck/testCase): it creates. */
        boolean creates() {
            return method.equals("post") && !path.contains("{") && tableFor(lastSegment(path)) != null;
        }

        /** No path id and not a create: shared configuration or an action; nothing the suite owns. */
        boolean actsOnShared() {
            return !path.contains("{") && !creates();
        }

        String service() {
            return routes.serviceFor(path).orElse("?");
        }
    }

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method, path.getKey(), path.getValue().get(method)));
                }
            }
        }
        return operations;
    }

    static JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return NODES.objectNode();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            if (name.endsWith("JsonNode") || name.endsWith("ObjectNode")) {
                // Jackson's tree types: free-form JSON (an object for ObjectNode), whatever the scanner made of the class
                return name.endsWith("ObjectNode") ? NODES.objectNode().put("type", "object") : NODES.objectNode();
            }
            return resolve(document.path("components").path("schemas").path(name));
        }
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            for (JsonNode part : schema.get("allOf")) {
                JsonNode resolved = resolve(part);
                resolved.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("properties") && !field.getKey().equals("required")) {
                        merged.set(field.getKey(), field.getValue());
                    }
                });
                resolved.path("properties").fields().forEachRemaining(p -> properties.set(p.getKey(), p.getValue()));
                resolved.path("required").forEach(required::add);
            }
            schema.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("allOf")) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            return merged;
        }
        return schema;
    }

    /** The JSON type a schema names, without "null" (3.1 writes nullable as a type list). */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }

    static boolean nullable(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        return schema.path("nullable").asBoolean(false);
    }

    static List<String> enumValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> {
            if (!v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }

    // ---------------------------------------------------------------------------------------------
    // Real objects behind ids

    static String lastSegment(String path) {
        String[] segments = path.split("/");
        return segments[segments.length - 1];
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase();
    }

    /** The table a resource name or an id property names (testRunId → test_run, user-defined-function → ...). */
    static String tableFor(String name) {
        String stem = name.endsWith("Id") && name.length() > 2 ? name.substring(0, name.length() - 2) : name;
        String table = snake(stem);
        return database.tables().stream().filter(t -> t.endsWith("." + table)).findFirst().orElse(null);
    }

    static Long newestId(String name) {
        String table = tableFor(name);
        if (table == null) {
            return null;
        }
        return newestIds.computeIfAbsent(table, database::newestId);
    }

    /** The value for a path parameter: the newest id of the table it names, else an example, else "1". */
    static String realValue(Operation operation, String parameter) {
        String before = null;
        String[] segments = operation.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                before = segments[i - 1];
            }
        }
        Long id = newestId(parameter.equals("id") && before != null ? before : parameter);
        if (id != null) {
            return Long.toString(id);
        }
        for (JsonNode p : operation.parameters("path")) {
            if (p.path("name").asText().equals(parameter)) {
                JsonNode schema = resolve(p.path("schema"));
                if (p.has("example")) {
                    return p.get("example").asText();
                }
                if (!enumValues(schema).isEmpty()) {
                    return enumValues(schema).get(0);
                }
            }
        }
        return "1";
    }

    static boolean pathIdsResolved(Operation operation) {
        for (JsonNode p : operation.parameters("path")) {
            String name = p.path("name").asText();
            String before = null;
            String[] segments = operation.path().split("/");
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].equals("{" + name + "}")) {
                    before = segments[i - 1];
                }
            }
            if (newestId(name.equals("id") && before != null ? before : name) == null) {
                return false;
            }
        }
        return true;
    }

    static String path(Operation operation, Map<String, String> rawOverrides) {
        String path = operation.path();
        for (JsonNode p : operation.parameters("path")) {
            String name = p.path("name").asText();
            String value = rawOverrides.containsKey(name) ? rawOverrides.get(name) : encode(realValue(operation, name));
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The documented example with each *Id property that names a table set to a real id. */
    static JsonNode example(Operation operation) {
        JsonNode example = operation.jsonBody().path("example");
        if (example.isMissingNode()) {
            return NODES.objectNode();
        }
        JsonNode copy = example.deepCopy();
        if (copy instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.endsWith("Id") && object.get(name).isNumber()) {
                    Long id = newestId(name);
                    if (id != null) {
                        object.put(name, id);
                    }
                }
            }
        }
        return copy;
    }

    /**
     * Objects for the ids: each create of the document (a POST to a collection named like a table)
     * with its example, twice, so that creates needing another object (a test case needs a ticket)
     * find it the second time.
     */
    private static void seed() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            for (Operation operation : operations()) {
                if (operation.creates() && operation.hasJsonBody()) {
                    newestIds.clear();
                    Answer answer = exchange(operation.method(), operation.path(), Map.of("Authorization", bearerFor(operation)),
                            JSON.writeValueAsBytes(example(operation)), false);
                    if (!answer.accepted()) {
                        System.out.printf("DocumentedApi: seed pass %d: %s -> %d %s%n", pass + 1, operation.name(), answer.status(),
                                abbreviate(answer.body()));
                    }
                }
            }
        }
        newestIds.clear();
    }

    static String bearerFor(Operation operation) throws IOException {
        Set<String> roles = operation.roles();
        if (roles.isEmpty() || roles.contains("admin")) {
            return suite.bearer("admin");
        }
        return suite.bearer(roles);
    }


    record Answer(int status, String contentType, String body) {
        boolean accepted() {
            return status < 400;
        }
    }

    /**
     * A feature this suite does not configure (Microsoft mailbox authorization, softphone tokens) answers
     * 501 or 503 "..._not_configured" in the error shape by design; that is not a failure of the input.
     */
    static boolean notConfigured(Answer answer) {
        JsonNode error = errorShape(answer);
        return error != null && (answer.status() == 501 || answer.status() == 503)
                && error.path("code").asText().endsWith("_not_configured");
    }

    /** The error body when it has the one shape {"success":false,"error":..,"code":..,"details":[..]}, else null. */
    static JsonNode errorShape(Answer answer) {
        if (!answer.contentType().startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            boolean shaped = body != null && body.path("success").isBoolean() && !body.path("success").asBoolean()
                    && body.path("error").isTextual() && !body.path("error").asText().isBlank()
                    && body.path("code").isTextual() && body.path("details").isArray();
            return shaped ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean names(JsonNode error, String field) {
        for (JsonNode detail : error.path("details")) {
            String named = detail.path("field").asText("");
            if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
                return true;
            }
        }
        return error.path("error").asText().contains(field);
    }

    static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    // ---------------------------------------------------------------------------------------------
    // Every table of every service schema, fingerprinted

    static final class Database implements AutoCloseable {

        private final Connection connection;
        private final List<String> tables = new ArrayList<>();
        private final String fingerprintSql;

        Database(Suite.Database database) throws SQLException {
            connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            select table_schema || '.' || table_name from information_schema.tables
                            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'public')
                            order by 1""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            // count and an order-independent sum of row hashes: cheap enough to read after every request
            fingerprintSql = tables.stream()
                    .filter(t -> !NOT_FINGERPRINTED.contains(t.substring(t.indexOf('.') + 1)))
                    .map(t -> "select '" + t + "', count(*) || ':' || coalesce(sum(hashtextextended("
                            + FINGERPRINTED_BY.getOrDefault(t.substring(t.indexOf('.') + 1), "r::text") + ", 0)), 0) from " + t + " r"
                            + (FINGERPRINTED_ROWS.containsKey(t.substring(t.indexOf('.') + 1))
                                    ? " where " + FINGERPRINTED_ROWS.get(t.substring(t.indexOf('.') + 1)) : ""))
                    .collect(Collectors.joining(" union all "));
        }

        List<String> tables() {
            return tables;
        }

        Long newestId(String table) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select max(id) from " + table)) {
                rows.next();
                long id = rows.getLong(1);
                return rows.wasNull() ? null : id;
            } catch (SQLException noNumericId) {
                return null;
            }
        }

        Map<String, String> fingerprint() throws SQLException {
            Map<String, String> fingerprint = new TreeMap<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(fingerprintSql)) {
                while (rows.next()) {
                    fingerprint.put(rows.getString(1), rows.getString(2));
                }
            }
            return fingerprint;
        }

        /**
         * The fingerprint once it stops changing: an accepted request may leave work behind (an outbox
         * entry delivered, an event recorded by another service) that must not be blamed on the next one.
         */
        Map<String, String> settled() {
            AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(20)).until(() -> {
                Map<String, String> now = fingerprint();
                return now.equals(last.getAndSet(now));
            });
            return last.get();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
