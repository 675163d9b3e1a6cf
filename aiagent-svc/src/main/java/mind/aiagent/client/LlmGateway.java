package mind.aiagent.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import mind.aiagent.config.AiAgentConfig;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to the LLM endpoint of smart agents: an OpenAI-compatible {@code /chat/completions}
 * through langchain4j. A chat request changes nothing there, so "not now" failures (no connection, 5xx,
 * 429) are retried once; a request that timed out is not, so that the whole outcome stays within what
 * ticket-svc waits for it. Failures become common's remote-call exceptions: rejected (401, 403, 404, 400:
 * the configuration is wrong, retrying will not help) or unavailable.
 *
 * <p>Nothing the endpoint says is passed on: its error bodies may quote the key (OpenAI's 401 does, in
 * part) and requests carry customer data, so langchain4j's request and response logging stays off and
 * only status codes reach messages and logs.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class LlmGateway {

    public static final String SERVICE = "the LLM endpoint";

    private static final Logger LOG = Logger.getLogger(LlmGateway.class);

    private final AiAgentConfig.Llm config;
    private final Optional<ChatModel> model;

    public LlmGateway(AiAgentConfig config) {
        this.config = config.llm();
        this.model = this.config.missing().isEmpty() ? Optional.of(build(this.config)) : Optional.empty();
    }

    private static ChatModel build(AiAgentConfig.Llm config) {
        return OpenAiChatModel.builder()
                .baseUrl(config.url().orElseThrow())
                .modelName(config.model().orElseThrow())
                .apiKey(config.key().orElseThrow())
                .temperature(config.temperature())
                .timeout(config.timeout())
                // retries are this class's (SmallRye Fault Tolerance), not the library's
                .maxRetries(0)
                .strictJsonSchema(true)
                // langchain4j refuses a schema-bound request unless the model is declared able to take one
                .supportedCapabilities(dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /** Whether url, model and key are set. */
    public boolean configured() {
        return model.isPresent();
    }

    public String modelName() {
        return config.model().orElse(null);
    }

    /**
     * Sends the messages and answers the text of the reply.
     *
     * @throws RemoteRejectedException    the endpoint refused the request (key, model, request)
     * @throws RemoteUnavailableException it could not be reached, failed or is overloaded
     * @throws RemoteTimeoutException     it did not answer in time
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public String chat(List<ChatMessage> messages, ResponseFormat format) {
        ChatModel chat = model.orElseThrow(() -> new IllegalStateException("the LLM endpoint is not configured"));
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = chat.chat(ChatRequest.builder().messages(messages).responseFormat(format).build());
        } catch (RuntimeException e) {
            throw classify(e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        LOG.debugf("LLM answered in %d ms (model %s, %s)", (System.nanoTime() - started) / 1_000_000,
                response.modelName(), response.tokenUsage());
        return text;
    }

    static RuntimeException classify(RuntimeException e) {
        // the exception's own message may quote the endpoint's answer (and with it part of the key): only its type is kept
        LOG.debugf("LLM call failed: %s", e.getClass().getName());
        if (e instanceof dev.langchain4j.exception.TimeoutException || hasCause(e, java.net.http.HttpTimeoutException.class)) {
            return new RemoteTimeoutException(SERVICE, 0, SERVICE + " did not answer in time", null);
        }
        int status = e instanceof dev.langchain4j.exception.HttpException http ? http.statusCode() : statusOf(e);
        if (e instanceof NonRetriableException && !(e instanceof dev.langchain4j.exception.UnresolvedModelServerException)) {
            return new RemoteRejectedException(SERVICE, status, "llm_rejected", SERVICE + " refused the request"
                    + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + hint(status));
        }
        return new RemoteUnavailableException(SERVICE, status, null, SERVICE + (status > 0 ? " answered HTTP " + status
                : " could not be reached"), null);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> "check mind.aiagent.llm.key";
            case 404 -> "check mind.aiagent.llm.url and mind.aiagent.llm.model";
            default -> "check mind.aiagent.llm.model and whether the endpoint supports JSON answers "
                    + "(mind.aiagent.llm.json-schema=false asks for a plain JSON object)";
        };
    }

    private static int statusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.langchain4j.exception.HttpException http) {
                return http.statusCode();
            }
        }
        return 0;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
