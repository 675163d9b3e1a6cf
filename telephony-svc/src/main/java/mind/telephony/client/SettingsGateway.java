package mind.telephony.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to settings-svc. Reads are retried; the routing status write carries an Idempotency-Key
 * and is retried too. A profile that settings-svc does not know is empty, not an error.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SettingsGateway {

    public static final String SERVICE = "settings-svc";
    /** settings-svc's largest page of profiles. */
    static final int PAGE = 500;
    /** More agents than this are not read for one routing decision. */
    static final int MAX_PROFILES = 10_000;

    private final SettingsClient client;

    public SettingsGateway(@RestClient SettingsClient client) {
        this.client = client;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, TimeoutException.class,
            RemoteTimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Optional<AgentProfile> profile(long id, String authorization) {
        try {
            return Optional.ofNullable(client.profile(id, authorization));
        } catch (RemoteUnavailableException e) {
            if (e.status() == 404 && e.code() != null) {
                return Optional.empty(); // settings-svc's own "no such profile", not a missing route
            }
            throw e;
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, TimeoutException.class,
            RemoteTimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public List<AgentProfile> profiles(String authorization) {
        List<AgentProfile> all = new ArrayList<>();
        try {
            for (int offset = 0; offset < MAX_PROFILES; offset += PAGE) {
                List<AgentProfile> page = client.profiles(PAGE, offset, authorization);
                all.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
            }
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
        return all;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, TimeoutException.class,
            RemoteTimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public List<JsonNode> settings(List<String> names, String authorization) {
        try {
            return client.settings(names, authorization);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    /**
     * Writes settings with the caller's token (an admin changing the ACD). Retried like a read: writing the same
     * values again changes nothing.
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, TimeoutException.class,
            RemoteTimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public JsonNode saveSettings(JsonNode values, String authorization) {
        try {
            return client.saveSettings(authorization, values);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

    /** Not retried here: the outbox retries it with backoff, under the same Idempotency-Key. */
    @Timeout(2000)
    public JsonNode routingStatus(long userId, String authorization, String idempotencyKey, JsonNode body) {
        try {
            return client.routingStatus(userId, authorization, idempotencyKey, body);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }

}
