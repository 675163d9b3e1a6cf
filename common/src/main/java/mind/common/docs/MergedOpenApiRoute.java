package mind.common.docs;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/mind/docs/open-api}: the merged OpenAPI document of all five services, public, for
 * the API reference page at {@code /api/mind/docs} (quarkus-swagger-ui in the service that serves it).
 *
 * <p>In a cluster no service can merge the documents at run time without calling the other four
 * (edges the NetworkPolicies do not allow), so the merge happens at build time ({@code ./mind openapi})
 * and the file reaches the pod as a ConfigMap (README "API reference"). The file is read on every
 * request: a replaced ConfigMap is served without a restart, and the document is asked for rarely.
 * Locally the front door merges the running services' documents itself and never calls this.
 */
@ApplicationScoped
public class MergedOpenApiRoute {

    public static final String PATH = "/api/mind/docs/open-api";
    private static final Logger LOG = Logger.getLogger(MergedOpenApiRoute.class);

    private final DocsConfig config;

    public MergedOpenApiRoute(DocsConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        config.mergedDocument().ifPresent(file -> {
            LOG.infof("Serving the merged OpenAPI document %s at %s", file, PATH);
            // before the reference page's own routes below /api/mind/docs
            router.route(HttpMethod.GET, PATH).order(-100).handler(rc -> serve(rc, file));
        });
    }

    private static void serve(RoutingContext rc, Path file) {
        rc.vertx().executeBlocking(() -> Files.readAllBytes(file), false).onComplete(read -> {
            if (read.succeeded()) {
                rc.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-cache")
                        .end(io.vertx.core.buffer.Buffer.buffer(read.result()));
            } else {
                LOG.warnf("The merged OpenAPI document %s cannot be read: %s", file, read.cause().toString());
                rc.response().setStatusCode(503).putHeader("Content-Type", "application/json").putHeader("Retry-After", "30")
                        .end("{\"success\":false,\"error\":\"The API document is not installed yet\",\"code\":\"service_unavailable\",\"details\":[]}");
            }
        });
    }
}
