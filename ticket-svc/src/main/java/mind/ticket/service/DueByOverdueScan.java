package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.ticket.config.DueByOverdueConfig;
import mind.ticket.repository.TicketOverdueRepository;

/**
 * Records {@code dueByOverdue} in the event log of a ticket that passed its dueBy while neither resolved nor closed,
 * once per dueBy value: moved on and passed again, it is recorded again; a closed or resolved ticket never. The hook
 * relay sends it as TicketDueByOverdue. Every replica scans; a ticket is told by one of them
 * ({@link TicketOverdueRepository}). A tick tells at most {@code mind.ticket.overdue.batch} tickets.
 *
 * <p>Open, pending (its dueBy is when it is due back), waitingOnCustomer and waitingOnThirdParty tickets are told:
 * enneo's event is "a ticket passed its due date", and only a resolved or closed ticket has nothing due any more.
 */
@ApplicationScoped
public class DueByOverdueScan {

    private static final Logger LOG = Logger.getLogger(DueByOverdueScan.class);

    private final TicketOverdueRepository overdue;
    private final DueByOverdueConfig config;
    private final Clock clock;

    public DueByOverdueScan(TicketOverdueRepository overdue, DueByOverdueConfig config, Clock clock) {
        this.overdue = overdue;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${mind.ticket.overdue.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("dueBy overdue scan failed; the next tick retries", e);
        }
    }

    /** Tells one batch of overdue tickets and returns their ids; none when the scan is off. */
    public List<Long> scan() {
        if (!config.enabled()) {
            return List.of();
        }
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<Long> told = QuarkusTransaction.requiringNew().call(() -> overdue.tellOverdue(config.batch(), at));
        if (!told.isEmpty()) {
            LOG.debugf("dueByOverdue recorded for %d tickets", told.size());
        }
        return told;
    }
}
