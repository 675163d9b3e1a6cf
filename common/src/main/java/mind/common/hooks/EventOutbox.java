package mind.common.hooks;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records an event for settings-svc's event hooks in the service's {@code hook_outbox} ({@link EventOutboxRepository}),
 * in the transaction of the change it tells of: a change rolled back records nothing, a committed one is relayed
 * ({@link EventOutboxRelay}). The data goes to the hooks' functions as their parameters: never a secret in it.
 */
@ApplicationScoped
public class EventOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventOutboxRepository rows;

    public EventOutbox(EventOutboxRepository rows) {
        this.rows = rows;
    }

    /**
     * @param type settings-svc's event type (enneo's name, {@code AiAgentChanged})
     * @param at   when the change happened
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String type, Instant at, ObjectNode data) {
        try {
            rows.add(type, at, JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
