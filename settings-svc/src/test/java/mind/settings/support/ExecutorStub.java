package mind.settings.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for the executor endpoint that runs event hooks' functions
 * ({@code POST /run}); tests get it through a field annotated {@link InjectExecutor}.
 */
public class ExecutorStub implements QuarkusTestResourceLifecycleManager {

    public static final String RUN_PATH = "/run";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectExecutor {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        // the tests answer 503 on purpose; an open circuit would turn the next test's calls into "not now"
        return Map.of("mind.settings.hooks.executor-url", server.baseUrl() + RUN_PATH,
                "mind.settings.hooks.executor-timeout", "2S",
                "quarkus.fault-tolerance.\"mind.settings.hooks.HookExecutorGateway/run\".circuit-breaker.enabled", "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectExecutor.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
