package mind.ticket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import mind.common.auth.Callers;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.metrics.DomainCounters;
import mind.ticket.api.GetLatestRequest.QueueDirection;
import mind.ticket.config.WorkQueueConfig;
import mind.ticket.domain.QueueFilter;
import mind.ticket.domain.RoutingOrder;
import mind.ticket.domain.Skills;
import mind.ticket.events.TicketEvents;
import mind.ticket.events.TicketReassigned;
import mind.ticket.repository.WorkQueueRepository;
import mind.ticket.repository.WorkQueueRepository.ClaimAsk;
import mind.ticket.repository.WorkQueueRepository.Claimed;
import mind.ticket.repository.WorkQueueRepository.Empty;
import mind.ticket.repository.WorkQueueRepository.Lost;
import mind.ticket.repository.WorkQueueRepository.Released;
import mind.ticket.repository.WorkQueueRepository.Step;

/**
 * The claims of the work queue, each change in one short transaction together with its events
 * ({@code claimed}, {@code released}) in the ticket's log. Nothing here calls another service.
 */
@ApplicationScoped
public class Claims {

    private final WorkQueueRepository queue;
    private final TicketEvents events;
    private final AdvisoryLocks locks;
    private final WorkQueueConfig config;
    private final DomainCounters counters;
    private final Clock clock;

    public Claims(WorkQueueRepository queue, TicketEvents events, AdvisoryLocks locks, WorkQueueConfig config,
            DomainCounters counters, Clock clock) {
        this.queue = queue;
        this.events = events;
        this.locks = locks;
        this.config = config;
        this.counters = counters;
        this.clock = clock;
    }

    /** A claim handed out: the ticket and when its lease ends; an empty ticket id when nothing is left. */
    public record Claim(Long ticketId, Instant expiresAt) {
        static final Claim NONE = new Claim(null, null);
    }

    /**
     * Gives the agent their next ticket. One agent holds one claim: {@code earliest} gives back the
     * ticket the agent holds (lease renewed) while it is still open and matches skills and filters;
     * otherwise, and always for {@code next} / {@code previous}, the agent's claim is given up and the
     * first free ticket (from the start, or after / before {@code reference}) is claimed.
     */
    @Transactional
    public Claim next(String agentId, QueueDirection direction, Long reference, Skills skills, List<QueueFilter> filters,
            RoutingOrder order, int leaseSeconds) {
        Instant now = now();
        Instant expiresAt = now.plusSeconds(leaseSeconds);
        ClaimAsk ask = new ClaimAsk(agentId, Callers.profileId(agentId), skills, filters, order, reference,
                direction == QueueDirection.previous, direction.name(), now, expiresAt);
        // one agent's requests one after the other (two browser tabs must not take two tickets), the lock sent
        // with the first statement it guards; the unique index on ticket_claim.agent_id is the backstop
        AdvisoryLocks.JdbcLock lock = locks.jdbcLock("ticketClaim", agentId);
        if (direction == QueueDirection.earliest) {
            Optional<Long> held = queue.lockAndRenewHeld(lock, ask);
            if (held.isPresent()) {
                return new Claim(held.get(), expiresAt);
            }
        }
        // after lockAndRenewHeld the lock is held until the transaction ends
        Step step = direction == QueueDirection.earliest ? queue.releaseAndClaim(null, ask, "replaced")
                : queue.releaseAndClaim(lock, ask, direction.name());
        if (!step.referenceExists()) {
            // the transaction rolls back: the agent keeps the claim given up above
            throw ApiException.notFound("Ticket " + reference + " not found");
        }
        for (int attempt = 1; attempt < config.claimAttempts() && step.look() instanceof Lost; attempt++) {
            // another agent claimed the candidate after the statement's snapshot; the next look sees it
            step = queue.claim(ask);
        }
        return switch (step.look()) {
            case Empty empty -> Claim.NONE;
            case Claimed claimed -> {
                countGranted(direction);
                yield new Claim(claimed.ticketId(), expiresAt);
            }
            case Lost lost -> throw ApiException.conflict("claim_lost",
                    "Every ticket this request picked was claimed by another agent first; ask again.");
        };
    }

    /**
     * Marks the agent present on the ticket and renews their claim on it, if they hold one.
     *
     * @return the agents present now (including the caller) with when each was last seen
     */
    @Transactional
    public Map<String, Instant> ping(long ticketId, String agentId, int leaseSeconds) {
        Instant now = now();
        return queue.ping(ticketId, agentId, now, now.plus(config.presenceTtl()), now.plusSeconds(leaseSeconds))
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
    }

    /** A reassigned ticket is no longer free for whoever held it: their claim ends (the new agent's stays). */
    @Transactional
    void onReassigned(@Observes TicketReassigned reassigned) {
        Instant now = now();
        for (Released released : queue.releaseUnlessHeldBy(reassigned.ticketId(), reassigned.newAgentId())) {
            Map<String, Object> data = releaseData(released, "reassigned", now);
            if (reassigned.newAgentId() != null) {
                data.put("newAgentId", reassigned.newAgentId());
            }
            events.record(released.ticketId(), "released", null, data);
        }
    }

    /**
     * A new claim, counted when the transaction commits: one that rolls back is not. The ticket the agent already
     * held, handed back with its lease renewed, is not a new claim.
     */
    private void countGranted(QueueDirection direction) {
        counters.countOnCommit("mind.claims.granted", "Tickets claimed by getLatest, by preferredDirection "
                + "(the caller's held ticket handed back again not counted)", "direction", direction.name());
    }

    private static Map<String, Object> releaseData(Released released, String reason, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agentId", released.agentId());
        data.put("reason", reason);
        if (released.claimedAt() != null) {
            data.put("heldSeconds", Math.max(0, Duration.between(released.claimedAt(), now).toSeconds()));
        }
        return data;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
