package mind.common.docs;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the one service that serves the API reference in a cluster finds the merged document. */
@ConfigMapping(prefix = "mind.docs")
public interface DocsConfig {

    /**
     * The merged OpenAPI document of all five services (JSON, written by {@code ./mind openapi}),
     * served at {@code GET /api/mind/docs/open-api}. Unset (every service but the one the Ingress
     * sends {@code /api/mind/docs} to): the path is not served.
     */
    Optional<Path> mergedDocument();
}
