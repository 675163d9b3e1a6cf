package mind.ticket.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.persistence.ReadOnly;
import mind.ticket.api.TicketView;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents;
import mind.ticket.repository.TicketEventRepository;
import mind.ticket.repository.TicketEventRepository.EventRow;
import mind.ticket.repository.TicketHistoryRepository;
import mind.ticket.repository.TicketHistoryRepository.HistoryCounts;
import mind.ticket.repository.TicketHistoryRepository.HistoryRow;
import mind.ticket.repository.TicketRepository;

/**
 * What a ticket's event log and its neighbours tell: the activity (every event, oldest first), the
 * worklog, events other services append, the customer's and contract's history, and the variables
 * templates and AI agents read.
 */
@ApplicationScoped
public class TicketActivity {

    /**
     * Types this service writes itself; another service may not append them, so that "fieldChanged"
     * in the log always means a change this service made.
     */
    public static final Set<String> RESERVED_TYPES = Set.of("created", "upserted", "fieldChanged", "tagsChanged",
            "statusChanged", "refreshRequested", "claimed", "released", "forwarded", "conversationAdded", "deleted",
            "attachmentDeleted", "autoexecuteRequested", "autoexecuted", "autoexecuteFailed", "dueByOverdue");

    /** Refuses a type another service may not report ({@code field} names it in the error). */
    static void requireReportable(String field, String type) {
        if (RESERVED_TYPES.contains(type)) {
            throw ApiException.invalidField(field, "is written by ticket-svc itself; choose another type");
        }
    }

    private final TicketRepository tickets;
    private final TicketEventRepository eventLog;
    private final TicketHistoryRepository history;
    private final TicketEvents events;
    private final ObjectMapper json;
    private final TagDirectory tags;

    public TicketActivity(TicketRepository tickets, TicketEventRepository eventLog, TicketHistoryRepository history,
            TicketEvents events, ObjectMapper json, TagDirectory tags) {
        this.tickets = tickets;
        this.eventLog = eventLog;
        this.history = history;
        this.events = events;
        this.json = json;
        this.tags = tags;
    }

    /** A page of events and how many there are in all. */
    public record EventPage(long total, List<EventRow> events) {
    }

    public record HistoryPage(HistoryCounts counts, List<HistoryRow> items) {
    }

    @ReadOnly
    public EventPage activity(long ticketId, boolean technical, PageRequest page) {
        requireTicket(ticketId);
        return new EventPage(eventLog.countActivity(ticketId, technical),
                eventLog.activity(ticketId, technical, page.limit(), page.offset()));
    }

    @ReadOnly
    public EventPage worklog(long ticketId, PageRequest page) {
        requireTicket(ticketId);
        return new EventPage(eventLog.countWorklog(ticketId), eventLog.worklog(ticketId, page.limit(), page.offset()));
    }

    /** Appends an event another service reports; returns its id. */
    @Transactional
    public long append(long ticketId, String type, JsonNode data, boolean technical, String actorId) {
        requireReportable("type", type);
        // the share lock keeps the ticket from being deleted between this check and the insert
        if (!eventLog.lockTicketAgainstDelete(ticketId)) {
            throw notFound(ticketId);
        }
        Map<String, Object> values = data == null || data.isNull() ? Map.of()
                : json.convertValue(data, new TypeReference<LinkedHashMap<String, Object>>() {
                });
        return events.append(ticketId, type, actorId, values, technical);
    }

    /** The other tickets of the ticket's customer or contract, newest first; none when it has neither. */
    @ReadOnly
    public HistoryPage history(long ticketId, PageRequest page) {
        Ticket ticket = tickets.findByIdOptional(ticketId).orElseThrow(() -> notFound(ticketId));
        if (ticket.customerId == null && ticket.contractId == null) {
            return new HistoryPage(new HistoryCounts(0, 0), List.of());
        }
        return new HistoryPage(history.counts(ticketId, ticket.customerId, ticket.contractId),
                history.others(ticketId, ticket.customerId, ticket.contractId, page.limit(), page.offset()));
    }

    /**
     * Template variables: {@code in} is the ticket (its full view without {@code success}), contract
     * and customer carry their ids (their data lives in the ERP connection, not here), profile the
     * caller's id, intent the chosen AI agent's id when there is one.
     */
    @ReadOnly
    public Map<String, Object> variables(long ticketId, Object callerId) {
        Ticket ticket = tickets.findByIdOptional(ticketId).orElseThrow(() -> notFound(ticketId));
        Map<String, Object> in = json.convertValue(TicketView.of(ticket, tags.refs(ticket.tagIds)), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        in.remove("success");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("in", in);
        variables.put("contract", idOnly(ticket.contractId));
        variables.put("customer", idOnly(ticket.customerId));
        variables.put("profile", idOnly(callerId));
        variables.put("intent", ticket.intentId == null ? Map.of() : Map.of("id", ticket.intentId));
        return variables;
    }

    private static Map<String, Object> idOnly(Object id) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", id);
        return value;
    }

    private void requireTicket(long ticketId) {
        if (!eventLog.ticketExists(ticketId)) {
            throw notFound(ticketId);
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Ticket " + id + " not found");
    }
}
