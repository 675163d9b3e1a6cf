package mind.ticket.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

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

/**
 * The one way to settings-svc's profiles. A read, so "not now" failures are retried; a profile that
 * does not exist (404) is read as an agent without skills. No transaction or database connection is
 * held during the call.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SettingsProfiles {

    /** How settings-svc is named in errors and logs. */
    public static final String SERVICE = "settings-svc";

    /** An agent's skills (tag ids) and whether a ticket must carry all of them or at least one. */
    public record Skills(List<Long> tagIds, boolean matchAll) {
    }

    private final SettingsProfileClient client;

    public SettingsProfiles(@RestClient SettingsProfileClient client) {
        this.client = client;
    }

    /**
     * @param authorization the caller's {@code Bearer} header, so settings-svc applies the caller's own rights
     * @throws mind.common.client.RemoteUnavailableException settings-svc cannot answer now
     * @throws RemoteRejectedException settings-svc refused the request (other than 404)
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = { RemoteRejectedException.class, RemoteTimeoutException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = RemoteRejectedException.class)
    public Skills skillsOf(String profileId, String authorization) {
        AgentProfile profile;
        try {
            profile = client.get(profileId, authorization);
        } catch (SettingsProfileClient.ProfileNotFound e) {
            return new Skills(List.of(), false);
        } catch (ProcessingException e) {
            RuntimeException cause = RemoteErrors.unwrap(SERVICE, e);
            if (cause instanceof SettingsProfileClient.ProfileNotFound) {
                return new Skills(List.of(), false);
            }
            throw cause;
        }
        AgentProfile.Settings settings = profile == null ? null : profile.settings();
        if (settings == null) {
            return new Skills(List.of(), false);
        }
        List<Long> skills = settings.skills() == null ? List.of() : settings.skills().stream().filter(s -> s != null).toList();
        return new Skills(skills, "ALL".equals(settings.skillMatch()));
    }
}
