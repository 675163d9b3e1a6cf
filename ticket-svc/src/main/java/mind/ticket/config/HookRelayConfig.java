package mind.ticket.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The relay of ticket events to settings-svc's event hooks ({@code mind.ticket.hooks.*}; see
 * {@code mind.ticket.hooks.HookRelay}). The token it calls with is {@code mind.ticket.service-token}.
 */
@ConfigMapping(prefix = "mind.ticket.hooks")
public interface HookRelayConfig {

    /** Off: no replica relays, and the horizon stays where it is (events are relayed once it is on again). */
    @WithDefault("true")
    boolean enabled();

    /** How often each replica looks for new events ({@code off} disables the schedule). */
    @WithDefault("1s")
    String every();

    /**
     * Events read per round (the rows of the last transaction read are always all taken, so one transaction
     * larger than this goes in one round instead of stalling the relay).
     */
    @WithDefault("500")
    int batch();

    /** How long a replica holds the relay: another takes over a round that did not end in this time. */
    @WithDefault("30s")
    Duration lease();

    /** How long the event types that have hooks, read from settings-svc, are reused. */
    @WithDefault("5s")
    Duration typesTtl();
}
