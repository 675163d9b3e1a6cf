package mind.telephony.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** telephony-svc's tunables ({@code mind.telephony.*}). */
@ConfigMapping(prefix = "mind.telephony")
public interface TelephonyConfig {

    Claim claim();

    Outbox outbox();

    Acd acd();

    /**
     * {@code Retry-After} of a 503 when ticket-svc is unavailable: about the circuit breaker's pause,
     * sooner than that a resend would most likely fail again.
     */
    @WithDefault("5")
    int retryAfterSeconds();

    /** ticket-svc's limit on a ticket body; a transcript that renders longer is refused before calling it. */
    @WithDefault("500000")
    int maxTicketBody();

    /**
     * The bearer token (a serviceWorker JWT, without "Bearer ") this service presents to ticket-svc and
     * settings-svc when it acts on its own: outbox deliveries, agent and settings reads. A secret: from
     * the environment (MIND_TELEPHONY_SERVICE_TOKEN), never logged. Unset: reads use the caller's token and
     * outbox deliveries fail (and are retried) until it is set.
     */
    Optional<String> serviceToken();

    /** Region used to read phone numbers written without country code (ISO 3166 code). */
    @WithDefault("DE")
    String defaultRegion();

    /** The phone provider's endpoint for test calls ({@code POST} {@code {phoneNumber, subchannelId}}); unset: none. */
    Optional<URI> providerTestCallUrl();

    /**
     * The phone provider's endpoint for agents' outbound calls ({@code POST}
     * {@code {phoneNumber, subchannelId, isPhoneNumberHidden}}); unset: none.
     */
    Optional<URI> providerOutboundCallUrl();

    /** A call's queue entry while its ticket is being made. */
    interface Claim {

        /**
         * How long a claim may stay without its ticket before another request takes it over. Unset:
         * the ticket client's worst case plus {@link #margin()}. Set: it must not be shorter than that
         * worst case, or the service does not start (a live holder would be overtaken).
         */
        Optional<Duration> staleAfter();

        /** Added to the ticket client's worst case when {@link #staleAfter()} is unset. */
        @WithDefault("1s")
        Duration margin();

        /** Between looks at a call that another request is registering; each look is one short transaction. */
        @WithDefault("50ms")
        Duration poll();

        /** A claim that vanishes repeatedly (holders giving up in turn) ends in a 503 after this many rounds. */
        @WithDefault("3")
        int maxRounds();
    }

    /** Delivery of the outbox. */
    interface Outbox {

        /** How often each replica looks for due rows ({@code off} disables the schedule). */
        @WithDefault("1s")
        String every();

        /** Rows leased by one replica per round. */
        @WithDefault("50")
        int batch();

        /** How long a leased row is left to its replica before another may take it (a replica died). */
        @WithDefault("30s")
        Duration lease();

        /** First wait after a failed delivery; doubled per attempt up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration backoff();

        @WithDefault("60s")
        Duration maxBackoff();
    }

    /** Fallbacks for the ACD settings while settings-svc cannot be read, and how long a read is reused. */
    interface Acd {

        @WithDefault("10s")
        Duration cacheFor();

        @WithDefault("30")
        int wrapUpSeconds();

        @WithDefault("600")
        int maxWaitSeconds();
    }
}
