package mind.common.hooks;

import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.client.RemoteTimeoutException;
import mind.common.client.RemoteUnavailableException;

/**
 * The one way to settings-svc's event hooks, for the services that relay their events there (ticket-svc's and
 * aiagent-svc's relays; each needs {@code quarkus.rest-client.event-hooks.url}). Reading the hooks is a plain GET and sending
 * events carries an Idempotency-Key (and each event a key settings-svc deduplicates by), so "not now" failures are
 * retried, a timed-out send too; a rejection (4xx) is not. No transaction (and no pooled connection) is held while
 * settings-svc is asked.
 *
 * <p>The values below are defaults; {@code quarkus.fault-tolerance."mind.common.hooks.EventHookGateway/<method>".*}
 * overrides them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class EventHookGateway {

    /** How settings-svc is named in errors and logs. */
    public static final String SERVICE = "settings-svc";

    private final EventHookClient client;

    public EventHookGateway(@RestClient EventHookClient client) {
        this.client = client;
    }

    /**
     * The event types at least one hook listens to.
     *
     * @param authorization this service's {@code Authorization} header value (serviceWorker)
     * @throws RemoteRejectedException settings-svc refused the call (401/403: the token)
     * @throws RemoteUnavailableException settings-svc could not be reached or did not answer in time, or a
     *         {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Set<String> listenedTypes(String authorization) {
        RemoteEventHooks answer;
        try {
            answer = client.hooks(authorization);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
        if (answer == null || answer.eventHooks() == null) {
            throw new RemoteUnavailableException(SERVICE, 200, null, SERVICE + " answered without eventHooks", null);
        }
        return answer.eventHooks().stream().map(RemoteEventHooks.Hook::event).filter(e -> e != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Hands events to settings-svc, which runs the hooks that listen to them. Sent again under the same
     * {@code idempotencyKey} (and event keys) after any failure, it runs nothing twice.
     *
     * @throws RemoteRejectedException settings-svc refused the events (400, 422: not to be sent again as they are)
     * @throws RemoteUnavailableException settings-svc could not be reached or did not answer in time, or a
     *         {@link org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException}
     */
    @Timeout(10000)
    @Retry(maxRetries = 1, delay = 200, jitter = 50, abortOn = { RemoteRejectedException.class,
            CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public HookEventsAccepted send(String authorization, String idempotencyKey, HookEvents events) {
        try {
            return client.events(authorization, idempotencyKey, events);
        } catch (ProcessingException e) {
            throw RemoteErrors.unwrap(SERVICE, e);
        }
    }
}
