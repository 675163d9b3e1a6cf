package mind.ticket.service;

import mind.common.persistence.IfMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;


import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.common.error.ApiException;
import mind.common.error.ErrorMappers;
import mind.common.error.FieldError;
import mind.common.persistence.Versioned;
import mind.common.time.ApiTime;
import mind.ticket.api.TicketPatchRequest;
import mind.ticket.api.TicketView;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents;
import mind.ticket.repository.TicketRepository;

/**
 * Changing and deleting tickets: the single PATCH, the bulk PATCH (each item in its own transaction,
 * or all in one with {@code atomic}) and the hard delete. Every write locks the ticket's row first, so
 * changes of one ticket queue up instead of losing each other's tag or additionalData merges, and an
 * {@code If-Match} is compared with the version no one else can change until the commit.
 */
@ApplicationScoped
public class TicketUpdates {

    public static final int MAX_BULK_ITEMS = 100;

    private final TicketRepository tickets;
    private final TicketPatcher patcher;
    private final Validator validator;
    private final EntityManager em;
    private final TagDirectory tags;
    private final TicketEvents events;

    public TicketUpdates(TicketRepository tickets, TicketPatcher patcher, Validator validator, EntityManager em,
            TagDirectory tags, TicketEvents events) {
        this.tickets = tickets;
        this.patcher = patcher;
        this.validator = validator;
        this.em = em;
        this.tags = tags;
        this.events = events;
    }

    /** How a change is meant: who makes it and the query options of the PATCH. */
    public record Options(String actorId, boolean includeInWorklog, boolean forceAgentReassignment) {
        TicketPatcher.Options forPatcher() {
            return new TicketPatcher.Options(actorId, includeInWorklog, forceAgentReassignment);
        }
    }

    /** One item's outcome in a bulk update; {@code error} and {@code code} only for a failed item. */
    public record ItemResult(Long id, boolean success, String error, String code, int status, List<FieldError> details) {
        static ItemResult ok(long id) {
            return new ItemResult(id, true, null, null, 200, List.of());
        }

        static ItemResult failed(Long id, ApiException e) {
            return new ItemResult(id, false, e.getMessage(), e.code(), e.status(), e.details());
        }
    }

    /**
     * One item of a bulk update as the request held it: the change, or why it could not be read as one
     * (a value of the wrong type, an enum name that does not exist), which becomes that item's failure.
     * {@code id} is the item's id as far as it could be read, else null.
     */
    public record BulkChange(Long id, TicketPatchRequest patch, ApiException unreadable) {
        /** A change that was read; {@code null} stands for a JSON null in the array. */
        public static BulkChange of(TicketPatchRequest patch) {
            return new BulkChange(patch == null ? null : patch.id(), patch, null);
        }

        public static BulkChange unreadable(Long id, ApiException reason) {
            return new BulkChange(id, null, reason);
        }
    }

    /** Refusal of an atomic bulk update: nothing was written; the results say which items failed. */
    public static class BulkRefused extends RuntimeException {
        private final List<ItemResult> results;
        private final ItemResult first;

        BulkRefused(List<ItemResult> results, ItemResult first) {
            super(first.error(), null, false, false);
            this.results = List.copyOf(results);
            this.first = first;
        }

        public List<ItemResult> results() {
            return results;
        }

        public ItemResult first() {
            return first;
        }
    }

    /**
     * Applies a PATCH. {@code ifMatch} (the request's If-Match header, or null) must name the ticket's
     * current version, else 412. Returns the ticket as it now is, with its new version.
     */
    @Transactional
    public Versioned<TicketView> update(long id, TicketPatchRequest patch, String ifMatch, Options options) {
        if (patch.id() != null && patch.id() != id) {
            throw ApiException.invalidField("id", "must be the ticket id of the path (" + id + ") or left out");
        }
        Ticket ticket = tickets.findForUpdate(id).orElseThrow(() -> notFound(id));
        IfMatch.check(ifMatch, ticket.version, "The ticket");
        patcher.apply(ticket, patch, options.forPatcher());
        // the new version is assigned by the flush; the answer and its ETag carry it
        em.flush();
        return new Versioned<>(TicketView.of(ticket, tags.refs(ticket.tagIds)), ticket.version);
    }

    /**
     * Each item in a transaction of its own: a failed item is reported and the others stay written.
     * Runs outside any transaction of the caller's (an Idempotency-Key's stays open around it).
     */
    public List<ItemResult> bulk(List<BulkChange> items, Options options) {
        checkBulkSize(items.size());
        List<ItemResult> results = new ArrayList<>(items.size());
        for (BulkChange item : items) {
            Long id = item.id();
            try {
                TicketPatchRequest patch = validate(item);
                results.add(QuarkusTransaction.requiringNew().call(() -> {
                    Ticket ticket = tickets.findForUpdate(id).orElseThrow(() -> notFound(id));
                    patcher.apply(ticket, patch, options.forPatcher());
                    return ItemResult.ok(id);
                }));
            } catch (RuntimeException e) {
                results.add(ItemResult.failed(id, ErrorMappers.itemError(e)));
            }
        }
        return results;
    }

    /**
     * All items in one transaction: any failure writes nothing and throws {@link BulkRefused}. Every
     * item is still checked, so that the results name each one that would fail.
     */
    @Transactional
    public List<ItemResult> bulkAtomic(List<BulkChange> items, Options options) {
        checkBulkSize(items.size());
        Set<Long> ids = items.stream().filter(i -> i.patch() != null && i.id() != null).map(BulkChange::id)
                .collect(Collectors.toSet());
        Map<Long, Ticket> locked = ids.isEmpty() ? Map.of()
                : tickets.lockAll(ids).stream().collect(Collectors.toMap(t -> t.id, Function.identity()));
        List<ItemResult> results = new ArrayList<>(items.size());
        ItemResult firstFailure = null;
        for (BulkChange item : items) {
            Long id = item.id();
            try {
                TicketPatchRequest patch = validate(item);
                Ticket ticket = locked.get(id);
                if (ticket == null) {
                    throw notFound(id);
                }
                // a refused item changes nothing: the patcher checks everything before it writes
                patcher.apply(ticket, patch, options.forPatcher());
                results.add(ItemResult.ok(id));
            } catch (ApiException e) {
                ItemResult failed = ItemResult.failed(id, e);
                results.add(failed);
                firstFailure = firstFailure == null ? failed : firstFailure;
            }
        }
        if (firstFailure != null) {
            List<ItemResult> reported = results.stream().map(r -> r.success()
                    ? new ItemResult(r.id(), false, "Not written: the update is atomic and another item failed",
                            "not_applied", 200, List.of())
                    : r).toList();
            throw new BulkRefused(reported, firstFailure);
        }
        em.flush();
        return results;
    }

    /**
     * Hard delete; the ticket's events go with it, except the {@code deleted} event written here in the same
     * transaction, which outlives the ticket (TicketDeleted for the event hooks): who deleted it and what identifies
     * it, no conversation or body.
     */
    @Transactional
    public void delete(long id, String ifMatch, String actorId) {
        Ticket ticket = tickets.findForUpdate(id).orElseThrow(() -> notFound(id));
        IfMatch.check(ifMatch, ticket.version, "The ticket");
        events.recordDeleted(id, actorId, deletedData(ticket));
        tickets.delete(ticket);
        em.flush();
    }

    /** What a deletion records of its ticket: the ids it is known by, where it came from, its state and subject. */
    static Map<String, Object> deletedData(Ticket ticket) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("externalTicketId", ticket.externalTicketId);
        data.put("channel", ticket.channel == null ? null : ticket.channel.name());
        data.put("subchannelId", ticket.subchannelId);
        data.put("status", ticket.status == null ? null : ticket.status.name());
        data.put("priority", ticket.priority == null ? null : ticket.priority.name());
        data.put("agentId", ticket.agentId);
        data.put("customerId", ticket.customerId);
        data.put("contractId", ticket.contractId);
        data.put("subject", ticket.subject);
        data.put("createdAt", ticket.createdAt == null ? null : ApiTime.format(ticket.createdAt));
        return data;
    }

    /** 1 to {@link #MAX_BULK_ITEMS} items, else the whole request is refused (400, or 413 too_many_items). */
    public static void checkBulkSize(int items) {
        if (items == 0) {
            throw ApiException.invalidField("body", "must hold at least one ticket");
        }
        if (items > MAX_BULK_ITEMS) {
            throw new ApiException(413, "too_many_items", "A bulk update takes at most " + MAX_BULK_ITEMS + " tickets",
                    List.of(new FieldError("body", "must hold at most " + MAX_BULK_ITEMS + " tickets")), null);
        }
    }

    /** A bulk item's own checks, reported for that item instead of refusing the whole request. */
    private TicketPatchRequest validate(BulkChange change) {
        if (change.unreadable() != null) {
            throw change.unreadable();
        }
        TicketPatchRequest item = change.patch();
        if (item == null) {
            throw ApiException.invalidField("body", "an item must be a ticket object, not null");
        }
        if (item.id() == null) {
            throw ApiException.invalidField("id", "must be given for each ticket");
        }
        Set<ConstraintViolation<TicketPatchRequest>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            List<FieldError> details = violations.stream().map(v -> new FieldError(ErrorMappers.itemField(v.getPropertyPath()), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field())).toList();
            String summary = details.stream().map(d -> d.field() + ": " + d.message()).collect(Collectors.joining("; "));
            throw new ApiException(400, ApiException.VALIDATION_FAILED, "Invalid ticket: " + summary, details, null);
        }
        return item;
    }

    private static ApiException notFound(Long id) {
        return ApiException.notFound("Ticket " + id + " not found");
    }
}
