package mind.telephony.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.common.client.Backoff;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteErrors;
import mind.common.client.RemoteRejectedException;
import mind.common.db.RelaxedCommit;
import mind.telephony.client.DeliveryClient;
import mind.telephony.client.SettingsGateway;
import mind.telephony.client.TicketGateway;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.client.CreatedTicket;
import mind.telephony.domain.OutboxKind;
import mind.telephony.domain.QueueEntry;
import mind.telephony.repository.OutboxRepository;
import mind.telephony.repository.OutboxRepository.Leased;
import mind.telephony.repository.QueueEntryRepository;

/**
 * Delivers the outbox: every replica runs it; each leases due rows ({@code FOR UPDATE SKIP LOCKED}, so
 * no two replicas take the same row), delivers them with no transaction held, then marks them done or
 * due again after a backoff that doubles per attempt. A call's rows go in order: only its oldest pending
 * row is ever due. Each row is sent under the Idempotency-Key {@code telephony-outbox-<id>}, so a row
 * delivered twice (a replica died after sending, before marking) changes nothing the second time.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);
    static final String KEY_PREFIX = "telephony-outbox-";

    private final OutboxRepository rows;
    private final RelaxedCommit relaxed;
    private final QueueEntryRepository entries;
    private final DeliveryClient tickets;
    private final SettingsGateway settings;
    private final TelephonyConfig config;
    private final ObjectMapper json;

    public OutboxDelivery(OutboxRepository rows, QueueEntryRepository entries, @RestClient DeliveryClient tickets,
            SettingsGateway settings, RelaxedCommit relaxed, TelephonyConfig config, ObjectMapper json) {
        this.rows = rows;
        this.relaxed = relaxed;
        this.entries = entries;
        this.tickets = tickets;
        this.settings = settings;
        this.config = config;
        this.json = json;
    }

    @Scheduled(every = "${mind.telephony.outbox.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("outbox round failed; the next round retries", e);
        }
    }

    /** Delivers every row due now; returns how many rounds of leases it took (0 when nothing was due). */
    public int deliverDue() {
        int rounds = 0;
        while (true) {
            // a lease lost in a crash only means the row is delivered again (deduplicated by the receiver)
            List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> {
                relaxed.forThisTransaction();
                return rows.lease(config.outbox().batch(), config.outbox().lease());
            });
            if (leased.isEmpty()) {
                return rounds;
            }
            rounds++;
            leased.forEach(this::deliver);
        }
    }

    private void deliver(Leased row) {
        try {
            Long ticketId = QuarkusTransaction.requiringNew().call(() -> {
                QueueEntry entry = entries.findById(row.queueEntryId());
                return entry == null ? null : entry.ticketId;
            });
            String auth = config.serviceToken().map(t -> "Bearer " + t).orElse(null);
            if (auth == null) {
                retry(row, "mind.telephony.service-token is not set");
                return;
            }
            if (row.kind() == OutboxKind.createTicket) {
                if (ticketId == null) {
                    createTicket(row, auth);
                }
            } else if (ticketId == null) {
                retry(row, "the call's ticket does not exist yet");
                return;
            } else {
                send(row, ticketId, auth);
            }
            // the same: a delivery mark lost in a crash means one more delivery under the same Idempotency-Key
            QuarkusTransaction.requiringNew().run(() -> {
                relaxed.forThisTransaction();
                rows.finish(row.id(), "delivered", null);
            });
        } catch (RemoteRejectedException e) {
            LOG.warnf("outbox row %d (%s) rejected for good: %s", row.id(), row.kind(), e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> rows.finish(row.id(), "rejected", truncate(e.getMessage())));
        } catch (RemoteCallException e) {
            if (e.status() == 409 && "routing_status_changed".equals(e.code())) {
                // the agent's status moved on meanwhile (ifCurrent no longer true): nothing left to do
                QuarkusTransaction.requiringNew().run(() -> rows.finish(row.id(), "superseded", truncate(e.getMessage())));
            } else if (e.status() == 404 && e.code() != null) {
                QuarkusTransaction.requiringNew().run(() -> rows.finish(row.id(), "rejected", truncate(e.getMessage())));
            } else {
                retry(row, e.getMessage());
            }
        } catch (RuntimeException e) {
            retry(row, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void send(Leased row, long ticketId, String auth) throws RemoteCallException {
        String key = KEY_PREFIX + row.id();
        try {
            JsonNode payload = json.readTree(row.payload());
            switch (row.kind()) {
                case ticketEvent -> tickets.appendEvent(ticketId, auth, key, payload);
                case assignTicket -> tickets.patch(ticketId, auth, key, payload);
                case storeTranscript -> tickets.storeConversation(ticketId, auth, key, payload);
                case routingStatus -> settings.routingStatus(payload.path("userId").asLong(), auth, key, payload.path("body"));
            }
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw RemoteErrors.unwrap(TicketGateway.SERVICE, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the call's ticket (same Idempotency-Key as callReceived would have used) and links it. */
    private void createTicket(Leased row, String auth) {
        CreatedTicket created;
        try {
            JsonNode payload = json.readTree(row.payload());
            String process = payload.path("process").isTextual() ? payload.get("process").asText() : null;
            created = tickets.create(process, auth, payload.path("idempotencyKey").asText(), payload.path("draft"));
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw RemoteErrors.unwrap(TicketGateway.SERVICE, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (created == null || created.id() == null) {
            throw new IllegalStateException("ticket-svc answered without a ticket id");
        }
        QuarkusTransaction.requiringNew().run(() -> entries.linkTicket(row.queueEntryId(), created));
    }

    private void retry(Leased row, String error) {
        Duration backoff = backoff(row.attempts());
        QuarkusTransaction.requiringNew().run(() -> rows.retryLater(row.id(), backoff, truncate(error)));
    }

    Duration backoff(int attempts) {
        return Backoff.doubling(config.outbox().backoff(), config.outbox().maxBackoff(), attempts);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
