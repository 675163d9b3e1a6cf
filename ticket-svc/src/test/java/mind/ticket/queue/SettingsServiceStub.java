package mind.ticket.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for settings-svc; the settings REST client is pointed at it. Unknown
 * profiles are 404 not_found and no setting is set, until a test stubs them. Tests get the server
 * through a field annotated {@link InjectSettingsService}.
 */
public class SettingsServiceStub implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSettingsService {
    }

    /** The running stub (one per test JVM at a time); tests add their stubs to it. */
    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(60));
        server.start();
        defaults(server);
        return Map.of("quarkus.rest-client.settings.url", server.baseUrl());
    }

    /** Back to the defaults: no profile known, no setting set. */
    static void reset() {
        server.resetMappings();
        defaults(server);
    }

    private static void defaults(WireMockServer server) {
        server.stubFor(get(urlPathMatching("/api/mind/profile/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"Profile not found\",\"code\":\"not_found\",\"details\":[]}")));
        server.stubFor(get(urlPathMatching("/api/mind/settings")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectSettingsService.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
