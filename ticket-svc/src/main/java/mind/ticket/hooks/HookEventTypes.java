package mind.ticket.hooks;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Which event hook type (settings-svc's {@code EventType}, enneo's names) a row of the ticket event log is relayed
 * as; empty: it is not relayed. One row, one hook event: a PATCH that changes two fields runs TicketUpdated hooks
 * twice, once per field, as the activity lists them.
 *
 * <p>Not relayed: {@code statusChanged}, because every status change also writes a {@code fieldChanged} of the field
 * {@code status} (relaying both would run the hooks twice for one change); drafts until they are sent; claims given
 * up ({@code released}); technical rows (refresh, autoexecute, failed mail); the events other services append but
 * the call states an agent's connection ({@code callConnected}, CallStarted) and a call's end ({@code callCompleted},
 * CallCompleted).
 */
public final class HookEventTypes {

    public static final String TICKET_CREATED = "TicketCreated";
    public static final String NON_AI_TICKET_CREATED = "NonAiTicketCreated";
    public static final String TICKET_UPDATED = "TicketUpdated";
    public static final String TICKET_ROUTED = "TicketRouted";
    public static final String TICKET_FORWARDED = "TicketForwarded";
    public static final String CONVERSATION_CREATED = "ConversationCreated";
    public static final String TICKET_RESPONSE = "TicketResponse";
    public static final String CALL_STARTED = "CallStarted";
    public static final String CALL_COMPLETED = "CallCompleted";
    public static final String TICKET_DELETED = "TicketDeleted";
    public static final String TICKET_DUE_BY_OVERDUE = "TicketDueByOverdue";

    /** Every type a ticket event may be relayed as. */
    public static final Set<String> ALL = Set.of(TICKET_CREATED, NON_AI_TICKET_CREATED, TICKET_UPDATED, TICKET_ROUTED,
            TICKET_FORWARDED, CONVERSATION_CREATED, TICKET_RESPONSE, CALL_STARTED, CALL_COMPLETED, TICKET_DELETED,
            TICKET_DUE_BY_OVERDUE);

    private HookEventTypes() {
    }

    /**
     * The hook type of a ticket event of type {@code ticketEvent} with this {@code data} (the row's JSON object; a
     * missing or malformed object reads as empty).
     */
    public static Optional<String> of(String ticketEvent, JsonNode data) {
        JsonNode d = data == null ? MissingNode.getInstance() : data;
        return Optional.ofNullable(switch (ticketEvent) {
            // TicketService writes process "requested" or "off" (POST /ticket?process=false)
            case "created" -> "off".equals(d.path("process").asText()) ? NON_AI_TICKET_CREATED : TICKET_CREATED;
            case "upserted", "fieldChanged", "tagsChanged", "attachmentDeleted" -> TICKET_UPDATED;
            case "claimed" -> TICKET_ROUTED;
            case "forwarded" -> TICKET_FORWARDED;
            case "conversationAdded" -> d.path("isDraft").asBoolean(false) ? null : conversation(d);
            // a draft turned into a message: the reply (or note) exists from now on
            case "conversationChanged" -> d.path("isDraft").path("old").asBoolean(false)
                    && d.path("isDraft").has("new") && !d.path("isDraft").path("new").asBoolean(true)
                    ? CONVERSATION_CREATED : null;
            // call states telephony-svc appends to the call's ticket: an agent took the call, the call ended
            case "callConnected" -> CALL_STARTED;
            case "callCompleted" -> CALL_COMPLETED;
            // DELETE /ticket/{id}: the one row that outlives its ticket
            case "deleted" -> TICKET_DELETED;
            // DueByOverdueScan: the ticket passed this dueBy
            case "dueByOverdue" -> TICKET_DUE_BY_OVERDUE;
            default -> null;
        });
    }

    /** Inbound (the customer or another external party wrote): a response; the agent's reply or note otherwise. */
    private static String conversation(JsonNode data) {
        return "in".equals(data.path("direction").asText()) ? TICKET_RESPONSE : CONVERSATION_CREATED;
    }
}
