package mind.ticket.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import mind.ticket.domain.RoutingOrder;

/** The agent work queue: getLatest, ping, agents/queue ({@code mind.ticket.queue.*}). */
@ConfigMapping(prefix = "mind.ticket.queue")
public interface WorkQueueConfig {

    /** Order used when settings-svc has no ticketRoutingOrder or cannot be reached. */
    @WithDefault("priorityThenSla")
    RoutingOrder defaultOrder();

    /** Lease of a claim in seconds when settings-svc has no ticketLeaseSeconds or cannot be reached. */
    @WithDefault("300")
    int defaultLeaseSeconds();

    /** How long a ping keeps the caller in a ticket's workedOnBy (the frontend pings every 30 s). */
    @WithDefault("60s")
    Duration presenceTtl();

    /** How long settings and profiles read from settings-svc are reused. */
    @WithDefault("10s")
    Duration settingsCacheTtl();

    /**
     * How often one getLatest looks again when the ticket it picked was taken by another agent
     * between reading and claiming (each look is a new statement that sees the other's claim).
     */
    @WithDefault("8")
    int claimAttempts();

    /** agents/queue: how far back claim-to-close durations are averaged. */
    @WithDefault("7d")
    Duration handlingWindow();

    /** agents/queue: at most this many recent durations are averaged per channel. */
    @WithDefault("500")
    int handlingSamples();

    /** agents/queue: handling time assumed for a channel without recent durations. */
    @WithDefault("300")
    int defaultHandlingSeconds();
}
