package mind.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;

/**
 * The local stand-in for the Ingress: one port, {@code /api/mind/...} routed by the Ingress path
 * table to the service that owns the prefix ({@link Forwarder} does the proxying). It also serves
 * {@code /api/mind/docs/open-api}, the five services' OpenAPI documents merged into one.
 *
 * <p>It never answers a bare 502: until the suite has seen a service ready, requests for its paths
 * get 503 {@code suite_starting}; once ready, a connection failure to it is 503
 * {@code service_unavailable}; both in the error shape with {@code Retry-After}.
 */
final class FrontDoor implements AutoCloseable {

    static final String OPENAPI_PATH = "/api/mind/docs/open-api";

    /** Seconds a client is asked to wait before trying again while a service starts or restarts. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Vertx vertx;
    private final RouteTable routes;
    private final Map<String, Integer> servicePorts;
    /** Where the services listen: the bind address, or loopback when they bind every interface. */
    private final String serviceHost;
    private final HttpClient client;
    /** Services the suite has seen ready; the others get "starting" answers. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private String host;

    FrontDoor(RouteTable routes, Map<String, Integer> servicePorts, String serviceHost) {
        this.vertx = Vertx.vertx();
        this.routes = routes;
        this.servicePorts = Map.copyOf(servicePorts);
        this.serviceHost = serviceHost;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(200));
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    FrontDoor start(String host, int port) {
        // Each service's origin fixed once: a request is routed once, by the handler.
        Map<String, SocketAddress> origins = new LinkedHashMap<>();
        for (String service : routes.services()) {
            origins.put(service, SocketAddress.inetSocketAddress(servicePorts.get(service), serviceHost));
        }
        Forwarder forwarder = new Forwarder(client, origins);
        // One server, one event loop: on the two cores this suite is measured on, one server per core
        // did not raise throughput, and a second loop competes with the services for the same CPU
        // (bench/RESULTS.md).
        server = listen(host, port, request -> route(request, forwarder));
        this.host = host;
        return this;
    }

    private HttpServer listen(String host, int port, Handler<HttpServerRequest> handler) {
        // HTTP/1.1 only: an h2c upgrade (the JDK's HTTP client asks for one) would reach the proxy as a
        // bodiless-length HTTP/2 stream it cannot forward to the HTTP/1.1 services
        // No WebSocket extensions: nothing behind the front door speaks WebSocket, and the extension handler
        // would look at every request on its way through the pipeline
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false))
                .requestHandler(handler)
                .listen(port, host).toCompletionStage().toCompletableFuture().join();
    }

    private void route(HttpServerRequest request, Forwarder forwarder) {
        String path = request.path();
        if (hasDotSegment(path)) {
            // "/api/mind/ticket/../../q/metrics" would match a prefix here and then resolve to an internal path
            error(request.response(), 400, "Paths must not contain '.' or '..' segments", "bad_path");
            return;
        }
        if (OPENAPI_PATH.equals(path) && request.method() == HttpMethod.GET) {
            serveOpenApi(request);
            return;
        }
        String service = routes.serviceFor(path).orElse(null);
        if (service == null) {
            error(request.response(), 404, "No service owns " + path, "not_found");
        } else if (ready.contains(service)) {
            forwarder.forward(request, service);
        } else {
            starting(request.response(), service);
        }
    }

    int port() {
        return server.actualPort();
    }

    /** The address the front door listens on. */
    String host() {
        return host;
    }

    /** From now on requests for the service's paths are proxied to it. */
    void markReady(String service) {
        ready.add(service);
    }

    private static void starting(HttpServerResponse response, String service) {
        response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
        error(response, 503, "Mind is starting; " + service + " is not ready yet", "suite_starting");
    }

    /** True when a segment, percent-decoded, is "." or ".."; also for undecodable paths. */
    static boolean hasDotSegment(String path) {
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0 && path.indexOf('\\') < 0) {
            return false; // nothing to decode and no dot: the common case, without splitting the path
        }
        for (String segment : path.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return true;
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return true;
            }
        }
        return false;
    }

    private void serveOpenApi(HttpServerRequest request) {
        for (String service : routes.services()) {
            if (!ready.contains(service)) {
                starting(request.response(), service);
                return;
            }
        }
        Map<String, Future<JsonNode>> documents = new LinkedHashMap<>();
        for (String service : routes.services()) {
            documents.put(service, client.request(HttpMethod.GET, servicePorts.get(service), serviceHost, "/q/openapi?format=json")
                    .compose(r -> r.send().compose(response -> response.body()))
                    .map(body -> readJson(body)));
        }
        Future.all(List.copyOf(documents.values())).onComplete(all -> {
            if (all.failed()) {
                request.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
                error(request.response(), 503, "A service did not return its OpenAPI document", "service_unavailable");
                return;
            }
            Map<String, JsonNode> byService = new LinkedHashMap<>();
            documents.forEach((service, document) -> byService.put(service, document.result()));
            ObjectNode merged;
            try {
                merged = merge(byService);
            } catch (MergeConflict conflict) {
                LOG.error("The OpenAPI documents cannot be merged: {}", conflict.getMessage());
                error(request.response(), 500, conflict.getMessage(), "openapi_conflict");
                return;
            }
            boolean json = "json".equals(request.getParam("format"));
            try {
                request.response()
                        .putHeader("Content-Type", json ? "application/json" : "application/yaml")
                        .end(json ? JSON.writeValueAsString(merged) : YAML.writeValueAsString(merged));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                error(request.response(), 500, "OpenAPI document could not be written", "internal_error");
            }
        });
    }

    /** Two services define one name differently; the merged document would silently keep only one. */
    static final class MergeConflict extends IllegalStateException {
        MergeConflict(String message) {
            super(message);
        }
    }

    /**
     * One document: all paths, all component entries and tags of the services (service name →
     * its document), under enneo's title. A component name that two services define with
     * different content, or a path two services both serve, is a {@link MergeConflict}: the same
     * name with the same content (the shared {@code ApiError}) is fine.
     */
    static ObjectNode merge(Map<String, JsonNode> documents) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", documents.isEmpty() ? "3.0.3"
                : documents.values().iterator().next().path("openapi").asText("3.0.3"));
        merged.putObject("info").put("title", "enneo.MIND API").put("version", "1")
                .put("description", "Mind: the five services' APIs behind one front door at /api/mind.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue();
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                String owner = owners.putIfAbsent("path " + path.getKey(), service);
                if (owner != null) {
                    throw new MergeConflict("The path " + path.getKey() + " is served by both " + owner + " and " + service);
                }
                paths.set(path.getKey(), path.getValue().deepCopy());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> section = it.next();
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> names = section.getValue().fields(); names.hasNext();) {
                    Map.Entry<String, JsonNode> component = names.next();
                    JsonNode existing = target.get(component.getKey());
                    if (existing != null && !existing.equals(component.getValue())) {
                        throw new MergeConflict("The " + section.getKey() + " entry '" + component.getKey() + "' differs between "
                                + owners.get(section.getKey() + "/" + component.getKey()) + " and " + service
                                + "; give one of them another name (@Schema(name = ...))");
                    }
                    owners.putIfAbsent(section.getKey() + "/" + component.getKey(), service);
                    target.set(component.getKey(), component.getValue().deepCopy());
                }
            }
            for (JsonNode tag : document.path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), tag);
            }
            if (document.has("security") && !merged.has("security")) {
                merged.set("security", document.get("security"));
            }
        }
        ArrayNode tagArray = merged.putArray("tags");
        tags.values().forEach(tagArray::add);
        return merged;
    }

    private static JsonNode readJson(Buffer body) {
        try {
            return JSON.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not a JSON OpenAPI document", e);
        }
    }

    static void error(HttpServerResponse response, int status, String message, String code) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(errorBody(message, code));
    }

    /** The one error shape of every Mind service. */
    static String errorBody(String message, String code) {
        ObjectNode body = JSON.createObjectNode();
        body.put("success", false);
        body.put("error", message);
        body.put("code", code);
        body.putArray("details");
        return body.toString();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
