package mind.telephony.onbehalf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for settings-svc's profile reads and API key lookups, with a profile cache of two entries
 * so that its bound can be seen.
 */
public class SettingsServiceStub implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSettingsService {
    }

    static final int CACHE_MAX_SIZE = 2;

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("mind.auth.on-behalf-of.settings-url", server.baseUrl(),
                "mind.auth.on-behalf-of.cache-max-size", Integer.toString(CACHE_MAX_SIZE),
                "mind.auth.on-behalf-of.cache-ttl", "10m",
                "mind.auth.api-keys.settings-url", server.baseUrl(),
                "mind.auth.api-keys.cache-ttl", "10m");
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
