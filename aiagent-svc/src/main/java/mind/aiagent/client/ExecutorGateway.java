package mind.aiagent.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.aiagent.config.AiAgentConfig;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to the executor endpoint that runs source-code executors ({@code mind.aiagent.executor-url}).
 * The JDK's HTTP client rather than a MicroProfile REST client: no header of the caller may travel there
 * (the service-wide {@code propagateHeaders=Authorization} would hand the caller's token to customer code),
 * and the URL is the endpoint itself, not a base.
 *
 * <p>The request carries the agent's code and its decrypted secrets, so neither body is ever logged and no
 * message repeats what the endpoint answered: only status codes reach messages and logs. "Not now" failures
 * (no connection, 5xx, 408, 429) are retried once, like the LLM endpoint's; a call that timed out is not,
 * so that the whole outcome stays within what ticket-svc waits for it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ExecutorGateway {

    public static final String SERVICE = "the executor endpoint";
    /** Longest answer read; an executor's outcome is a short text and a few ticket fields. */
    static final int MAX_ANSWER = 1_000_000;

    private static final Logger LOG = Logger.getLogger(ExecutorGateway.class);

    private final Optional<URI> url;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper mapper;

    public ExecutorGateway(AiAgentConfig config, ObjectMapper mapper) {
        this.url = config.executorUrl().filter(s -> !s.isBlank()).map(s -> URI.create(s.strip()));
        this.timeout = config.executorTimeout();
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether {@code mind.aiagent.executor-url} is set. */
    public boolean configured() {
        return url.isPresent();
    }

    /**
     * POSTs {@code request} (language, code, parameters, ticket, secrets) and answers the body of a 2xx answer,
     * unread: whether it is a usable outcome is the caller's question, not a failure of the endpoint.
     *
     * @throws RemoteRejectedException    the endpoint refused the request (4xx other than 408/429)
     * @throws RemoteUnavailableException it could not be reached, failed or is overloaded
     * @throws RemoteTimeoutException     it did not answer in time
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public String run(ObjectNode request) {
        URI target = url.orElseThrow(() -> new IllegalStateException("the executor endpoint is not configured"));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the executor request could not be written", e);
        }
        HttpRequest post = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            LOG.debugf("Executor call timed out after %d ms", (System.nanoTime() - started) / 1_000_000);
            throw new RemoteTimeoutException(SERVICE, 0, SERVICE + " did not answer in time", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteUnavailableException(SERVICE, 0, null, SERVICE + " call was interrupted", null);
        } catch (IOException e) {
            // the exception's message may name the URL with its query (a token in it): only its type is logged
            LOG.debugf("Executor call failed: %s", e.getClass().getName());
            throw new RemoteUnavailableException(SERVICE, 0, null, SERVICE + " could not be reached"
                    + (e instanceof ConnectException ? "" : " (connection lost)"), null);
        }
        int status = response.statusCode();
        LOG.debugf("Executor answered HTTP %d in %d ms", status, (System.nanoTime() - started) / 1_000_000);
        if (status >= 200 && status < 300) {
            String text = response.body();
            return text != null && text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) : text;
        }
        if (status == 504) {
            throw new RemoteTimeoutException(SERVICE, status, SERVICE + " answered HTTP 504", null);
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new RemoteUnavailableException(SERVICE, status, null, SERVICE + " answered HTTP " + status, null);
        }
        throw new RemoteRejectedException(SERVICE, status, "executor_rejected", SERVICE + " refused the request (HTTP "
                + status + "): check mind.aiagent.executor-url and the agent's executor settings");
    }
}
