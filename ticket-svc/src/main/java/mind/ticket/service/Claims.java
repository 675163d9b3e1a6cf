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

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.ticket.api.GetLatestRequest.QueueDirection;
import mind.ticket.config.WorkQueueConfig;
import mind.ticket.domain.QueueFilter;
import mind.ticket.domain.RoutingOrder;
import mind.ticket.domain.Skills;
import mind.ticket.events.TicketEvents;
import mind.ticket.events.TicketReassigned;
import mind.ticket.repository.WorkQueueRepository;
import mind.ticket.repository.WorkQueueRepository.Claimed;
import mind.ticket.repository.WorkQueueRepository.Empty;
import mind.ticket.repository.WorkQueueRepository.Look;
import mind.ticket.repository.WorkQueueRepository.Released;

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
    private final Clock clock;

    public Claims(WorkQueueRepository queue, TicketEvents events, AdvisoryLocks locks, WorkQueueConfig config, Clock clock) {
        this.queue = queue;
        this.events = events;
        this.locks = locks;
        this.config = config;
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
        // one agent's requests one after the other (two browser tabs must not take two tickets);
        // the unique index on ticket_claim.agent_id is the backstop
        locks.lock("ticketClaim", agentId);
        if (reference != null && !queue.ticketExists(reference)) {
            throw ApiException.notFound("Ticket " + reference + " not found");
        }
        Instant now = now();
        Instant expiresAt = now.plusSeconds(leaseSeconds);
        Long agentNumber = number(agentId);
        if (direction == QueueDirection.earliest) {
            Optional<Long> held = queue.heldTicket(agentId, agentNumber, skills, filters);
            if (held.isPresent()) {
                queue.renew(held.get(), agentId, expiresAt);
                return new Claim(held.get(), expiresAt);
            }
        }
        for (Released released : queue.releaseAll(agentId)) {
            events.record(released.ticketId(), "released", agentId, releaseData(released, direction == QueueDirection.earliest
                    ? "replaced" : direction.name(), now));
        }
        for (int attempt = 0; attempt < config.claimAttempts(); attempt++) {
            Look look = queue.claimNext(agentId, agentNumber, skills, filters, order, reference,
                    direction == QueueDirection.previous, now, expiresAt);
            if (look instanceof Empty) {
                return Claim.NONE;
            }
            if (look instanceof Claimed claimed) {
                var taken = claimed.taken();
                if (taken.previousAgent() != null) {
                    events.record(taken.ticketId(), "released", null, releaseData(
                            new Released(taken.ticketId(), taken.previousAgent(), taken.previousClaimedAt()), "expired", now));
                }
                events.record(taken.ticketId(), "claimed", agentId, Map.of("agentId", agentId,
                        "expiresAt", mind.common.time.ApiTime.format(expiresAt), "order", order.name(),
                        "direction", direction.name()));
                return new Claim(taken.ticketId(), expiresAt);
            }
            // Lost: another agent claimed the candidate after this statement's snapshot; the next look sees it
        }
        throw ApiException.conflict("claim_lost", "Every ticket this request picked was claimed by another agent first; "
                + "ask again.");
    }

    /**
     * Marks the agent present on the ticket and renews their claim on it, if they hold one.
     *
     * @return the agents present now (including the caller) with when each was last seen
     */
    @Transactional
    public Map<String, Instant> ping(long ticketId, String agentId, int leaseSeconds) {
        if (!queue.ticketExists(ticketId)) {
            throw ApiException.notFound("Ticket " + ticketId + " not found");
        }
        Instant now = now();
        queue.markPresent(ticketId, agentId, now, now.plus(config.presenceTtl()));
        queue.renew(ticketId, agentId, now.plusSeconds(leaseSeconds));
        return queue.present(ticketId, now);
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

    private static Map<String, Object> releaseData(Released released, String reason, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agentId", released.agentId());
        data.put("reason", reason);
        if (released.claimedAt() != null) {
            data.put("heldSeconds", Math.max(0, Duration.between(released.claimedAt(), now).toSeconds()));
        }
        return data;
    }

    /** Profile ids are numbers in tokens; ticket.agent_id is a bigint. */
    static Long number(String agentId) {
        return agentId != null && agentId.matches("\\d{1,18}") ? Long.valueOf(agentId) : null;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
