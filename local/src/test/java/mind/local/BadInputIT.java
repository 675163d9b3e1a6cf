package mind.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.jwt.build.Jwt;
import mind.common.testing.JwtMinter;

/**
 * Bad input against every operation of the merged OpenAPI document, through the front door, so that a
 * new endpoint is covered the moment it is documented. {@link ContractIT} covers no token, a token
 * without the roles and malformed JSON; this suite sends, with a token the operation admits:
 * <ul>
 * <li>per top-level property of the JSON body (schema resolved through $ref and allOf, starting from the
 * documented example): a value of the wrong JSON type, null, a huge string, a huge array, an unknown
 * enum value; for the whole body: 5,000 nested arrays and objects, an array where an object belongs
 * (and the reverse), a body over the server's limit (with Content-Length, and chunked once per
 * service);</li>
 * <li>per path and query parameter: SQL injection, path traversal, non-numbers, a number beyond any
 * integer type, negative limits and offsets, unknown enum and boolean values;</li>
 * <li>forged tokens: expired, not yet valid, another issuer, another audience, another key,
 * {@code alg: none}, HS256 keyed with the public key, garbage.</li>
 * </ul>
 * It asserts: never a 5xx; every 4xx in the one error shape; a 400 about a body property or parameter
 * names it (in {@code details[].field} or the message) where the service can know it is the problem;
 * what the document bounds ({@code maxLength}, {@code maxItems}, {@code enum}, {@code required}) is
 * refused; and no request that was refused changed any row of any service's tables (a fingerprint of
 * every table, read before and after through JDBC).
 *
 * <p>Real objects stand behind path ids (the newest row of the table the path names), so that a 404
 * does not hide the validation. Requests that the document allows to succeed (null for an optional
 * property, a huge value without a declared bound) are sent only where they act on such an object or
 * create a new one, never to shared configuration (an accepted request there would change what the
 * other end-to-end tests of this JVM see).
 */
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final int DEPTH = 5_000;
    private static final int HUGE_ARRAY = 100_000;
    private static final int HUGE_STRING = 100_000;
    /** Over quarkus.http.limits.max-body-size (1M). */
    private static final int OVER_LIMIT = 2 * 1024 * 1024;
    private static final List<String> INJECTIONS = List.of("1' OR '1'='1", "1; drop table x");
    /** Sent as is: the slashes already encoded, as an attacker would. */
    private static final String TRAVERSAL = "..%2F..%2Fetc%2Fpasswd";
    private static final String HUGE_NUMBER = "99999999999999999999";
    private static final String UNKNOWN_ENUM = "NO_SUCH_VALUE";

    /**
     * Tables left out of the fingerprint: the migration histories (never written by a request), and
     * ticket_presence, which a GET writes by design (GET /ticket/{id}/ping records who is looking).
     */
    private static final Set<String> NOT_FINGERPRINTED = Set.of("flyway_schema_history", "mind_common_schema_history",
            "ticket_presence");

    static RunningSuite suite;
    static JsonNode document;
    static HttpClient http;
    static String base;
    static Database database;
    static RouteTable routes;
    /** Table name → the newest id in it, for path ids and *Id properties of example bodies. */
    static final Map<String, Long> newestIds = new HashMap<>();
    static final Set<String> servicesProbedChunked = new LinkedHashSet<>();

    static final AtomicInteger operationsCovered = new AtomicInteger();
    static final AtomicInteger requestsSent = new AtomicInteger();
    static final AtomicInteger serverErrors = new AtomicInteger();
    static final AtomicInteger accepted = new AtomicInteger();
    static final AtomicInteger fingerprintsCompared = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.get();
        base = "http://localhost:" + suite.frontDoorPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(suite.openApiUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        document = JSON.readTree(doc.body());
        database = new Database(suite.database());
        routes = RouteTable.fromIngress();
        seed();
    }

    @AfterAll
    static void report() throws SQLException {
        System.out.printf("BadInputIT: %d operations, %d requests, %d accepted, %d 5xx, %d fingerprint comparisons%n",
                operationsCovered.get(), requestsSent.get(), accepted.get(), serverErrors.get(), fingerprintsCompared.get());
        if (database != null) {
            database.close();
        }
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
    static void seed() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            for (Operation operation : operations()) {
                if (operation.creates() && operation.hasJsonBody()) {
                    newestIds.clear();
                    send(operation.method(), operation.path(), bearerFor(operation), JSON.writeValueAsBytes(example(operation)),
                            false);
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

    // ---------------------------------------------------------------------------------------------
    // Requests and what their answers must be

    enum Expect {
        /** 400 naming the field. */
        FIELD_NAMED,
        /** Any 4xx; names the field when the untouched example is accepted. */
        REFUSED,
        /** Anything but a 5xx; a refusal names the field when the untouched example is accepted. */
        MAY_ACCEPT,
        /** 400 that names the depth (or the field, or the body, whose first level already has the wrong shape). */
        TOO_DEEP,
        TOO_LARGE,
        UNAUTHORIZED
    }

    record Probe(String what, String method, String path, String authorization, byte[] body, boolean chunked, Expect expect,
            String field) {
    }

    record Answer(int status, String contentType, String body) {
        boolean accepted() {
            return status < 400;
        }
    }

    static Answer send(String method, String path, String authorization, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            request.header("Content-Type", "application/json");
            publisher = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        request.method(method.toUpperCase(), publisher);
        requestsSent.incrementAndGet();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500 && !notConfigured(new Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body()))) {
            serverErrors.incrementAndGet();
        }
        if (response.statusCode() < 400) {
            accepted.incrementAndGet();
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** What is wrong with an answer, or nothing. */
    static List<String> judge(Probe probe, Answer answer, boolean exampleAccepted) {
        List<String> problems = new ArrayList<>();
        String label = probe.what() + " -> " + answer.status() + " " + abbreviate(answer.body());
        if (answer.status() >= 500 && !notConfigured(answer)) {
            problems.add("5xx: " + label);
            return problems;
        }
        JsonNode error = null;
        if (answer.status() >= 400) {
            error = errorShape(answer);
            if (error == null) {
                problems.add("not in the error shape: " + label);
                return problems;
            }
        }
        switch (probe.expect()) {
            case FIELD_NAMED -> {
                if (answer.status() != 400) {
                    problems.add("expected 400 naming " + probe.field() + ": " + label);
                } else if (!names(error, probe.field())) {
                    problems.add("400 does not name " + probe.field() + ": " + label);
                }
            }
            case REFUSED -> {
                if (answer.accepted()) {
                    problems.add("accepted: " + label);
                } else if (answer.status() == 400 && exampleAccepted && probe.field() != null && !names(error, probe.field())) {
                    problems.add("400 does not name " + probe.field() + ": " + label);
                }
            }
            case MAY_ACCEPT -> {
                if (answer.status() == 400 && exampleAccepted && probe.field() != null && !names(error, probe.field())) {
                    problems.add("400 does not name " + probe.field() + ": " + label);
                }
            }
            case TOO_DEEP -> {
                String text = (error == null ? "" : error.path("error").asText() + error.path("details")).toLowerCase();
                if (answer.status() != 400) {
                    problems.add("expected 400: " + label);
                } else if (!text.contains("depth") && !text.contains("nest") && !text.contains("shape")
                        && error.path("details").isEmpty()) {
                    // the depth, or the first level already of the wrong shape (an object where a list belongs)
                    problems.add("400 does not say what is wrong: " + label);
                }
            }
            case TOO_LARGE -> {
                if (answer.status() != 413) {
                    problems.add("expected 413: " + label);
                }
            }
            case UNAUTHORIZED -> {
                if (answer.status() != 401) {
                    problems.add("expected 401: " + label);
                }
            }
        }
        return problems;
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
    // The probes of one operation

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesBadInputCleanly() {
        List<Operation> operations = operations();
        assertFalse(operations.isEmpty(), "the merged document lists no operation");
        return operations.stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> checkAndConfirm(operation)));
    }

    /**
     * A change of data seen once is checked again after the database settled: work other tests left behind
     * (an outbox delivery, a routing pass declining a call that waited too long) may write while the probes
     * run, but a refused request that really writes writes again the second time.
     */
    static void checkAndConfirm(Operation operation) throws Exception {
        List<String> problems = check(operation);
        if (!problems.isEmpty() && problems.stream().allMatch(p -> p.startsWith("data changed by"))) {
            System.out.println("BadInputIT: " + operation.name() + ": checking again after the database settled: " + problems);
            database.settled();
            problems = check(operation);
        }
        assertTrue(problems.isEmpty(), operation.name() + ":\n  " + String.join("\n  ", problems));
    }

    static List<String> check(Operation operation) throws Exception {
        operationsCovered.incrementAndGet();
        List<String> problems = new ArrayList<>();
        String auth = bearerFor(operation);

        // The untouched example, where sending it is harmless (an object of this suite's own, or a create):
        // whether it is accepted decides whether a refusal of a changed one must name the changed field.
        boolean exampleAccepted = false;
        if (operation.hasJsonBody() && !operation.actsOnShared() && pathIdsResolved(operation)) {
            Answer answer = send(operation.method(), path(operation, Map.of()), auth, JSON.writeValueAsBytes(example(operation)),
                    false);
            exampleAccepted = answer.accepted();
            problems.addAll(judge(new Probe("the documented example", operation.method(), "", auth, null, false,
                    Expect.MAY_ACCEPT, null), answer, false));
            newestIds.clear();
        }
        Map<String, String> before = exampleAccepted ? database.settled() : database.fingerprint();

        List<Probe> mustRefuse = new ArrayList<>();
        List<Probe> mayAccept = new ArrayList<>();
        if (!operation.isPublic()) {
            tokenProbes(operation, mustRefuse);
        }
        if (operation.hasJsonBody()) {
            bodyProbes(operation, auth, mustRefuse, mayAccept);
        }
        if (!operation.streams()) {
            parameterProbes(operation, auth, mustRefuse, mayAccept);
        }

        boolean anyAccepted = false;
        for (Probe probe : mustRefuse) {
            Answer answer = send(probe.method(), probe.path(), probe.authorization(), probe.body(), probe.chunked());
            anyAccepted |= answer.accepted();
            problems.addAll(judge(probe, answer, exampleAccepted));
        }
        if (!anyAccepted) {
            problems.addAll(compare(before, database.fingerprint(), "the refused requests"));
        } else {
            before = database.settled();
        }
        for (Probe probe : mayAccept) {
            Answer answer = send(probe.method(), probe.path(), probe.authorization(), probe.body(), probe.chunked());
            problems.addAll(judge(probe, answer, exampleAccepted));
            if (answer.accepted()) {
                before = operation.isRead() ? database.fingerprint() : database.settled();
            } else {
                Map<String, String> after = database.fingerprint();
                problems.addAll(compare(before, after, probe.what()));
                before = after;
            }
        }
        return problems;
    }

    static List<String> compare(Map<String, String> before, Map<String, String> after, String what) {
        fingerprintsCompared.incrementAndGet();
        List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
        return changed.isEmpty() ? List.of() : List.of("data changed by " + what + ": " + changed);
    }

    // ---- tokens

    static void tokenProbes(Operation operation, List<Probe> probes) throws Exception {
        byte[] body = operation.hasJsonBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        String path = path(operation, Map.of());
        for (Map.Entry<String, String> token : forgedTokens(operation.roles()).entrySet()) {
            probes.add(new Probe("token " + token.getKey(), operation.method(), path, "Bearer " + token.getValue(), body, false,
                    Expect.UNAUTHORIZED, null));
        }
    }

    private static final Map<Set<String>, Map<String, String>> FORGED = new HashMap<>();
    private static KeyPair otherKey;

    static synchronized Map<String, String> forgedTokens(Set<String> roles) throws Exception {
        Set<String> groups = new TreeSet<>(roles);
        groups.add("admin");
        Map<String, String> cached = FORGED.get(groups);
        if (cached != null) {
            return cached;
        }
        PrivateKey key = suite.keys().signingKey();
        if (otherKey == null) {
            otherKey = JwtMinter.generateKeyPair();
        }
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE).subject("1").groups(groups)
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(key));
        tokens.put("not yet valid", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE).subject("1").groups(groups)
                .issuedAt(now + 3600).claim("nbf", now + 3600).expiresAt(now + 7200).sign(key));
        tokens.put("another issuer", Jwt.issuer("someone-else").audience(JwtMinter.AUDIENCE).subject("1").groups(groups)
                .expiresIn(Duration.ofMinutes(30)).sign(key));
        tokens.put("another audience", Jwt.issuer(JwtMinter.ISSUER).audience("another-service").subject("1").groups(groups)
                .expiresIn(Duration.ofMinutes(30)).sign(key));
        tokens.put("another key", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE).subject("1").groups(groups)
                .expiresIn(Duration.ofMinutes(30)).sign(otherKey.getPrivate()));
        String claims = JSON.writeValueAsString(Map.of("iss", JwtMinter.ISSUER, "aud", JwtMinter.AUDIENCE, "sub", "1",
                "upn", "user-1", "groups", groups, "iat", now, "exp", now + 1800));
        tokens.put("alg none", base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claims) + ".");
        String hsInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(suite.keys().publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        tokens.put("HS256 keyed with the public key", hsInput + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))));
        tokens.put("garbage", "not-a-token");
        FORGED.put(groups, tokens);
        return tokens;
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- bodies

    static void bodyProbes(Operation operation, String auth, List<Probe> mustRefuse, List<Probe> mayAccept) throws IOException {
        String method = operation.method();
        String path = path(operation, Map.of());
        JsonNode schema = operation.bodySchema();
        JsonNode example = example(operation);
        String type = typeOf(schema);

        // the whole body
        if (type.equals("object")) {
            mustRefuse.add(new Probe("an array where the object belongs", method, path, auth,
                    JSON.writeValueAsBytes(NODES.arrayNode().add(example)), false, Expect.REFUSED, null));
        } else if (type.equals("array")) {
            mustRefuse.add(new Probe("an object where the array belongs", method, path, auth,
                    JSON.writeValueAsBytes(NODES.objectNode()), false, Expect.REFUSED, null));
        }
        String nestIn = nestingTarget(schema, example);
        mustRefuse.add(new Probe(DEPTH + " nested arrays", method, path, auth, nested(nestIn, "[", "]"), false, Expect.TOO_DEEP,
                null));
        mustRefuse.add(new Probe(DEPTH + " nested objects", method, path, auth, nested(nestIn, "{\"a\":", "}"), false,
                Expect.TOO_DEEP, null));
        byte[] tooLarge = overLimit(example);
        mustRefuse.add(new Probe("a body of 2 MB", method, path, auth, tooLarge, false, Expect.TOO_LARGE, null));
        if (servicesProbedChunked.add(operation.service())) {
            mustRefuse.add(new Probe("a chunked body of 2 MB", method, path, auth, tooLarge, true, Expect.TOO_LARGE, null));
        }

        if (!(example instanceof ObjectNode object)) {
            return;
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        boolean mayChange = !operation.actsOnShared();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            String propertyType = typeOf(propertySchema);
            List<String> enumValues = enumValues(propertySchema);

            JsonNode wrong = wrongType(propertyType);
            if (wrong != null) {
                mustRefuse.add(new Probe(name + " of the wrong type " + wrong, method, path, auth, with(object, name, wrong), false,
                        Expect.FIELD_NAMED, name));
            }
            if (!enumValues.isEmpty()) {
                JsonNode unknown = propertyType.equals("integer") || propertyType.equals("number") ? NODES.numberNode(987654)
                        : NODES.textNode(UNKNOWN_ENUM);
                // refused always; named when the example itself passes (a plain string checked by the service
                // may be checked after another field of the example)
                mustRefuse.add(new Probe(name + " not one of " + enumValues, method, path, auth, with(object, name, unknown), false,
                        Expect.REFUSED, name));
            }
            if (!nullable(propertySchema) && required.contains(name)) {
                mustRefuse.add(new Probe(name + " null (required)", method, path, auth, with(object, name, NODES.nullNode()), false,
                        Expect.REFUSED, name));
            } else if (!nullable(propertySchema) && mayChange) {
                mayAccept.add(new Probe(name + " null", method, path, auth, with(object, name, NODES.nullNode()), false,
                        Expect.MAY_ACCEPT, name));
            }
            if (propertyType.equals("string") && enumValues.isEmpty()) {
                int maxLength = propertySchema.path("maxLength").asInt(-1);
                int length = maxLength >= 0 ? Math.max(HUGE_STRING, maxLength + 1) : HUGE_STRING;
                if (length < 900_000) {
                    Probe probe = new Probe(name + " of " + length + " characters", method, path, auth,
                            with(object, name, NODES.textNode("x".repeat(length))), false,
                            maxLength >= 0 ? Expect.REFUSED : Expect.MAY_ACCEPT, name);
                    if (maxLength >= 0) {
                        mustRefuse.add(probe);
                    } else if (mayChange) {
                        mayAccept.add(probe);
                    }
                }
            }
            if (propertyType.equals("array")) {
                ArrayNode huge = NODES.arrayNode();
                JsonNode item = smallItem(resolve(propertySchema.path("items")));
                for (int i = 0; i < HUGE_ARRAY; i++) {
                    huge.add(item);
                }
                boolean bounded = propertySchema.has("maxItems");
                Probe probe = new Probe(name + " with " + HUGE_ARRAY + " items", method, path, auth, with(object, name, huge), false,
                        bounded ? Expect.REFUSED : Expect.MAY_ACCEPT, name);
                if (bounded) {
                    mustRefuse.add(probe);
                } else if (mayChange) {
                    mayAccept.add(probe);
                }
            }
        }
    }

    static JsonNode wrongType(String type) {
        return switch (type) {
            case "string", "array" -> NODES.objectNode().put("unexpected", "object");
            case "integer", "number" -> NODES.textNode("not-a-number");
            case "boolean" -> NODES.textNode("not-a-boolean");
            case "object" -> NODES.textNode("not-an-object");
            default -> null; // any JSON value is allowed
        };
    }

    static JsonNode smallItem(JsonNode items) {
        List<String> values = enumValues(items);
        if (!values.isEmpty()) {
            return NODES.textNode(values.get(0));
        }
        return switch (typeOf(items)) {
            case "integer", "number" -> NODES.numberNode(1);
            case "string" -> NODES.textNode("a");
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.objectNode();
        };
    }

    static byte[] with(ObjectNode example, String name, JsonNode value) throws IOException {
        ObjectNode copy = example.deepCopy();
        copy.set(name, value);
        return JSON.writeValueAsBytes(copy);
    }

    /** A property that takes any JSON value, where nesting reaches the parser's limit; else the first one. */
    static String nestingTarget(JsonNode schema, JsonNode example) {
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode resolved = resolve(property.getValue());
            if (first == null) {
                first = property.getKey();
            }
            if (typeOf(resolved).isEmpty() || (typeOf(resolved).equals("object") && !resolved.has("properties"))) {
                return property.getKey();
            }
        }
        return typeOf(schema).equals("object") ? (first == null ? "x" : first) : null;
    }

    static byte[] nested(String property, String open, String close) {
        StringBuilder body = new StringBuilder();
        if (property != null) {
            body.append("{\"").append(property).append("\":");
        }
        body.append(open.repeat(DEPTH));
        if (open.startsWith("{")) {
            body.append("1");
        }
        body.append(close.repeat(DEPTH));
        if (property != null) {
            body.append('}');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] overLimit(JsonNode example) throws IOException {
        ObjectNode body = example instanceof ObjectNode object ? object.deepCopy() : NODES.objectNode();
        body.put("padding", "x".repeat(OVER_LIMIT));
        return JSON.writeValueAsBytes(body);
    }

    // ---- path and query parameters

    static void parameterProbes(Operation operation, String auth, List<Probe> mustRefuse, List<Probe> mayAccept)
            throws IOException {
        byte[] body = operation.hasJsonBody() ? JSON.writeValueAsBytes(example(operation)) : null;
        for (JsonNode parameter : operation.parameters("path")) {
            String name = parameter.path("name").asText();
            boolean integer = typeOf(resolve(parameter.path("schema"))).equals("integer");
            Map<String, String> values = new LinkedHashMap<>();
            for (String injection : INJECTIONS) {
                values.put(injection, encode(injection));
            }
            values.put(TRAVERSAL, TRAVERSAL);
            values.put("abc", "abc");
            values.put(HUGE_NUMBER, HUGE_NUMBER);
            values.put("-1", "-1");
            for (Map.Entry<String, String> value : values.entrySet()) {
                Probe probe = new Probe("path " + name + "=" + value.getKey(), operation.method(),
                        path(operation, Map.of(name, value.getValue())), auth, body, false,
                        integer || !operation.isRead() ? Expect.REFUSED : Expect.MAY_ACCEPT, null);
                (probe.expect() == Expect.REFUSED ? mustRefuse : mayAccept).add(probe);
            }
        }
        String path = path(operation, Map.of());
        boolean mayChange = operation.isRead() || !operation.actsOnShared();
        for (JsonNode parameter : operation.parameters("query")) {
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            String type = typeOf(schema);
            List<String> enumValues = enumValues(type.equals("array") ? resolve(schema.path("items")) : schema);
            Map<String, Expect> values = new LinkedHashMap<>();
            if (type.equals("integer") || type.equals("number")) {
                values.put("abc", Expect.FIELD_NAMED);
                values.put(HUGE_NUMBER, Expect.FIELD_NAMED);
                values.put(INJECTIONS.get(0), Expect.FIELD_NAMED);
                values.put("-1", name.equals("limit") || name.equals("offset") ? Expect.FIELD_NAMED : Expect.MAY_ACCEPT);
            } else if (type.equals("boolean")) {
                values.put("maybe", Expect.FIELD_NAMED);
            } else if (!enumValues.isEmpty()) {
                values.put(UNKNOWN_ENUM, Expect.FIELD_NAMED);
                values.put(INJECTIONS.get(0), Expect.FIELD_NAMED);
            } else {
                INJECTIONS.forEach(injection -> values.put(injection, Expect.MAY_ACCEPT));
                values.put("../../etc/passwd", Expect.MAY_ACCEPT);
            }
            for (Map.Entry<String, Expect> value : values.entrySet()) {
                String query = (path.contains("?") ? "&" : "?") + encode(name) + "=" + encode(value.getKey());
                Probe probe = new Probe("query " + name + "=" + value.getKey(), operation.method(), path + query, auth, body,
                        false, value.getValue(), name);
                if (value.getValue() == Expect.MAY_ACCEPT) {
                    if (mayChange) {
                        mayAccept.add(probe);
                    }
                } else {
                    mustRefuse.add(probe);
                }
            }
        }
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
                    .map(t -> "select '" + t + "', count(*) || ':' || coalesce(sum(hashtextextended(r::text, 0)), 0) from " + t + " r")
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
