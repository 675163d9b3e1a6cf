package mind.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The scan that records {@code dueByOverdue} (TicketDueByOverdue for the event hooks) when a ticket passes its dueBy
 * ({@code mind.ticket.overdue.*}; see {@code mind.ticket.service.DueByOverdueScan}).
 */
@ConfigMapping(prefix = "mind.ticket.overdue")
public interface DueByOverdueConfig {

    /** Off: no replica scans; overdue tickets are told once it is on again. */
    @WithDefault("true")
    boolean enabled();

    /** How often each replica scans ({@code off} disables the schedule). */
    @WithDefault("5s")
    String every();

    /** Tickets told per tick at most; more overdue at once are told by the next ticks, oldest dueBy first. */
    @WithDefault("200")
    int batch();
}
