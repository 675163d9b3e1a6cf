package mind.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The merged OpenAPI document from the documents the services' builds stored
 * ({@code <service>/target/openapi/openapi.json}, root pom property
 * {@code quarkus.smallrye-openapi.store-schema-directory}), for the ConfigMap a cluster serves.
 */
final class OpenApiBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiBundle() {
    }

    static String merge(Path root) throws IOException {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : RouteTable.fromIngress().services()) {
            Path stored = root.resolve(service).resolve("target/openapi/openapi.json");
            if (!Files.exists(stored)) {
                throw new IllegalStateException(stored + " is missing: build the services first (./mind build)");
            }
            documents.put(service, JSON.readTree(stored.toFile()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(FrontDoor.merge(documents));
    }
}
