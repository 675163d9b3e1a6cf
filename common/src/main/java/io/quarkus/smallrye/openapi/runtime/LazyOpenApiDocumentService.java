package io.quarkus.smallrye.openapi.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;

/**
 * Mind (common): Quarkus's OpenAPI document service, with the document prepared when {@code /q/openapi}
 * is first asked for instead of during the start.
 *
 * <p>At every start quarkus-smallrye-openapi parses the document the build generated (140 kB of JSON in
 * ticket-svc, read through a YAML parser) and writes it out again as JSON and as YAML before the service is
 * ready, for a document that only {@code /q/openapi} serves: 0.2–0.5 s of ticket-svc's start on these
 * machines (bench/RESULTS.md). Here {@link #prepareDocument} only remembers what Quarkus asked for; the
 * first {@link #getDocument} does that same work, once, with the class loader of the start, on the worker
 * thread of the request ({@code /q/openapi} is a blocking route), and logs it. The document is byte for byte
 * the one Quarkus would have served. One that cannot be prepared fails its requests (500, logged) where it
 * would have failed the start.
 *
 * <p>In Quarkus's package because {@code prepareDocument} is package-private there: a CDI alternative of the
 * {@code @ApplicationScoped} service, which {@code OpenApiRecorder} and {@code OpenApiHandler} look up by its
 * type. Overriding a package-private method needs both classes in one class loader: true of the packaged
 * application (one loader for everything), not of dev and test mode, which load a workspace module such as
 * common apart from the extensions. Hence the prod profile only; tests run Quarkus's own eager service, and
 * {@code LazyOpenApiDocumentIT} (local/) checks the packaged services.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@Unremovable
@IfBuildProfile("prod")
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    /** The start of the line logged when a document is prepared; {@code LazyOpenApiDocumentIT} looks for it. */
    public static final String PREPARED = "OpenAPI document prepared on first request";
    private static final Logger LOG = Logger.getLogger(LazyOpenApiDocumentService.class);

    private record Request(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filtersByStage,
            String documentName) {
    }

    /** What Quarkus asked to prepare and has not been prepared yet. */
    private final List<Request> pending = new ArrayList<>();
    private ClassLoader startLoader;

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filtersByStage, String documentName) {
        startLoader = Thread.currentThread().getContextClassLoader();
        pending.add(new Request(autoSecurityFilter, filtersByStage, documentName));
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        prepare();
        return super.getDocument(documentName, format);
    }

    private synchronized void prepare() {
        if (pending.isEmpty()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader requestLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(startLoader);
        try {
            while (!pending.isEmpty()) {
                Request request = pending.getFirst();
                long start = System.nanoTime();
                super.prepareDocument(request.autoSecurityFilter(), request.filtersByStage(), request.documentName());
                pending.removeFirst();
                LOG.infof("%s: %s in %d ms", PREPARED, request.documentName(), (System.nanoTime() - start) / 1_000_000);
            }
        } finally {
            thread.setContextClassLoader(requestLoader);
        }
    }
}
