package mind.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;

/**
 * The local stand-in for the Ingress: one port, {@code /api/mind/...} routed by the Ingress path
 * table to the service that owns the prefix (vertx-http-proxy does the proxying). It also serves
 * {@code /api/mind/docs/open-api}, the five services' OpenAPI documents merged into one.
 */
final class FrontDoor implements AutoCloseable {

    static final String OPENAPI_PATH = "/api/mind/docs/open-api";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Vertx vertx;
    private final RouteTable routes;
    private final Map<String, Integer> servicePorts;
    private final HttpClient client;
    private HttpServer server;

    FrontDoor(RouteTable routes, Map<String, Integer> servicePorts) {
        this.vertx = Vertx.vertx();
        this.routes = routes;
        this.servicePorts = Map.copyOf(servicePorts);
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(200));
    }

    FrontDoor start(int port) {
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .originSelector(request -> Future.succeededFuture(
                        SocketAddress.inetSocketAddress(servicePorts.get(routes.serviceFor(request.path()).orElseThrow()), "localhost")));
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    String path = request.path();
                    if (hasDotSegment(path)) {
                        // "/api/mind/ticket/../../q/metrics" would match a prefix here and then resolve to an internal path
                        error(request.response(), 400, "Paths must not contain '.' or '..' segments", "bad_path");
                    } else if (OPENAPI_PATH.equals(path) && request.method() == HttpMethod.GET) {
                        serveOpenApi(request);
                    } else if (routes.serviceFor(path).isPresent()) {
                        proxy.handle(request);
                    } else {
                        error(request.response(), 404, "No service owns " + path, "not_found");
                    }
                });
        server.listen(port, "0.0.0.0").toCompletionStage().toCompletableFuture().join();
        return this;
    }

    int port() {
        return server.actualPort();
    }

    /** True when a segment, percent-decoded, is "." or ".."; also for undecodable paths. */
    static boolean hasDotSegment(String path) {
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
        List<Future<JsonNode>> documents = new ArrayList<>();
        for (String service : routes.services()) {
            documents.add(client.request(HttpMethod.GET, servicePorts.get(service), "localhost", "/q/openapi?format=json")
                    .compose(r -> r.send().compose(response -> response.body()))
                    .map(body -> readJson(body)));
        }
        Future.all(documents).onComplete(all -> {
            if (all.failed()) {
                error(request.response(), 503, "A service did not return its OpenAPI document", "dependency_unavailable");
                return;
            }
            ObjectNode merged = merge(documents.stream().map(Future::result).toList());
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

    /** One document: all paths, all component entries and tags of the services, under enneo's title. */
    static ObjectNode merge(List<JsonNode> documents) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", documents.isEmpty() ? "3.0.3" : documents.get(0).path("openapi").asText("3.0.3"));
        merged.putObject("info").put("title", "enneo.MIND API").put("version", "1")
                .put("description", "Mind: the five services' APIs behind one front door at /api/mind.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            paths.setAll((ObjectNode) document.path("paths").deepCopy().require());
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> section = it.next();
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                target.setAll((ObjectNode) section.getValue().deepCopy());
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("code", code);
        body.put("details", List.of());
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            response.setStatusCode(status).end();
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
