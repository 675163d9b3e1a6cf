package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import mind.common.error.ApiException;
import mind.common.persistence.IfMatch;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents;
import mind.ticket.repository.TicketRepository;

/**
 * A ticket's attachments. They live in the ticket's row (a small JSON list), so removing one is a change
 * of the ticket: its row is locked, its version moves on, and the event is written in the same transaction.
 */
@ApplicationScoped
public class TicketAttachments {

    private final TicketRepository tickets;
    private final TicketEvents events;
    private final EntityManager em;
    private final Clock clock;

    public TicketAttachments(TicketRepository tickets, TicketEvents events, EntityManager em, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Removes attachment {@code attachmentId} for good and records {@code attachmentDeleted}; answers the
     * ticket's new version. 404 for an unknown ticket or an attachment not on it (also one removed a moment
     * ago: two requests deleting the same attachment queue up on the row lock and the second finds it gone);
     * 412 when {@code ifMatch} names another version.
     */
    @Transactional
    public long delete(long ticketId, long attachmentId, String ifMatch, String actorId) {
        Ticket ticket = tickets.findForUpdate(ticketId)
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
        IfMatch.check(ifMatch, ticket.version, "The ticket");
        List<Attachment> kept = new ArrayList<>(ticket.attachments.size());
        Attachment removed = null;
        for (Attachment a : ticket.attachments) {
            if (removed == null && Objects.equals(a.id(), attachmentId)) {
                removed = a;
            } else {
                kept.add(a);
            }
        }
        if (removed == null) {
            throw ApiException.notFound("Attachment " + attachmentId + " not found on ticket " + ticketId);
        }
        ticket.attachments = kept;
        ticket.modifiedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attachmentId", attachmentId);
        data.put("name", removed.name());
        data.put("url", removed.url());
        events.record(ticketId, "attachmentDeleted", actorId, data);
        // the new version is assigned by the flush; the answer's ETag carries it
        em.flush();
        return ticket.version;
    }
}
