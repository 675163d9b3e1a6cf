package mind.aiagent.smart;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A WireMock server standing in for an OpenAI-compatible chat endpoint; the LLM settings point at it. */
public class LlmStub implements QuarkusTestResourceLifecycleManager {

    public static final String KEY = "sk-test-9f8e7d6c5b4a-do-not-leak";
    public static final String MODEL = "gpt-4o-mini";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectLlm {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("mind.aiagent.llm.url", server.baseUrl() + "/v1",
                "mind.aiagent.llm.model", MODEL,
                "mind.aiagent.llm.key", KEY,
                "mind.aiagent.llm.timeout", "3000MS");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectLlm.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
