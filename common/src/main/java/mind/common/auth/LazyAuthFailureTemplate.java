package mind.common.auth;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Spares every request the computation of its URL template that Quarkus REST makes in case its authentication fails.
 *
 * <p>With lazy authentication ({@code quarkus.http.auth.proactive=false}) and Micrometer or OpenTelemetry present,
 * Quarkus REST installs a route right after the authentication handler (priority 199) that replaces the default
 * authentication-failure handler with its own {@code FailingDefaultAuthFailureHandler} (it fails the routing context,
 * so that a 401 goes through the REST layer's exception mappers, our error shape). Before replacing it, that route
 * computes the request's URL template ({@code /ticket/{ticketId}}) for the metrics of a failure, for every request:
 * a new request mapper over every resource class each time, 3.6% of the CPU of a GET /ticket/{id}
 * (bench/RESULTS.md). The REST layer itself takes that handler out again as soon as it starts on the request, and
 * authenticates inside, where its own handler chain has already named the template. So the eager template only ever
 * serves a failure before the REST layer: an HTTP permission ({@code quarkus.http.auth.permission.*}), which no
 * service here configures.
 *
 * <p>This route runs between the two (Router observers are added before Quarkus's filters, and among routes of the
 * same order the first added runs first) and puts the same handler in place, one instance of Quarkus's own class
 * (the REST layer recognises it by its class to take it out), without the template. Quarkus's route then finds no
 * default handler and does nothing. Should Quarkus rename the class, the route is not installed and a warning says
 * so: requests are then served as Quarkus does by default. {@code AuthFailureTemplateTest} (ticket-svc) fails in
 * that case, and checks that a refused token is still answered 401 in the error shape and counted under its URL
 * template.
 */
@ApplicationScoped
@RegisterForReflection(classNames = LazyAuthFailureTemplate.QUARKUS_FAILING_HANDLER)
public class LazyAuthFailureTemplate {

    private static final Logger LOG = Logger.getLogger(LazyAuthFailureTemplate.class);

    /** Quarkus REST's handler that fails the routing context; stateless, so one instance serves every request. */
    static final String QUARKUS_FAILING_HANDLER =
            "io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder$FailingDefaultAuthFailureHandler";

    /** Quarkus REST's route that replaces the default handler runs at this priority (a route order of -199). */
    static final int QUARKUS_REPLACING_ROUTE_PRIORITY = 199;

    void install(@Observes Router router) {
        BiConsumer<RoutingContext, Throwable> failing = quarkusFailingHandler();
        if (failing == null) {
            return;
        }
        router.route().order(-QUARKUS_REPLACING_ROUTE_PRIORITY).handler(context -> {
            if (context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
                context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, failing);
            }
            context.next();
        });
    }

    @SuppressWarnings("unchecked")
    private static BiConsumer<RoutingContext, Throwable> quarkusFailingHandler() {
        try {
            var constructor = Class.forName(QUARKUS_FAILING_HANDLER, true, LazyAuthFailureTemplate.class.getClassLoader())
                    .getDeclaredConstructor();
            constructor.setAccessible(true);
            return (BiConsumer<RoutingContext, Throwable>) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            LOG.warnf("Quarkus REST's %s is not there (%s): every request computes its URL template beforehand",
                    QUARKUS_FAILING_HANDLER, notThere);
            return null;
        }
    }
}
