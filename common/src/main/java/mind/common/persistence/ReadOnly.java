package mind.common.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a service method that only reads. Called on its own (the usual case: a GET), it runs
 * without a transaction on a read-only Hibernate session: entities it loads are not snapshotted for
 * dirty checking, nothing can be flushed, and no BEGIN/COMMIT round trips are spent. Called from
 * within a transaction (a write that reads on the way), it simply joins it and leaves that
 * transaction's session as it is.
 *
 * <p>A read method builds its views (response records) itself, from entities that are still
 * managed, and returns those: entities never leave the service.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ReadOnly {
}
