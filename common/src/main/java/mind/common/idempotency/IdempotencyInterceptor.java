package mind.common.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.idempotency.IdempotencyStore.Answer;

@Idempotent
@Interceptor
// Before @Transactional, so that the service's transaction joins the one opened here.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    /** The Content-Type Quarkus REST writes a JSON answer with when the method did not set one. */
    static final String JSON_AS_WRITTEN = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    /**
     * Response headers a replay must repeat: the version for a later If-Match, where the created
     * thing lives, when to come back, and how to read the body. Others (dates, lengths, CORS) are
     * made afresh for every response anyway.
     */
    static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            HttpHeaders.CONTENT_TYPE);

    private final CurrentVertxRequest currentRequest;
    private final SecurityIdentity identity;
    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    /** Writes maps with sorted keys, at every depth: the fingerprint's canonical form. */
    private final ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Reads a raw body as one JSON value, nothing after it. */
    private final ObjectReader rawBodyReader;

    public IdempotencyInterceptor(CurrentVertxRequest currentRequest, SecurityIdentity identity, IdempotencyStore store,
            ObjectMapper mapper) {
        this.currentRequest = currentRequest;
        this.identity = identity;
        this.store = store;
        this.mapper = mapper;
        this.rawBodyReader = canonical.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        HttpServerRequest request = currentRequest.getCurrent() == null ? null : currentRequest.getCurrent().request();
        String key = request == null ? null : request.getHeader(HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new ApiException(400, ApiException.VALIDATION_FAILED, HEADER + " must have 1 to " + MAX_KEY_LENGTH + " characters",
                    List.of(new FieldError(HEADER, "must have 1 to " + MAX_KEY_LENGTH + " characters")), null);
        }
        String scope = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        String fingerprint = fingerprint(request, ctx);

        Idempotent settings = ctx.getMethod().getAnnotation(Idempotent.class);
        if (settings == null) {
            settings = ctx.getMethod().getDeclaringClass().getAnnotation(Idempotent.class);
        }
        if (settings != null && !settings.atomic()) {
            return aroundInClaims(ctx, request, scope, key, fingerprint);
        }
        return inNewTransaction(() -> {
            Optional<Object> earlier = earlierResponse(ctx, request, scope, key, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Object result = ctx.proceed();
            store.save(scope, key, fingerprint, answerOf(result, request));
            return result;
        });
    }

    /** {@code atomic = false}: claim, run without a transaction, then store (or release on failure). */
    private Object aroundInClaims(InvocationContext ctx, HttpServerRequest request, String scope, String key,
            String fingerprint) throws Exception {
        Claim claim = inNewTransaction(() -> {
            Optional<Object> response = earlierResponse(ctx, request, scope, key, fingerprint);
            return response.isPresent() ? new Claim(response, null) : new Claim(response, store.claim(scope, key, fingerprint));
        });
        if (claim.earlier().isPresent()) {
            return claim.earlier().get();
        }
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception | Error failure) {
            try {
                inNewTransaction(() -> {
                    store.release(scope, key, claim.claimedAt());
                    return null;
                });
            } catch (Exception releaseFailure) {
                // the claim goes stale and the key becomes usable again after mind.idempotency.claim-stale
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        Answer answer = answerOf(result, request);
        inNewTransaction(() -> {
            store.complete(scope, key, claim.claimedAt(), answer);
            return null;
        });
        return result;
    }

    /** An earlier answer to replay, or else the time of the claim this request now holds. */
    private record Claim(Optional<Object> earlier, Object claimedAt) {
    }

    /**
     * Inside the key's lock: the replay of a finished request with this key, or empty when the key
     * is free (never used, expired, or claimed by a request that was abandoned).
     */
    private Optional<Object> earlierResponse(InvocationContext ctx, HttpServerRequest request, String scope, String key,
            String fingerprint) throws Exception {
        if (!store.tryLock(scope, key)) {
            throw inFlight();
        }
        Optional<IdempotencyStore.StoredResponse> prior = store.find(scope, key);
        if (prior.isEmpty() || (prior.get().inFlight() && prior.get().stale())) {
            return Optional.empty();
        }
        if (!prior.get().fingerprint().equals(fingerprint)) {
            throw new ApiException(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request");
        }
        if (prior.get().inFlight()) {
            throw inFlight();
        }
        request.response().putHeader(REPLAYED_HEADER, "true");
        return Optional.of(replay(prior.get().answer(), ctx.getMethod().getGenericReturnType(), request));
    }

    private static ApiException inFlight() {
        return ApiException.conflict("idempotency_key_in_flight",
                "A request with this Idempotency-Key is still being processed; retry later");
    }

    private static <T> T inNewTransaction(java.util.concurrent.Callable<T> work) throws Exception {
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            // call() wraps checked exceptions; unwrap so the REST layer maps the original.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    // --- what is stored and replayed -----------------------------------------------------------

    /**
     * The answer as the client saw it. A {@link Response} keeps its status and headers; its entity is
     * stored as the JSON it was written as (a String entity as its own text, which is how it was
     * written), so that the replay writes the same bytes. Any other return value is stored as JSON
     * and read back into the method's return type, to be written by the same rules as the first time.
     */
    private Answer answerOf(Object result, HttpServerRequest request) throws JsonProcessingException {
        Response response = result instanceof RestResponse<?> rest ? rest.toResponse()
                : result instanceof Response plain ? plain : null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            // a header may also have been put on the HTTP response directly (a @Context HttpServerResponse)
            String value = response == null ? null : response.getHeaderString(name);
            if (value == null) {
                value = request.response().headers().get(name);
            }
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (response == null) {
            return new Answer(200, mapper.writeValueAsString(result), headers);
        }
        Object entity = response.getEntity();
        String body = entity == null ? null : entity instanceof String text ? text : mapper.writeValueAsString(entity);
        return new Answer(response.getStatus(), body, headers);
    }

    private Object replay(Answer answer, Type returnType, HttpServerRequest request) throws Exception {
        Class<?> raw = mapper.getTypeFactory().constructType(returnType).getRawClass();
        // no type stored: the REST layer chose it the first time, and for JSON it writes the charset too
        String type = answer.headers().getOrDefault(HttpHeaders.CONTENT_TYPE, JSON_AS_WRITTEN);
        if (Response.class.isAssignableFrom(raw)) {
            Response.ResponseBuilder builder = Response.status(answer.status()).type(type).entity(answer.body());
            answer.headers().forEach((name, value) -> {
                if (!name.equals(HttpHeaders.CONTENT_TYPE)) {
                    builder.header(name, value);
                }
            });
            return builder.build();
        }
        if (RestResponse.class.isAssignableFrom(raw)) {
            RestResponse.ResponseBuilder<Object> builder = RestResponse.ResponseBuilder.create(answer.status());
            builder.type(type).entity(answer.body());
            answer.headers().forEach((name, value) -> {
                if (!name.equals(HttpHeaders.CONTENT_TYPE)) {
                    builder.header(name, value);
                }
            });
            return builder.build();
        }
        // The body's type follows from @Produces again; the other headers go on the response directly.
        answer.headers().forEach((name, value) -> {
            if (!name.equals(HttpHeaders.CONTENT_TYPE)) {
                request.response().putHeader(name, value);
            }
        });
        return mapper.readValue(answer.body(), mapper.getTypeFactory().constructType(returnType));
    }

    // --- fingerprint ---------------------------------------------------------------------------

    /**
     * SHA-256 of the request's canonical JSON: method, path, query parameters by name (each name's
     * values in their order) and the body with the keys of every object sorted. Key order and
     * whitespace in the body do not matter; any other difference does. Only what the client sent
     * counts, never the method's other parameters (@Context objects, the identity, streams).
     */
    private String fingerprint(HttpServerRequest request, InvocationContext ctx) throws IOException {
        Map<String, Object> canonicalRequest = new TreeMap<>();
        canonicalRequest.put("method", request.method().name());
        canonicalRequest.put("path", request.path());
        try {
            Map<String, List<String>> query = new TreeMap<>();
            for (String name : request.params().names()) {
                query.put(name, request.params().getAll(name));
            }
            canonicalRequest.put("query", query);
        } catch (IllegalArgumentException undecodable) {
            // a query that does not decode (a stray %) counts as the text it is
            canonicalRequest.put("rawQuery", request.query());
        }
        canonicalRequest.putAll(body(ctx));
        byte[] text = canonical.writeValueAsBytes(canonicalRequest);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body as RESTEasy Reactive read it for the method: {@code body} holds its JSON as plain
     * maps and lists (so that its keys get sorted), {@code rawBody} a body that is no JSON. A stream
     * or reader is read here and handed to the method as a fresh one over the same content.
     */
    private Map<String, Object> body(InvocationContext ctx) throws IOException {
        ResteasyReactiveRequestContext rest = CurrentRequestManager.get();
        Object entity = rest == null ? null : rest.getRequestEntity();
        if (entity == null) {
            return Map.of();
        }
        if (entity instanceof InputStream stream) {
            byte[] bytes = stream.readAllBytes();
            replaceParameter(ctx, entity, new ByteArrayInputStream(bytes));
            return ofRaw(bytes);
        }
        if (entity instanceof Reader reader) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            replaceParameter(ctx, entity, new StringReader(text.toString()));
            return ofRaw(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (entity instanceof byte[] bytes) {
            return ofRaw(bytes);
        }
        if (entity instanceof String text) {
            return ofRaw(text.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode tree = mapper.valueToTree(entity);
        return Map.of("body", canonical.treeToValue(tree, Object.class));
    }

    private Map<String, Object> ofRaw(byte[] bytes) {
        try {
            JsonNode tree = rawBodyReader.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                return Map.of();
            }
            return Map.of("body", canonical.treeToValue(tree, Object.class));
        } catch (IOException notJson) {
            return Map.of("rawBody", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static void replaceParameter(InvocationContext ctx, Object old, Object replacement) {
        Object[] parameters = ctx.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == old) {
                parameters[i] = replacement;
            }
        }
        ctx.setParameters(parameters);
    }
}
