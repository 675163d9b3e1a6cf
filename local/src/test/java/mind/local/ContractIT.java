package mind.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The security and input contract of every operation in the merged OpenAPI document, through the
 * front door: no token → 401, a token without the operation's roles → 403, malformed JSON → 400,
 * each in the one error shape. The roles come from the document (smallrye-openapi records each
 * {@code @RolesAllowed} list as the scopes of the operation's security requirement), so a new
 * endpoint is covered the moment it is documented, with no edit here.
 *
 * <p>Path parameters are "1": authentication, authorization and body parsing all come before the
 * lookup of an id, so none of these answers may be a 404.
 */
class ContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MALFORMED = "{\"name\": \"x\",";

    static RunningSuite suite;
    static JsonNode document;
    /** Checks that the error bodies match the responses the document declares (requests are wrong on purpose). */
    static OpenApiValidationFilter responseContract;

    @BeforeAll
    static void readTheMergedDocument() throws IOException {
        suite = RunningSuite.get();
        document = JSON.readTree(given().get(suite.openApiUrl()).then().statusCode(200).extract().asString());
        responseContract = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(suite.openApiUrl())
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build());
    }

    record Operation(String method, String path, JsonNode node, JsonNode topLevelSecurity) {

        String name() {
            return method.toUpperCase() + " " + path;
        }

        private JsonNode security() {
            return node.has("security") ? node.get("security") : topLevelSecurity;
        }

        /** No security requirement (or an empty one, {@code - {}}): anyone may call it. */
        boolean isPublic() {
            return SecurityRequirements.isPublic(security());
        }

        /** The roles the operation admits: the scopes of its security requirements. */
        Set<String> roles() {
            return SecurityRequirements.roles(security());
        }

        boolean hasJsonBody() {
            return node.path("requestBody").path("content").has("application/json");
        }

        /** Every path parameter "1", every required query parameter a value its schema accepts. */
        RequestSpecification request(RequestSpecification request) {
            for (String segment : path.split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    request.pathParam(segment.substring(1, segment.length() - 1), "1");
                }
            }
            for (JsonNode parameter : node.path("parameters")) {
                if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                    request.queryParam(parameter.path("name").asText(), sampleValue(parameter.path("schema")));
                }
            }
            return request;
        }

        private static String sampleValue(JsonNode schema) {
            if (schema.has("example")) {
                return schema.get("example").asText();
            }
            if (schema.has("default")) {
                return schema.get("default").asText();
            }
            if (schema.has("enum") && !schema.get("enum").isEmpty()) {
                return schema.get("enum").get(0).asText();
            }
            return "1";
        }

        ValidatableResponse send(RequestSpecification request) {
            return request.filter(responseContract).when().request(method.toUpperCase(), path).then();
        }
    }

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch", "trace")) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method, path.getKey(), path.getValue().get(method), document.get("security")));
                }
            }
        }
        return operations;
    }

    /** Every role any operation names: a 403 token carries all of them but the operation's own. */
    static Set<String> allRoles(List<Operation> operations) {
        Set<String> roles = new TreeSet<>();
        operations.forEach(operation -> roles.addAll(operation.roles()));
        return roles;
    }

    @TestFactory
    Stream<DynamicNode> everyOperationKeepsTheContract() {
        List<Operation> operations = operations();
        assertFalse(operations.isEmpty(), "the merged document lists no operation");
        Set<String> allRoles = allRoles(operations);
        return operations.stream().map(operation -> DynamicContainer.dynamicContainer(operation.name(),
                testsFor(operation, allRoles)));
    }

    private static Stream<DynamicTest> testsFor(Operation operation, Set<String> allRoles) {
        List<DynamicTest> tests = new ArrayList<>();
        if (operation.isPublic()) {
            tests.add(DynamicTest.dynamicTest("public: answers without a token", () -> {
                int status = operation.send(withBody(operation, operation.request(given()), "{}")).extract().statusCode();
                assertNotEquals(401, status, operation.name() + " is documented as public");
                assertNotEquals(403, status, operation.name() + " is documented as public");
            }));
            return tests.stream();
        }
        tests.add(DynamicTest.dynamicTest("no token -> 401", () -> {
            ValidatableResponse response = operation.send(withBody(operation, operation.request(given()), "{}"));
            errorShape(response, 401, "unauthorized").header("WWW-Authenticate", containsString("Bearer"));
        }));
        if (!operation.roles().isEmpty()) {
            Set<String> others = new TreeSet<>(allRoles);
            others.removeAll(operation.roles());
            others.add("nobody");
            tests.add(DynamicTest.dynamicTest("token without " + operation.roles() + " -> 403", () -> {
                ValidatableResponse response = operation.send(withBody(operation,
                        operation.request(given().header("Authorization", suite.bearer(others))), "{}"));
                errorShape(response, 403, "forbidden");
            }));
        }
        if (operation.hasJsonBody()) {
            Set<String> allowed = operation.roles().isEmpty() ? Set.of("nobody") : Set.of(operation.roles().iterator().next());
            tests.add(DynamicTest.dynamicTest("malformed JSON as " + allowed + " -> 400", () -> {
                ValidatableResponse response = operation.send(withBody(operation,
                        operation.request(given().header("Authorization", suite.bearer(allowed))), MALFORMED));
                errorShape(response, 400, "malformed_json").body("error", not(containsString("com.fasterxml")));
            }));
        }
        return tests.stream();
    }

    private static RequestSpecification withBody(Operation operation, RequestSpecification request, String body) {
        return operation.hasJsonBody() ? request.contentType(ContentType.JSON).body(body) : request;
    }

    private static ValidatableResponse errorShape(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType(startsWith("application/json"))
                .body("success", is(false))
                .body("code", equalTo(code))
                .body("error", instanceOf(String.class))
                .body("details", instanceOf(List.class));
    }
}
