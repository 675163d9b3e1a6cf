package mind.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The path table of the Kubernetes Ingress (k8s/base/ingress.yaml, copied into this jar at build
 * time): prefix → service name. Matching follows Ingress {@code Prefix} semantics: whole path
 * segments, longest prefix wins.
 */
public record RouteTable(List<Route> routes) {

    public record Route(String prefix, String service) {
        boolean matches(String path) {
            // the prefix, then the end of the path or a new segment (no string built per request)
            return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }

    static final String RESOURCE = "/mind/local/ingress.yaml";

    public static RouteTable fromIngress() {
        try (InputStream in = RouteTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RouteTable parse(InputStream yaml) throws IOException {
        JsonNode ingress = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<Route> routes = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                if (!"Prefix".equals(path.path("pathType").asText())) {
                    throw new IllegalStateException("Only Prefix paths are supported: " + path);
                }
                routes.add(new Route(path.path("path").asText(), path.path("backend").path("service").path("name").asText()));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        return new RouteTable(List.copyOf(routes));
    }

    /** Asked for every request the front door forwards: a plain loop over the table, longest prefix first. */
    public Optional<String> serviceFor(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route.service());
            }
        }
        return Optional.empty();
    }

    public List<String> services() {
        return routes.stream().map(Route::service).distinct().sorted().toList();
    }
}
