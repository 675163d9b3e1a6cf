package mind.common.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Switches the {@code Idempotency-Key} mechanism on for a state-changing resource method: the
 * first successful response to a key is kept for 24 hours and replayed for the same key and the
 * same request; the same key with a different request gives 422; a request still in flight gives
 * 409. The whole method runs in one transaction with the stored response, so a response is kept
 * exactly when the method's writes were committed. Requests without the header pass unchanged.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {
}
