package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The merged OpenAPI document at {@code /api/mind/docs/open-api}, as the front door serves it: it
 * holds every JAX-RS endpoint the five services have (found in their compiled classes, not listed
 * here), every operation is documented well enough for a frontend developer, the document a
 * cluster serves (merged at build time by {@code ./mind openapi}) is the same one, and the
 * services' answers validate against it.
 */
class ApiDocumentationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName REST_CLIENT = DotName.createSimple("org.eclipse.microprofile.rest.client.inject.RegisterRestClient");
    /** Where every service mounts its resources (common's quarkus.rest.path). */
    private static final String REST_ROOT = "/api/mind";

    static RunningSuite suite;
    static JsonNode document;

    @BeforeAll
    static void readTheMergedDocument() throws IOException {
        suite = RunningSuite.get();
        document = JSON.readTree(given().get(suite.openApiUrl()).then().statusCode(200).extract().asString());
    }

    /** "GET /api/mind/ticket/{ticketId}" for every operation of the merged document. */
    static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    @Test
    void holdsEveryEndpointOfTheFiveServicesResources() throws IOException {
        Set<String> served = new TreeSet<>();
        for (String service : RouteTable.fromIngress().services()) {
            Path classes = suite.config().root().resolve(service).resolve("target/classes");
            assertTrue(Files.isDirectory(classes), classes + " is missing: the services are built before this test");
            served.addAll(jaxRsEndpoints(classes));
        }
        assertTrue(served.size() > 5, "found only " + served + " in the services' classes");
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(documentedOperations());
        assertTrue(missing.isEmpty(), "endpoints the services serve but the merged document lacks: " + missing);
        Set<String> unserved = new TreeSet<>(documentedOperations());
        unserved.removeAll(served);
        assertTrue(unserved.isEmpty(), "operations in the merged document that no JAX-RS resource serves: " + unserved);
    }

    /**
     * Every operation has a summary, a schema for its JSON request body and a schema for each
     * JSON response it documents, and at least one success response with content or a 204.
     * The message lists every operation that falls short, with what it lacks.
     */
    @Test
    void everyOperationHasASummaryAndRequestAndResponseSchemas() {
        List<String> problems = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (operation.path("summary").asText("").isBlank()) {
                problems.add(name + ": no summary (@Operation(summary = ...))");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("requestBody").path("content").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> media = it.next();
                if (!media.getValue().has("schema")) {
                    problems.add(name + ": request body " + media.getKey() + " has no schema");
                }
            }
            boolean success = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                boolean isSuccess = response.getKey().startsWith("2");
                // no body by design: 204, and a redirect that says where to (its Location header)
                if (response.getKey().equals("204")
                        || response.getKey().startsWith("3") && response.getValue().path("headers").has("Location")) {
                    success = true;
                }
                for (Iterator<Map.Entry<String, JsonNode>> media = response.getValue().path("content").fields(); media.hasNext();) {
                    Map.Entry<String, JsonNode> type = media.next();
                    boolean hasSchema = type.getValue().has("schema") && !type.getValue().path("schema").isEmpty();
                    if (!hasSchema && !type.getKey().startsWith("text/event-stream")) {
                        problems.add(name + ": response " + response.getKey() + " " + type.getKey() + " has no schema");
                    }
                    success |= isSuccess && hasSchema;
                }
            }
            if (!success) {
                problems.add(name + ": no success response with a schema (typed return value or @APIResponse(content = ...))");
            }
        });
        assertTrue(problems.isEmpty(), problems.size() + " operation(s) are not fully documented:\n  " + String.join("\n  ", problems));
    }

    /**
     * Every JSON request body and 2xx JSON response carries an example (each service adds them in its
     * META-INF/openapi.yaml or with {@code @ExampleObject}), so that the reference page shows a body for
     * every operation. And every example given for a JSON body is an object or array, never a string
     * holding JSON (a common slip that the page would show as one quoted string).
     */
    @Test
    void everyJsonBodyHasAnExampleThatIsJson() {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, operation) -> {
            List<JsonNode> bodies = new ArrayList<>();
            if (operation.path("requestBody").path("content").has("application/json")) {
                bodies.add(operation.path("requestBody").path("content").path("application/json"));
            }
            operation.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("2") && r.getValue().path("content").has("application/json")) {
                    bodies.add(r.getValue().path("content").path("application/json"));
                }
            });
            for (JsonNode body : bodies) {
                JsonNode example = body.get("example");
                if (example == null && !body.has("examples")) {
                    missing.add(name);
                } else if (example != null && !example.isContainerNode()) {
                    wrong.add(name + ": example is " + example.getNodeType());
                }
            }
        });
        assertTrue(missing.isEmpty(), "JSON bodies without an example (add them to the service's META-INF/openapi.yaml): "
                + new TreeSet<>(missing));
        assertTrue(wrong.isEmpty(), "examples that are not JSON objects or arrays: " + wrong);
    }

    /**
     * Validators resolve a {@code $ref} in place: keywords beside it leak into every other use of the
     * shared schema (one ISO example made every time a {@code date-time}). And a time documented with a
     * {@code YYYY-MM-DD HH:mm:ss} example is not an ISO {@code date-time}.
     */
    @Test
    void referencesStandAloneAndTimesSayTheirFormat() {
        List<String> problems = new ArrayList<>();
        collectSchemaProblems(document, "", problems);
        assertTrue(problems.isEmpty(), problems.size() + " schema(s) would mislead a validator:\n  " + String.join("\n  ", problems));
    }

    private static void collectSchemaProblems(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            if (node.has("$ref") && (node.has("type") || node.has("format") || node.has("oneOf") || node.has("anyOf"))) {
                problems.add(at + ": $ref with type/format/oneOf beside it");
            }
            if ("date-time".equals(node.path("format").asText()) && node.path("example").asText().contains(" ")) {
                problems.add(at + ": format date-time with a YYYY-MM-DD HH:mm:ss example");
            }
            node.fields().forEachRemaining(field -> collectSchemaProblems(field.getValue(), at + "/" + field.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSchemaProblems(node.get(i), at + "/" + i, problems);
            }
        }
    }

    /** What a cluster serves (merged from the build's stored documents) equals what the front door merges at run time. */
    @Test
    void theBuildTimeDocumentForTheClusterIsTheRunningOne() throws IOException {
        JsonNode bundled = JSON.readTree(OpenApiBundle.merge(suite.config().root()));
        assertEquals(documentedOperations(), operationsOf(bundled));
        assertEquals(document, bundled, "the document ./mind openapi writes differs from the one the running services give");
    }

    /**
     * Every GET the document lists with no path parameter, called as admin through the front door:
     * request and response validate against the merged document, whatever the answer.
     */
    @Test
    void answersOfEveryParameterlessGetValidateAgainstTheDocument() throws IOException {
        OpenApiValidationFilter contract = new OpenApiValidationFilter(
                OpenApiInteractionValidator.createForSpecificationUrl(suite.openApiUrl()).build());
        String admin = suite.bearer(Set.of("admin", "agent", "serviceWorker"));
        int called = 0;
        for (String path : parameterlessGets(document)) {
            var answer = given().header("Authorization", admin).filter(contract).get(path).then().extract();
            int status = answer.statusCode();
            // 501 with a code *_not_configured is an integration the suite runs without (Microsoft mailboxes): a
            // documented state of the configuration, not a failure
            boolean notConfigured = status == 501 && String.valueOf(answer.<String>path("code")).endsWith("_not_configured");
            assertTrue(status < 500 || notConfigured, "GET " + path + " answered " + status);
            called++;
        }
        assertTrue(called > 0, "no parameterless GET was called");
    }

    /** The paths of a document's GETs with no path parameter, no required parameter and no event stream. */
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

    private static Set<String> operationsOf(JsonNode doc) {
        JsonNode saved = document;
        document = doc;
        try {
            return documentedOperations();
        } finally {
            document = saved;
        }
    }

    private interface OperationVisitor {
        void visit(String name, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    visitor.visit(method.toUpperCase() + " " + path.getKey(), path.getValue().get(method));
                }
            }
        }
    }

    /**
     * "METHOD /api/mind/..." for every resource method in the compiled classes: a class with
     * {@code @Path} (not a REST client interface), each method with an HTTP method annotation,
     * path parameters written as OpenAPI writes them ({@code {id: \d+}} → {@code {id}}).
     */
    static Set<String> jaxRsEndpoints(Path classes) throws IOException {
        Indexer indexer = new Indexer();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                indexer.index(in);
            }
        }
        Index index = indexer.complete();
        Set<String> endpoints = new TreeSet<>();
        for (AnnotationInstance classPath : index.getAnnotations(PATH)) {
            if (classPath.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = classPath.target().asClass();
            if (resource.hasDeclaredAnnotation(REST_CLIENT)) {
                continue;
            }
            for (MethodInfo method : resource.methods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                String full = REST_ROOT + "/" + classPath.value().asString() + "/" + (methodPath == null ? "" : methodPath.value().asString());
                endpoints.add(http + " " + normalize(full));
            }
        }
        return endpoints;
    }

    private static String httpMethod(MethodInfo method) {
        for (String http : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            if (method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + http))) {
                return http;
            }
        }
        return null;
    }

    static String normalize(String path) {
        String p = path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
