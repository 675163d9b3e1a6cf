package mind.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns {@link ResponseContract} off for one test class or method. Only for a test whose responses cannot
 * be described by the document on purpose; say why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface WithoutResponseContract {

    /** Why the responses of this test are not checked against the document. */
    String value();
}
