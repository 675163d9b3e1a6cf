package mind.ticket.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * Test-only route: answers the class and identity of the authentication-failure handler a request carries once the
 * security routes have run (mind.common.auth.LazyAuthFailureTemplate puts one shared instance in place, where Quarkus
 * REST makes a new one for every request).
 */
@ApplicationScoped
public class AuthFailureHandlerProbe {

    public static final String PATH = "/test/auth-failure-handler";

    void install(@Observes Router router) {
        router.get(PATH).handler(context -> {
            Object handler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            context.response().end(handler == null ? "none"
                    : handler.getClass().getName() + "@" + System.identityHashCode(handler));
        });
    }
}
