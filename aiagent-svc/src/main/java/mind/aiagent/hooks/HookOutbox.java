package mind.aiagent.hooks;

import java.time.Instant;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.auth.Callers;
import mind.common.hooks.EventOutbox;

/**
 * Records an {@code AiAgentChanged} event for settings-svc's event hooks in the transaction of the agent's change (a
 * change rolled back records nothing); {@link HookOutboxRelay} sends it. The data names the agent and the change, never
 * a value of its settings (executor secrets live there): {@code {aiAgentId, slug, name, change, changedBy, fields}}.
 */
@ApplicationScoped
public class HookOutbox {

    /** settings-svc's event type (enneo's name) for an AI agent created, changed or deleted. */
    public static final String AI_AGENT_CHANGED = "AiAgentChanged";

    public enum Change {
        created, updated, deleted
    }

    private final EventOutbox outbox;

    public HookOutbox(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param actor the principal's name of the request (a profile id, or a service token's subject: then
     *        {@code changedBy} is null)
     * @param fields for {@link Change#updated}: the names of the agent's fields whose value changed (top-level names:
     *        {@code settings} for any change inside it); ignored otherwise
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void agentChanged(long aiAgentId, String slug, String name, Change change, String actor, Instant at,
            Collection<String> fields) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("aiAgentId", aiAgentId);
        data.put("slug", slug);
        data.put("name", name);
        data.put("change", change.name());
        Long changedBy = Callers.profileId(actor);
        if (changedBy == null) {
            data.putNull("changedBy");
        } else {
            data.put("changedBy", changedBy);
        }
        if (change == Change.updated) {
            ArrayNode names = data.putArray("fields");
            fields.forEach(names::add);
        }
        outbox.record(AI_AGENT_CHANGED, at, data);
    }
}
