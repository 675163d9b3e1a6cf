package mind.local;

import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Forwards one request to one service and streams the answer back: the front door's whole proxying,
 * kept to what an Ingress does for these services. Pooled keep-alive connections to each service, the
 * request and response bodies piped (so a Server-Sent Events stream flows), hop-by-hop headers dropped
 * (RFC 9110 §7.6.1), {@code X-Forwarded-For} appended. A service that does not accept the connection
 * gives 503 {@code service_unavailable} in the error shape, never a bare 502.
 *
 * <p>Written against Vert.x core rather than vertx-http-proxy: the proxy library's per-request
 * interceptor chain, body wrapping and cache checks cost the front door about two and a half times the
 * CPU per request of this direct pipe (bench/RESULTS.md), and the front door shares the machine's cores
 * with the services it fronts.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    /** Lower case, as Vert.x compares header names case-insensitively but this set is looked up by hand. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection");

    /** Answers up to this size are collected and written whole; larger ones are piped as they arrive. */
    static final long BUFFERED_ANSWER_BYTES = 256 * 1024;

    private final HttpClient client;
    private final Map<String, SocketAddress> origins;

    Forwarder(HttpClient client, Map<String, SocketAddress> origins) {
        this.client = client;
        this.origins = Map.copyOf(origins);
    }

    void forward(HttpServerRequest request, String service) {
        // nothing of the body may be read before there is a request to write it to
        request.pause();
        RequestOptions options = new RequestOptions()
                .setServer(origins.get(service))
                .setMethod(request.method())
                .setURI(request.uri());
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                request.resume();
                unavailable(request, service, created.cause());
                return;
            }
            HttpClientRequest outbound = created.result();
            copyHeaders(request.headers(), outbound.headers());
            String forwardedFor = request.getHeader("X-Forwarded-For");
            String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            outbound.putHeader("X-Forwarded-For", forwardedFor == null ? peer : forwardedFor + ", " + peer);
            boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (chunked) {
                outbound.setChunked(true);
            }
            outbound.response().onComplete(answered -> {
                if (answered.failed()) {
                    unavailable(request, service, answered.cause());
                    return;
                }
                respond(request.response(), answered.result());
            });
            if (!chunked && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                // no body (most GETs): the request goes out whole, without a pipe's handlers
                request.resume();
                outbound.end();
                return;
            }
            request.pipeTo(outbound).onFailure(failure -> {
                // the client went away mid-body, or the service closed the connection
                outbound.reset();
            });
        });
    }

    private static void respond(HttpServerResponse response, HttpClientResponse answer) {
        response.setStatusCode(answer.statusCode());
        response.setStatusMessage(answer.statusMessage());
        copyHeaders(answer.headers(), response.headers());
        // the client went away mid-answer (a load tool stopping, a closed tab): stop the service's answer
        // too, else its next chunk is written into a closed response (an unhandled "already written")
        response.closeHandler(closed -> answer.request().reset());
        long length = contentLength(answer);
        if (length < 0) {
            response.setChunked(true);
        } else if (length <= BUFFERED_ANSWER_BYTES) {
            // a small answer of known length (nearly all of them) is collected and written in one go: the
            // head and the body leave in one write, without a pipe's pause, resume and drain handlers
            answer.body().onComplete(body -> {
                if (body.failed()) {
                    response.reset();
                } else if (!response.closed()) {
                    response.end(body.result());
                }
            });
            return;
        }
        answer.pipeTo(response).onFailure(failure -> {
            // headers are out already: the only honest signal left is to drop the connection
            response.reset();
        });
    }

    /** The answer's Content-Length, or -1 when it has none (chunked, a stream) or one that does not read. */
    private static long contentLength(HttpClientResponse answer) {
        String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        String connection = from.get(HttpHeaders.CONNECTION);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && (connection == null || !listedIn(connection, name))) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** Whether the Connection header names this header as hop-by-hop ({@code Connection: close, x-foo}). */
    private static boolean listedIn(String connection, String name) {
        for (String token : connection.split(",")) {
            if (token.strip().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void unavailable(HttpServerRequest request, String service, Throwable failure) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        // the path only: a query may carry a secret (an OAuth callback's code and state, a client's token)
        LOG.warn("{} did not answer {} {}: {}", service, request.method(), request.path(), failure.toString());
        response.putHeader("Retry-After", FrontDoor.RETRY_AFTER_SECONDS);
        FrontDoor.error(response, 503, "Service unavailable: " + service + " does not answer", "service_unavailable");
    }
}
