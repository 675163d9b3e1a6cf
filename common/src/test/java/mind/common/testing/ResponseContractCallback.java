package mind.common.testing;

import java.lang.reflect.Method;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Installs {@link ResponseContract} before each {@code @QuarkusTest} method of every service (registered in
 * the test-jar's {@code META-INF/services}; Quarkus loads it in the application's class loader, the one
 * holding the rest-assured the test uses), unless the test class or method is {@link WithoutResponseContract}.
 */
public class ResponseContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ResponseContract.install();
        ResponseContract.activate(!optedOut(context.getTestInstance().getClass(), context.getTestMethod()));
    }

    static boolean optedOut(Class<?> testClass, Method method) {
        if (method != null && method.isAnnotationPresent(WithoutResponseContract.class)) {
            return true;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(WithoutResponseContract.class)) {
                return true;
            }
        }
        return false;
    }
}
