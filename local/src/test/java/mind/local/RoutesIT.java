package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Path ownership: what each running service serves (its own {@code /q/openapi}) against the
 * Ingress path table (k8s/base/ingress.yaml) that both Kubernetes and the front door route by.
 */
class RoutesIT {

    /**
     * Prefixes in the Ingress for endpoints that are not built yet (DESIGN.md's path table). Each
     * must still be unserved: when its first endpoint arrives this test fails until the prefix is
     * taken off this list, so the list only ever shrinks.
     */
    static final Set<String> RESERVED = Set.of();

    /**
     * Prefixes served by a plain HTTP route rather than a JAX-RS resource, so absent from the
     * service's own OpenAPI document: the API reference page (Swagger UI) of qualitycheck-svc.
     */
    static final Set<String> NOT_IN_OPENAPI = Set.of("/api/mind/docs");

    static RunningSuite suite;
    static final RouteTable ROUTES = RouteTable.fromIngress();
    /** Service → the paths its own OpenAPI document lists. */
    static final Map<String, List<String>> SERVED = new LinkedHashMap<>();

    @BeforeAll
    static void readEachServicesDocument() throws IOException {
        suite = RunningSuite.get();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Integer> service : suite.config().servicePorts().entrySet()) {
            String body = given().baseUri("http://127.0.0.1").port(service.getValue()).queryParam("format", "json")
                    .get("/q/openapi").then().statusCode(200).extract().asString();
            List<String> paths = new ArrayList<>();
            json.readTree(body).path("paths").fieldNames().forEachRemaining(paths::add);
            SERVED.put(service.getKey(), paths);
        }
    }

    @Test
    void everyPathAServiceServesIsRoutedToThatService() {
        int checked = 0;
        for (Map.Entry<String, List<String>> service : SERVED.entrySet()) {
            for (String path : service.getValue()) {
                assertEquals(Optional.of(service.getKey()), ROUTES.serviceFor(path),
                        path + " is served by " + service.getKey() + " but the Ingress routes it elsewhere");
                checked++;
            }
        }
        assertTrue(checked > 0, "no service lists a path");
    }

    @Test
    void everyPrefixIsServedByItsServiceUnlessReserved() {
        for (RouteTable.Route route : ROUTES.routes()) {
            if (NOT_IN_OPENAPI.contains(route.prefix())) {
                int port = suite.config().servicePorts().get(route.service());
                given().baseUri("http://127.0.0.1").port(port).get(route.prefix() + "/").then().statusCode(200);
                continue;
            }
            boolean served = SERVED.getOrDefault(route.service(), List.of()).stream().anyMatch(route::matches);
            if (RESERVED.contains(route.prefix())) {
                assertFalse(served, route.prefix() + " is served now: take it off RoutesIT.RESERVED");
            } else {
                assertTrue(served, route.prefix() + " is routed to " + route.service() + ", which serves nothing under it");
            }
        }
    }

    @Test
    void reservedPrefixesAreInTheIngress() {
        for (String prefix : RESERVED) {
            assertTrue(ROUTES.routes().stream().anyMatch(route -> route.prefix().equals(prefix)),
                    prefix + " is no longer in the Ingress: take it off RoutesIT.RESERVED");
        }
    }

    /** MIND_BIND unset: nothing of the suite answers on another address of this machine. */
    @Test
    void theSuiteListensOnLoopbackOnly() throws IOException {
        assertEquals("127.0.0.1", suite.config().bindHost());
        List<Integer> ports = new ArrayList<>(suite.config().servicePorts().values());
        ports.add(suite.frontDoorPort());
        ports.add(suite.config().postgresPort());
        for (int port : ports) {
            try (Socket loopback = new Socket("127.0.0.1", port)) {
                assertTrue(loopback.isConnected());
            }
            for (InetAddress address : TestNetwork.nonLoopbackAddresses()) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2000);
                    }
                }, "port " + port + " answers on " + address);
            }
        }
    }
}
