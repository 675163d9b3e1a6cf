package mind.common.persistence;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.hibernate.Session;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** See {@link ReadOnly}. */
@ReadOnly
@Interceptor
// After @Transactional (PLATFORM_BEFORE + 200), so that a method carrying both sees its transaction.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 210)
public class ReadOnlyInterceptor {

    private final Session session;

    public ReadOnlyInterceptor(Session session) {
        this.session = session;
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        if (QuarkusTransaction.isActive()) {
            // part of a unit of work that may write: its session is not ours to change
            return ctx.proceed();
        }
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return readOnly(ctx);
        }
        // Background work: outside a transaction Quarkus serves a request-scoped session, so open one
        // for this read and close it (with its session) afterwards.
        requestContext.activate();
        try {
            return readOnly(ctx);
        } finally {
            requestContext.terminate();
        }
    }

    private Object readOnly(InvocationContext ctx) throws Exception {
        boolean before = session.isDefaultReadOnly();
        session.setDefaultReadOnly(true);
        try {
            return ctx.proceed();
        } finally {
            session.setDefaultReadOnly(before);
        }
    }
}
