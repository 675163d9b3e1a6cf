package mind.local;

import static mind.local.DocumentedApi.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
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
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    static final Set<String> servicesProbedChunked = new LinkedHashSet<>();

    static final AtomicInteger operationsCovered = new AtomicInteger();
    static final AtomicInteger requestsSent = new AtomicInteger();
    static final AtomicInteger serverErrors = new AtomicInteger();
    static final AtomicInteger accepted = new AtomicInteger();
    static final AtomicInteger fingerprintsCompared = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        DocumentedApi.open();
    }

    @AfterAll
    static void report() {
        System.out.printf("BadInputIT: %d operations, %d requests, %d accepted, %d 5xx, %d fingerprint comparisons%n",
                operationsCovered.get(), requestsSent.get(), accepted.get(), serverErrors.get(), fingerprintsCompared.get());
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


    static Answer send(String method, String path, String authorization, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        requestsSent.incrementAndGet();
        Answer answer = exchange(method, path, authorization == null ? Map.of() : Map.of("Authorization", authorization), body,
                chunked);
        if (answer.status() >= 500 && !notConfigured(answer)) {
            serverErrors.incrementAndGet();
        }
        if (answer.accepted()) {
            accepted.incrementAndGet();
        }
        return answer;
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
}
