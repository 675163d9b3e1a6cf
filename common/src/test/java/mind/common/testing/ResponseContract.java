package mind.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A rest-assured filter that checks every response the service under test gives against the service's own
 * OpenAPI document ({@code /q/openapi}, read once per application start). Only responses: the tests send
 * wrong requests on purpose. A response to a path the document does not hold ({@code /q/health}, a
 * WireMock stub) is not checked. A mismatch fails the test with the validator's messages.
 *
 * <p>{@link ResponseContractCallback} installs it for every {@code @QuarkusTest}; {@link WithoutResponseContract}
 * turns it off for one test class or method.
 */
public final class ResponseContract implements OrderedFilter {

    /** The one instance installed as a global rest-assured filter (per application class loader). */
    static final ResponseContract INSTALLED = new ResponseContract(ResponseContract::applicationUnderTest);

    private static volatile boolean active = true;
    private static final AtomicLong CHECKED = new AtomicLong();

    private final Supplier<String> application;
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();

    /** The validator of one document, and the operations it holds (method and path pattern). */
    record Contract(OpenApiInteractionValidator validator, List<String> operations) {

        boolean holds(String method, String path) {
            return operations.stream().anyMatch(o -> (method.toUpperCase(Locale.ROOT) + " " + path).matches(o));
        }
    }

    /** @param application base URL of the service ({@code http://localhost:8081}); its document is at /q/openapi */
    public ResponseContract(Supplier<String> application) {
        this.application = application;
    }

    /** Installs {@link #INSTALLED} as a global filter of rest-assured, once. */
    static void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof ResponseContract)) {
            RestAssured.filters(INSTALLED);
        }
    }

    /** Whether {@link #INSTALLED} is among rest-assured's global filters (a service test proves it is). */
    public static boolean isInstalled() {
        return RestAssured.filters().contains(INSTALLED);
    }

    /** How many responses were checked against a document so far, in this class loader. */
    public static long checkedResponses() {
        return CHECKED.get();
    }

    static void activate(boolean on) {
        active = on;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String base = application.get();
        if (!active || base == null || !sameOrigin(request.getURI(), base)) {
            return response;
        }
        Contract contract = contracts.computeIfAbsent(base, ResponseContract::contract);
        if (!contract.holds(request.getMethod(), URI.create(request.getURI()).getPath())) {
            return response;
        }
        // the request as far as the answer depends on it: method, path and headers (Accept). Not its query: the
        // validator's reading of PHP-style names (channels[]=..) throws, and requests are not checked anyway
        SimpleRequest.Builder asked = new SimpleRequest.Builder(request.getMethod(), URI.create(request.getURI()).getPath());
        request.getHeaders().forEach(h -> asked.withHeader(h.getName(), h.getValue()));
        ValidationReport report = contract.validator().validate(asked.build(), RestAssuredResponse.of(response));
        CHECKED.incrementAndGet();
        if (report.hasErrors()) {
            throw new AssertionError("The response of " + request.getMethod() + " " + request.getURI() + " ("
                    + response.statusCode() + ") does not match the service's OpenAPI document:\n"
                    + report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                            .map(m -> "  - " + m.getKey() + ": " + m.getMessage()
                                    + m.getContext().flatMap(c -> c.getPointers()).map(p -> " [" + p.getInstance() + "]").orElse(""))
                            .collect(Collectors.joining("\n"))
                    + "\nbody: " + abbreviated(response.asString()));
        }
        return response;
    }

    /** Outermost: it sees the response exactly as the test does, after any filter of the test. */
    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    static Contract contract(String base) {
        String document;
        List<String> operations;
        // HTTP/1.1: the client's default (an h2c upgrade) once read an answer's JSON as HTTP/2 frames
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(base + "/q/openapi answered " + answer.statusCode());
            }
            document = OpenApi30.of(answer.body());
            operations = OpenApi30.operations(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Contract(OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // responses only: the tests send malformed, unauthorised and out-of-range requests on purpose.
                // (an exchange whose path and method the document does not hold is not checked at all: its
                // response has nothing to match; see holds)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build(), operations);
    }

    private static String applicationUnderTest() {
        // set by Quarkus for each test to the running application (quarkus.http.test-port=0: a free port)
        if (RestAssured.baseURI == null || RestAssured.port <= 0) {
            return null;
        }
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static boolean sameOrigin(String uri, String base) {
        URI target = URI.create(uri);
        URI app = URI.create(base);
        return Objects.equals(target.getHost(), app.getHost()) && target.getPort() == app.getPort();
    }

    private static String abbreviated(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
