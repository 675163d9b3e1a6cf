package mind.qualitycheck.hooks;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.hooks.EventOutbox;
import mind.qualitycheck.domain.TestTicket;

/**
 * Records enneo's {@code TestTicketAiQuality} ("an AI quality check runs on a ticket") for settings-svc's event hooks
 * when a test run has tested one of its tickets, in the transaction that records the result ({@link QualityHookRelay}
 * sends it): {@code {testRunId, testTicketId, testCaseId, ticketId, aiAgentId, state, successful, error}}. The
 * expected and actual results stay in qualitycheck-svc (read them at {@code GET /aiQualityCheck/testRun/{id}}).
 */
@ApplicationScoped
public class QualityHookEvents {

    /** settings-svc's event type (enneo's name). */
    public static final String TEST_TICKET_AI_QUALITY = "TestTicketAiQuality";

    private final EventOutbox outbox;

    public QualityHookEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void tested(TestTicket t, Instant at) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("testRunId", t.testRunId);
        data.put("testTicketId", t.id);
        if (t.testCaseId == null) {
            data.putNull("testCaseId");
        } else {
            data.put("testCaseId", t.testCaseId);
        }
        data.put("ticketId", t.ticketId);
        data.put("aiAgentId", t.aiAgentId);
        data.put("state", t.state.name());
        data.put("successful", t.successful);
        if (t.error == null) {
            data.putNull("error");
        } else {
            data.put("error", t.error);
        }
        outbox.record(TEST_TICKET_AI_QUALITY, at, data);
    }
}
