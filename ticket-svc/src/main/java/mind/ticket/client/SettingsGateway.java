package mind.ticket.client;

import java.time.temporal.ChronoUnit;
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

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to settings-svc. Every call is a plain GET, so every "not now" failure is retried;
 * a rejection (4xx) and a call that timed out are not. A missing profile or setting is data (empty).
 * No transaction (and no pooled connection) is held while settings-svc is asked.
 *
 * <p>The values below are defaults; {@code quarkus.fault-tolerance."mind.ticket.client.SettingsGateway/<method>".*}
 * overrides them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SettingsGateway {

    /** How settings-svc is named in errors and logs. */
    public static final String SERVICE = "settings-svc";

    private final SettingsClient client;

    public SettingsGateway(@RestClient SettingsClient client) {
        this.client = client;
    }

    /**
     * The profile with this id, empty when settings-svc has none.
     *
     * @throws RemoteRejectedException settings-svc refused the call (for example 403 for this token)
     * @throws RemoteUnavailableException settings-svc could not be reached or did not answer in time,
     *         or a {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Optional<RemoteProfile> profile(String id) {
        try {
            return Optional.ofNullable(client.profile(id));
        } catch (ProcessingException e) {
            return notFoundAsEmpty(RemoteErrors.unwrap(SERVICE, e));
        } catch (RemoteRejectedException e) {
            return notFoundAsEmpty(e);
        }
    }

    /** The value of one setting, empty when settings-svc does not know it. Same failures as {@link #profile}. */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Optional<JsonNode> setting(String name) {
        List<RemoteSetting> found;
        try {
            found = client.settings(name);
        } catch (ProcessingException e) {
            return notFoundAsEmpty(RemoteErrors.unwrap(SERVICE, e));
        } catch (RemoteRejectedException e) {
            return notFoundAsEmpty(e);
        }
        if (found == null) {
            return Optional.empty();
        }
        return found.stream().filter(s -> name.equals(s.name()) && s.value() != null && !s.value().isNull())
                .map(RemoteSetting::value).findFirst();
    }

    /** The subchannel with this id, empty when settings-svc has none. Same failures as {@link #profile}. */
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Optional<RemoteSubchannel.Subchannel> subchannel(long id) {
        try {
            RemoteSubchannel found = client.subchannel(id);
            return Optional.ofNullable(found == null ? null : found.subchannel());
        } catch (ProcessingException e) {
            return notFoundAsEmpty(RemoteErrors.unwrap(SERVICE, e));
        } catch (RemoteRejectedException e) {
            return notFoundAsEmpty(e);
        }
    }

    /**
     * Every tag, disabled ones too (tickets keep a tag that was disabled later), in the smallest format that has the
     * names. Does not block: it may be asked from a request's event loop; retries and the timeout run on timers.
     *
     * @param authorization the caller's {@code Authorization} header value (tags are read by admin, agent and
     *                      serviceWorker, as tickets are)
     * @return fails with {@link RemoteRejectedException} when settings-svc refuses the call, with
     *         {@link RemoteUnavailableException} when it cannot be reached or does not answer in time, or with a
     *         {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @AsynchronousNonBlocking
    @Timeout(1500)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Uni<List<RemoteTags.Tag>> tags(String authorization) {
        return client.tags(authorization, "compact", true)
                .onFailure(e -> !(e instanceof RemoteCallException)).transform(e -> RemoteErrors.unwrap(SERVICE,
                        e instanceof ProcessingException processing ? processing : new ProcessingException(e)))
                .map(answer -> {
                    if (answer == null || answer.tags() == null) {
                        throw new RemoteUnavailableException(SERVICE, 200, null, SERVICE + " answered without tags", null);
                    }
                    return answer.tags();
                });
    }

    private static <T> Optional<T> notFoundAsEmpty(RuntimeException e) {
        if (e instanceof RemoteRejectedException rejected && rejected.status() == 404) {
            return Optional.empty();
        }
        throw e;
    }
}
