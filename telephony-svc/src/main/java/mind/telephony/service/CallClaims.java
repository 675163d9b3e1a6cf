package mind.telephony.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import mind.telephony.domain.CallDirection;
import mind.telephony.domain.OutboxKind;
import mind.telephony.outbox.Outbox;
import mind.common.db.RelaxedCommit;
import mind.telephony.domain.QueueClaim;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.Routing;
import mind.telephony.repository.ClaimStatements;
import mind.telephony.repository.QueueEntryRepository;

/**
 * The short transactions around registering a call. Each commits at once (REQUIRES_NEW, even should a
 * caller have a transaction open), so that other requests see a claim immediately
 * and no connection is held while {@link CallService} waits for ticket-svc. The two writes of every new call,
 * its claim and its completion, are single statements without a transaction ({@link ClaimStatements}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class CallClaims {

    private final QueueEntryRepository queue;
    private final ClaimStatements statements;
    private final Outbox outbox;
    private final RelaxedCommit relaxed;
    private final CallStateCounter states;
    private final Clock clock;

    public CallClaims(QueueEntryRepository queue, ClaimStatements statements, Outbox outbox, RelaxedCommit relaxed,
            CallStateCounter states, Clock clock) {
        this.queue = queue;
        this.statements = statements;
        this.relaxed = relaxed;
        this.outbox = outbox;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Claims the call's entry, or says who has it: nobody needs to act, or another request does. A new call's
     * claim is one statement without transaction; an entry that exists is looked at in one.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    ClaimResult claim(String channelId, Routing routing, CallDirection direction, Duration staleAfter) {
        Optional<QueueClaim> mine = statements.insertClaim(channelId, routing, direction);
        if (mine.isPresent()) {
            return new ClaimResult.Claimed(mine.get());
        }
        return QuarkusTransaction.requiringNew().call(() -> known(channelId, staleAfter));
    }

    private ClaimResult known(String channelId, Duration staleAfter) {
        // A claim lost in a database crash is claimed again by the phone system's resend (the ticket comes back
        // under the same Idempotency-Key); the entry's completion, which the answer reports, commits durably.
        relaxed.forThisTransaction();
        Optional<QueueEntry> known = queue.findByChannelId(channelId);
        if (known.isEmpty()) {
            // released between the insert and the read: the next attempt will claim it
            return new ClaimResult.Pending();
        }
        QueueEntry entry = known.get();
        if (entry.ticketId != null || entry.claimedAt == null) {
            // registered, possibly with its ticket still in the outbox
            return new ClaimResult.Registered(RegisteredCall.of(entry));
        }
        return queue.takeOverStaleClaim(new QueueClaim(entry.id, entry.claimedAt), staleAfter)
                .<ClaimResult>map(ClaimResult.Claimed::new)
                .orElseGet(ClaimResult.Pending::new);
    }

    /**
     * Fills the claimed entry with its ticket ({@code describe} sets everything but ids and times of
     * the claim). Empty when the entry is gone: another request took it over and gave up.
     * Filled by another request that took it over, the entry is returned as it is: that request got
     * the same ticket from ticket-svc, under the same Idempotency-Key.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    Optional<RegisteredCall> complete(QueueClaim claim, Consumer<QueueEntry> describe) {
        QueueEntry described = new QueueEntry();
        described.id = claim.entryId();
        describe.accept(described);
        if (statements.fill(claim.entryId(), described)) {
            // the statement committed on its own: counted at once
            states.entered(described.status);
            return Optional.of(RegisteredCall.of(described));
        }
        // gone, or filled by a request that took the claim over (same ticket, same Idempotency-Key)
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(queue.findById(claim.entryId()))
                .map(RegisteredCall::of));
    }

    /**
     * Keeps the call although ticket-svc could not make its ticket: the entry is filled without ticket
     * and the ticket's creation becomes the call's first outbox row. Empty when the claim is no longer
     * ours (taken over, or gone).
     */
    Optional<RegisteredCall> defer(QueueClaim claim, Consumer<QueueEntry> describe, Object createTicket) {
        QueueEntry entry = queue.findById(claim.entryId(), LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.ticketId != null || entry.claimedAt == null) {
            return Optional.of(RegisteredCall.of(entry));
        }
        if (!entry.claimedAt.equals(claim.claimedAt())) {
            return Optional.empty();
        }
        describe.accept(entry);
        states.entered(entry.status);
        entry.claimedAt = null;
        outbox.add(entry.id, OutboxKind.createTicket, createTicket);
        return Optional.of(RegisteredCall.of(entry));
    }

    /**
     * Gives the claim up after a failure, so that nothing is left and the call may be sent again.
     * Returns the call when another request has registered it meanwhile.
     */
    Optional<RegisteredCall> release(QueueClaim claim) {
        if (queue.deleteClaim(claim)) {
            return Optional.empty();
        }
        QueueEntry entry = queue.findById(claim.entryId());
        return entry == null || entry.ticketId == null ? Optional.empty() : Optional.of(RegisteredCall.of(entry));
    }

    /** Stores the entry of a call without channelId: there was nothing to claim. */
    RegisteredCall insert(long ticketId, Consumer<QueueEntry> describe) {
        // A re-run of an earlier request (its Idempotency-Key claim went stale) got the same ticket
        // from ticket-svc; it must find that request's entry instead of adding a second one.
        Optional<QueueEntry> earlier = queue.findWithoutChannelId(ticketId);
        if (earlier.isPresent()) {
            return RegisteredCall.of(earlier.get());
        }
        QueueEntry entry = new QueueEntry();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        entry.createdAt = now;
        entry.updatedAt = now;
        describe.accept(entry);
        queue.persist(entry);
        queue.flush();
        states.entered(entry.status);
        return RegisteredCall.of(entry);
    }
}
