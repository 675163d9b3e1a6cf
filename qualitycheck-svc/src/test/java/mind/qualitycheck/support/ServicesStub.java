package mind.qualitycheck.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import mind.common.testing.TestTokens;

/**
 * One WireMock server standing in for aiagent-svc and ticket-svc (their paths do not overlap); both REST
 * clients point at it, and the worker gets a service token signed with the test key. Tests get the
 * server through a field annotated {@link InjectServices}.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectServices {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(60));
        server.start();
        return Map.of("quarkus.rest-client.aiagent.url", server.baseUrl(),
                "quarkus.rest-client.ticket.url", server.baseUrl(),
                "mind.qualitycheck.worker.service-token", TestTokens.serviceWorker());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectServices.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
