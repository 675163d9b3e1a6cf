package mind.telephony.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.telephony.domain.OutboxKind;
import mind.telephony.repository.OutboxRepository;

/** Adds what other services must hear about a call, in the transaction of the change itself. */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository rows;
    private final ObjectMapper json;

    public Outbox(OutboxRepository rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(long queueEntryId, OutboxKind kind, Object payload) {
        add(queueEntryId, kind, payload, Duration.ZERO);
    }

    /** Not delivered before {@code delay} has passed (the end of an agent's wrap-up time). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(long queueEntryId, OutboxKind kind, Object payload, Duration delay) {
        try {
            rows.add(queueEntryId, kind, json.writeValueAsString(payload), delay);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload not serialisable", e);
        }
    }
}
