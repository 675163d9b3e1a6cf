package mind.aiagent.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;

/** The one way to settings-svc: reads only, retried when it says "not now". */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SettingsGateway {

    public static final String SERVICE = "settings-svc";

    private final SettingsTagClient tags;

    public SettingsGateway(@RestClient SettingsTagClient tags) {
        this.tags = tags;
    }

    /** The skill tags in settings-svc's full format ({@code {tags:[...]}}'s array). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public JsonNode skillTags() {
        try {
            JsonNode answer = tags.tags("skill", "full");
            return answer == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : answer.path("tags");
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }
}
