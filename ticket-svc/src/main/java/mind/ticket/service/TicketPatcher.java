package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;
import mind.common.time.ApiTime;
import mind.common.validation.JsonObjectBounds;
import mind.ticket.api.TicketPatchRequest;
import mind.ticket.domain.Ticket;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.events.TicketEvents;
import mind.ticket.events.TicketReassigned;

/**
 * Applies one PATCH to a ticket the caller holds locked: first every rule is checked against the
 * ticket as it is (so a refused PATCH leaves it untouched, which the atomic bulk update relies on),
 * then each changed field is written and recorded in the event log with its old and new value.
 */
@ApplicationScoped
class TicketPatcher {

    /** The whole additionalData object after a merge; each PATCH's part is bounded on the request. */
    static final JsonObjectBounds ADDITIONAL_DATA = new JsonObjectBounds(65_536, 200);
    /** One PATCH's additionalData (checked here: a bean constraint cannot see into a Patch of a Map). */
    static final JsonObjectBounds ADDITIONAL_DATA_PATCH = new JsonObjectBounds(16_384, 100);
    static final int MAX_TAGS = 100;

    private final TicketEvents events;
    private final Event<TicketReassigned> reassigned;
    private final Clock clock;

    TicketPatcher(TicketEvents events, Event<TicketReassigned> reassigned, Clock clock) {
        this.events = events;
        this.reassigned = reassigned;
        this.clock = clock;
    }

    /** Who changes the ticket and how the change is meant. */
    record Options(String actorId, boolean includeInWorklog, boolean forceAgentReassignment) {
    }

    /** Checks the PATCH against the ticket, then applies it; returns whether anything changed. */
    @Transactional(TxType.MANDATORY)
    boolean apply(Ticket t, TicketPatchRequest p, Options o) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Plan plan = check(t, p, o, now);

        Change change = new Change(t.id, o);
        change.field("status", t.status, plan.status, v -> t.status = v);
        if (t.status != plan.oldStatus) {
            events.record(t.id, "statusChanged", o.actorId(), values("old", plan.oldStatus, "new", t.status));
            if (t.status == Status.closed) {
                t.closedAt = now;
            } else if (plan.oldStatus == Status.closed) {
                t.closedAt = null;
            }
        }
        p.priority().applyTo(v -> change.field("priority", t.priority, v, x -> t.priority = x));
        if (p.agentId().isPresent()) {
            Long old = t.agentId;
            change.field("agentId", old, p.agentId().orElse(null), v -> t.agentId = v);
            if (!Objects.equals(old, t.agentId)) {
                // the work queue releases its claim on the ticket in this same transaction
                reassigned.fire(new TicketReassigned(t.id, text(old), text(t.agentId)));
            }
        }
        p.assignedAgentIds().applyTo(v -> change.field("assignedAgentIds", t.assignedAgentIds, sortedDistinct(v),
                x -> t.assignedAgentIds = new ArrayList<>(x)));
        p.dueBy().applyTo(v -> change.field("dueBy", t.dueBy, v, x -> t.dueBy = x));
        p.firstResponseDueBy().applyTo(v -> change.field("firstResponseDueBy", t.firstResponseDueBy, v,
                x -> t.firstResponseDueBy = x));
        p.contractId().applyTo(v -> change.field("contractId", t.contractId, v, x -> t.contractId = x));
        p.customerId().applyTo(v -> change.field("customerId", t.customerId, v, x -> t.customerId = x));
        p.customerLegitimation().applyTo(v -> change.field("customerLegitimation", t.customerLegitimation, v,
                x -> t.customerLegitimation = x));
        p.aiSupportLevel().applyTo(v -> change.field("aiSupportLevel", t.aiSupportLevel, v, x -> t.aiSupportLevel = x));
        p.spamStatus().applyTo(v -> change.field("spamStatus", t.spamStatus, v, x -> t.spamStatus = x));
        p.intentId().applyTo(v -> change.field("intentId", t.intentId, v, x -> t.intentId = x));

        if (plan.additionalData != null) {
            Map<String, Object> before = t.additionalData == null ? Map.of() : t.additionalData;
            TreeSet<String> keys = new TreeSet<>(before.keySet());
            keys.addAll(plan.additionalData.keySet());
            for (String key : keys) {
                change.recordOnly("additionalData." + key, before.get(key), plan.additionalData.get(key));
            }
            if (!plan.additionalData.equals(before)) {
                t.additionalData = plan.additionalData;
            }
        }

        if (plan.tags != null && !plan.tags.equals(t.tagIds)) {
            List<Long> added = plan.tags.stream().filter(id -> !t.tagIds.contains(id)).toList();
            List<Long> removed = t.tagIds.stream().filter(id -> !plan.tags.contains(id)).toList();
            t.tagIds = new ArrayList<>(plan.tags);
            Map<String, Object> data = values("added", added, "removed", removed);
            data.put("includeInWorklog", o.includeInWorklog());
            events.record(t.id, "tagsChanged", o.actorId(), data);
            change.changed = true;
        }

        if (p.refreshMode().isSet()) {
            events.recordTechnical(t.id, "refreshRequested", o.actorId(), Map.of("mode", p.refreshMode().value().name()));
        }
        if (change.changed) {
            t.modifiedAt = now;
        }
        return change.changed;
    }

    /** The values the PATCH leads to where they need checking, or the 400/409 that refuses it. */
    private Plan check(Ticket t, TicketPatchRequest p, Options o, Instant now) {
        if (p.direction().isPresent() && !sameDirection(t, p.direction().orElse(null))) {
            // clients send whole tickets back: the stored direction again is no change
            throw ApiException.invalidField("direction", "is immutable; a ticket's direction cannot be changed");
        }
        Status status = p.status().orElse(t.status);
        Instant dueBy = p.dueBy().orElse(t.dueBy);
        if (status == Status.pending && (p.status().isPresent() || p.dueBy().isPresent())
                && (dueBy == null || !dueBy.isAfter(now))) {
            throw ApiException.invalidField("dueBy", "must be a time in the future when the status is pending");
        }
        if (p.agentId().isPresent()) {
            Long agent = p.agentId().orElse(null);
            if (agent != null && agent < 1) {
                throw ApiException.invalidField("agentId", "must be a profile id (1 or more), or null to unassign");
            }
            if (t.agentId != null && !t.agentId.equals(agent) && !t.agentId.toString().equals(o.actorId())
                    && !o.forceAgentReassignment()) {
                throw ApiException.conflict("agent_reassignment_not_forced", "Ticket " + t.id + " is assigned to agent "
                        + t.agentId + "; send forceAgentReassignment=true to reassign it");
            }
        }
        List<Long> tags = null;
        boolean addOrRemove = p.addTagIds() != null || p.removeTagIds() != null;
        if (p.tagIds().isPresent()) {
            if (addOrRemove) {
                throw ApiException.invalidField("tagIds", "cannot be combined with addTagIds or removeTagIds");
            }
            tags = sortedDistinct(p.tagIds().orElse(null));
        } else if (addOrRemove) {
            List<Long> add = p.addTagIds() == null ? List.of() : p.addTagIds();
            List<Long> remove = p.removeTagIds() == null ? List.of() : p.removeTagIds();
            if (add.stream().anyMatch(remove::contains)) {
                throw ApiException.invalidField("removeTagIds", "must not name a tag that addTagIds adds");
            }
            TreeSet<Long> result = new TreeSet<>(t.tagIds);
            result.addAll(add);
            remove.forEach(result::remove);
            tags = List.copyOf(result);
            if (tags.size() > MAX_TAGS) {
                throw ApiException.invalidField("addTagIds", "would give the ticket more than " + MAX_TAGS + " tags");
            }
        }
        Map<String, Object> additionalData = null;
        if (p.additionalData().isPresent()) {
            additionalData = new LinkedHashMap<>();
            if (p.additionalData().isSet()) {
                ADDITIONAL_DATA_PATCH.check("additionalData", p.additionalData().value());
                if (t.additionalData != null) {
                    additionalData.putAll(t.additionalData);
                }
                for (Map.Entry<String, Object> entry : p.additionalData().value().entrySet()) {
                    if (entry.getValue() == null) {
                        additionalData.remove(entry.getKey());
                    } else {
                        additionalData.put(entry.getKey(), entry.getValue());
                    }
                }
                ADDITIONAL_DATA.check("additionalData", additionalData);
            }
        }
        return new Plan(t.status, status, tags, additionalData);
    }

    /** Whether {@code sent} is the ticket's stored direction by name (null or any other value is a change). */
    private static boolean sameDirection(Ticket t, JsonNode sent) {
        return sent != null && sent.isTextual() && t.direction != null && t.direction.name().equals(sent.textValue());
    }

    private record Plan(Status oldStatus, Status status, List<Long> tags, Map<String, Object> additionalData) {
    }

    /** Writes changed fields and records each as a fieldChanged event. */
    private final class Change {
        private final long ticketId;
        private final Options options;
        boolean changed;

        Change(long ticketId, Options options) {
            this.ticketId = ticketId;
            this.options = options;
        }

        <T> void field(String name, T old, T value, Consumer<T> setter) {
            if (recordOnly(name, old, value)) {
                setter.accept(value);
            }
        }

        boolean recordOnly(String name, Object old, Object value) {
            if (Objects.equals(old, value)) {
                return false;
            }
            Map<String, Object> data = values("field", name, "old", wire(old));
            data.put("new", wire(value));
            data.put("includeInWorklog", options.includeInWorklog());
            events.record(ticketId, "fieldChanged", options.actorId(), data);
            changed = true;
            return true;
        }
    }

    /** Values as the API writes them: times as YYYY-MM-DD HH:mm:ss, enums by name. */
    private static Object wire(Object value) {
        if (value instanceof Instant instant) {
            return ApiTime.format(instant);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value;
    }

    private static Map<String, Object> values(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(k1, wire(v1));
        data.put(k2, wire(v2));
        return data;
    }

    private static List<Long> sortedDistinct(List<Long> ids) {
        return ids == null ? List.of() : ids.stream().distinct().sorted().toList();
    }

    private static String text(Long id) {
        return id == null ? null : id.toString();
    }
}
