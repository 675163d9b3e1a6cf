package mind.telephony.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for the phone provider: test calls at {@value #TEST_CALL}, outbound calls at
 * {@value #OUTBOUND_CALL}. Tests get the server through a field annotated {@link InjectPhoneProvider}.
 */
public class PhoneProviderStub implements QuarkusTestResourceLifecycleManager {

    static final String TEST_CALL = "/provider/test-call";
    static final String OUTBOUND_CALL = "/provider/outbound-call";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPhoneProvider {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("mind.telephony.provider-test-call-url", server.baseUrl() + TEST_CALL,
                "mind.telephony.provider-outbound-call-url", server.baseUrl() + OUTBOUND_CALL);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectPhoneProvider.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
