package mind.common.idempotency;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import mind.common.error.ApiException;
import mind.common.error.FieldError;

@Idempotent
@Interceptor
// Before @Transactional, so that the service's transaction joins the one opened here.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private final CurrentVertxRequest currentRequest;
    private final SecurityIdentity identity;
    private final IdempotencyStore store;
    private final ObjectMapper canonical;
    private final ObjectMapper mapper;

    public IdempotencyInterceptor(CurrentVertxRequest currentRequest, SecurityIdentity identity, IdempotencyStore store,
            ObjectMapper mapper) {
        this.currentRequest = currentRequest;
        this.identity = identity;
        this.store = store;
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
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
        String fingerprint = fingerprint(request.method().name(), request.path(), ctx.getParameters());

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
            store.save(scope, key, fingerprint, statusOf(result), mapper.writeValueAsString(entityOf(result)));
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
                // the claim goes stale and the key becomes usable again after CLAIM_STALE_SECONDS
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        String body = mapper.writeValueAsString(entityOf(result));
        inNewTransaction(() -> {
            store.complete(scope, key, claim.claimedAt(), statusOf(result), body);
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
        return Optional.of(replay(prior.get(), ctx.getMethod().getGenericReturnType()));
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

    private Object replay(IdempotencyStore.StoredResponse stored, Type returnType) throws Exception {
        if (returnType == Response.class) {
            return Response.status(stored.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(stored.body()).build();
        }
        return mapper.readValue(stored.body(), mapper.getTypeFactory().constructType(returnType));
    }

    private String fingerprint(String method, String path, Object[] parameters) throws Exception {
        String text = method + " " + path + "\n" + canonical.writeValueAsString(parameters);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int statusOf(Object result) {
        return result instanceof Response response ? response.getStatus() : 200;
    }

    private static Object entityOf(Object result) {
        return result instanceof Response response ? response.getEntity() : result;
    }
}
