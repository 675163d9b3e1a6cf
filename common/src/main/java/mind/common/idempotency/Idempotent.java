package mind.common.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Switches the {@code Idempotency-Key} mechanism on for a state-changing resource method: the
 * first successful response to a key is kept ({@code mind.idempotency.retention}, 24 hours by
 * default) and replayed for the same key and the same request, with its status, body and the
 * headers {@code ETag}, {@code Location}, {@code Retry-After} and {@code Content-Type}, plus
 * {@code Idempotent-Replayed: true}. The same key with a different request gives 422; a request
 * still in flight gives 409. Requests without the header pass unchanged.
 *
 * <p>"The same request" means the same method, path, query parameters (by name; each name's
 * values in order) and body, compared as canonical JSON: the order of keys and whitespace in the
 * body do not matter. The method's other parameters ({@code @Context} objects, headers, the
 * identity) are not part of it; the key is scoped to the caller.
 *
 * <p>By default the whole method runs in one transaction with the stored response, so a response is
 * kept exactly when the method's writes were committed. A method that calls other services must not
 * hold a transaction (and a pooled connection) while it waits for them: with {@code atomic = false}
 * the key is claimed in a short transaction of its own, the method runs outside it, and its response
 * is stored in another. Should the process die in between, the claim blocks the key (409) until it is
 * older than {@code mind.idempotency.claim-stale} (120 s by default); after that the request may run again, so such a
 * method must itself be safe to repeat (for example by passing a key on to the services it calls).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    @Nonbinding
    boolean atomic() default true;
}
