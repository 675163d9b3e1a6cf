package mind.settings.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.settings.api.ProfileRouting;
import mind.settings.api.ProfileView;
import mind.settings.client.TicketGateway;
import mind.settings.config.PeopleConfig;
import mind.settings.domain.ProfileEnums.SkillMatch;

/**
 * A profile's tickets as ticket-svc holds them, read through its search with the caller's token: the caller's
 * open tickets ({@code GET /profile}) and what the work queue would hand a profile ({@code GET /profile/{id}/routing}).
 * No transaction and no database connection is held while ticket-svc answers: the profile is read first.
 *
 * <p>The routing is ticket-svc's getLatest rule (README "ticket-svc: work queue") put as searches: open tickets that
 * are unassigned or assigned to the profile, carrying one of its skills ({@code AT_LEAST_ONE}) or all of them
 * ({@code ALL}), in the order of the setting {@code ticketRoutingOrder}. The priority orders are one search per
 * priority, most urgent first, so that the second key (dueBy, last customer message) orders within a priority as the
 * queue does. What the search cannot see: another agent's live claim (ticket-svc keeps claims to itself), so a
 * ticket someone else holds right now is listed too.
 */
@ApplicationScoped
public class ProfileTickets {

    private static final Logger LOG = Logger.getLogger(ProfileTickets.class);
    static final List<String> PRIORITIES = List.of("urgent", "high", "medium", "low");
    static final int MAX_Q_LENGTH = 200;

    private final TicketGateway tickets;
    private final ProfileService profiles;
    private final SettingsService settings;
    private final ObjectMapper json;
    private final PeopleConfig config;

    public ProfileTickets(TicketGateway tickets, ProfileService profiles, SettingsService settings, ObjectMapper json,
            PeopleConfig config) {
        this.tickets = tickets;
        this.profiles = profiles;
        this.settings = settings;
        this.json = json;
        this.config = config;
    }

    /** The caller's open tickets, or none and {@code unavailable} when ticket-svc cannot be asked. */
    public record OpenTickets(List<JsonNode> tickets, boolean unavailable) {
    }

    /**
     * Open tickets assigned to the profile, newest first, at most {@code mind.people.caller-tickets-limit}. A profile
     * answer without its tickets is worth more than none (clients read id and permissions from it), so a failure of
     * ticket-svc gives an empty list with {@code unavailable}, logged, instead of an error.
     */
    public OpenTickets openTicketsOf(long profileId) {
        List<ObjectNode> filters = List.of(filter("t.status", "open"), filter("t.agentId", profileId));
        try {
            return new OpenTickets(rows(tickets.search(search(filters, config.callerTicketsLimit(), 0, "t.id", "desc"))), false);
        } catch (RemoteCallException | FaultToleranceException e) {
            LOG.warnf("GET /profile of %d answers without tickets: %s could not be asked (%s)", profileId,
                    TicketGateway.SERVICE, describe(e));
            return new OpenTickets(List.of(), true);
        }
    }

    /**
     * What the work queue would hand the profile: a page of tickets in the queue's order, and with {@code ticketId}
     * whether that ticket would be handed to it and, if not, why. 404 for an unknown profile or (with ticketId) a
     * ticket ticket-svc does not have; 503 when ticket-svc cannot be asked.
     */
    public ProfileRouting routing(long profileId, Long ticketId, String q, PageRequest page) {
        if (q != null && q.length() > MAX_Q_LENGTH) {
            throw ApiException.invalidField("q", "must be at most " + MAX_Q_LENGTH + " characters");
        }
        if (ticketId != null && ticketId <= 0) {
            throw ApiException.invalidField("ticketId", "must be a positive ticket id");
        }
        ProfileView profile = profiles.find(profileId, false)
                .orElseThrow(() -> ApiException.notFound("Profile " + profileId + " not found"));
        List<Long> skills = profile.settings().skills();
        SkillMatch match = profile.settings().skillMatch();
        String order = routingOrder();

        List<ObjectNode> filters = new ArrayList<>();
        filters.add(filter("t.status", "open"));
        // a ticket assigned to someone else is theirs
        ArrayNode agents = json.createArrayNode().add(profileId).add("unassigned");
        filters.add(json.createObjectNode().put("key", "t.agentId").put("comparator", "in").set("values", agents));
        // a ticket another agent holds a live claim on is not handed out until the claim ends
        filters.add(claimedBy("in", profileId));
        if (!skills.isEmpty()) {
            ArrayNode tags = json.createArrayNode();
            skills.forEach(tags::add);
            filters.add(json.createObjectNode().put("key", match == SkillMatch.ALL ? "tt_matchAll.tagId" : "tt_matchAny.tagId")
                    .put("comparator", "in").set("values", tags));
        }
        if (q != null && !q.isBlank()) {
            filters.add(json.createObjectNode().put("key", "q").put("value", q));
        }
        try {
            List<JsonNode> rows = new ArrayList<>();
            long total = page(filters, order, page, rows);
            ProfileRouting.TicketRouting ticket = ticketId == null ? null : ticketRouting(profileId, skills, match, ticketId);
            return new ProfileRouting(true, profileId, order, skills, match, rows, total, page.limit(), page.offset(), ticket);
        } catch (RemoteRejectedException e) {
            throw new ApiException(e.status() >= 400 && e.status() < 500 ? e.status() : 502,
                    e.code() == null ? "ticket_search_refused" : e.code(),
                    TicketGateway.SERVICE + " refused the ticket search: " + e.getMessage());
        } catch (RemoteCallException | FaultToleranceException e) {
            throw ApiException.unavailable(TicketGateway.SERVICE + " could not be asked for the profile's tickets ("
                    + describe(e) + "); try again later", config.ticketRetryAfterSeconds());
        }
    }

    /** Fills {@code rows} with the page and answers the total, one search per priority for the priority orders. */
    private long page(List<ObjectNode> filters, String order, PageRequest page, List<JsonNode> rows) {
        String field = switch (order) {
            case "slaDue", "priorityThenSla" -> "t.dueBy";
            default -> "t.lastCustomerMessageAt";
        };
        String direction = "priorityThenNewestCustomerMessage".equals(order) ? "desc" : "asc";
        if ("slaDue".equals(order)) {
            JsonNode answer = tickets.search(search(filters, page.limit(), page.offset(), field, direction));
            rows.addAll(rows(answer));
            return answer.path("total").asLong();
        }
        long total = 0;
        int skip = page.offset();
        int wanted = page.limit();
        for (String priority : PRIORITIES) {
            List<ObjectNode> byPriority = new ArrayList<>(filters);
            byPriority.add(filter("t.priority", priority));
            // once the page is full, each further priority is asked only for its count
            JsonNode answer = tickets.search(search(byPriority, Math.max(wanted, 1), wanted > 0 ? skip : 0, field, direction));
            long count = answer.path("total").asLong();
            total += count;
            if (wanted > 0) {
                if (skip >= count) {
                    skip -= (int) count;
                } else {
                    List<JsonNode> found = rows(answer);
                    rows.addAll(found.subList(0, Math.min(found.size(), wanted)));
                    wanted -= Math.min(found.size(), wanted);
                    skip = 0;
                }
            }
        }
        return total;
    }

    /** Why one ticket would or would not be handed to the profile; 404 when ticket-svc does not have it. */
    private ProfileRouting.TicketRouting ticketRouting(long profileId, List<Long> skills, SkillMatch match, long ticketId) {
        List<JsonNode> found = rows(tickets.search(search(List.of(filter("t.id", ticketId)), 1, 0, "t.id", "desc")));
        if (found.isEmpty()) {
            throw ApiException.notFound("Ticket " + ticketId + " not found");
        }
        JsonNode ticket = found.get(0);
        List<String> reasons = new ArrayList<>();
        String status = ticket.path("status").asText();
        if (!"open".equals(status)) {
            reasons.add("status is " + status + ": only open tickets are routed");
        }
        JsonNode agent = ticket.path("agentId");
        if (agent.isIntegralNumber() && agent.asLong() != profileId) {
            reasons.add("assigned to agent " + agent.asLong() + ": a ticket assigned to someone is theirs");
        }
        Set<Long> tags = new HashSet<>();
        ticket.path("tagIds").forEach(t -> tags.add(t.asLong()));
        if (!skills.isEmpty()) {
            if (match == SkillMatch.ALL && !tags.containsAll(skills)) {
                List<Long> missing = skills.stream().filter(s -> !tags.contains(s)).toList();
                reasons.add("lacks the skills " + missing + " of the profile (skillMatch ALL: a ticket needs every skill)");
            } else if (match != SkillMatch.ALL && skills.stream().noneMatch(tags::contains)) {
                reasons.add("carries none of the skills " + skills + " of the profile (skillMatch AT_LEAST_ONE)");
            }
        }
        if ("open".equals(status) && !rows(tickets.search(search(List.of(filter("t.id", ticketId),
                claimedBy("not in", profileId)), 1, 0, "t.id", "desc"))).isEmpty()) {
            reasons.add("claimed by another agent right now: the work queue hands it to nobody else until that claim is "
                    + "released, the ticket closed or the claim's lease runs out");
        }
        return new ProfileRouting.TicketRouting(ticketId, reasons.isEmpty(), reasons);
    }

    /** The work queue's order; ticket-svc falls back to priorityThenSla for an unknown one, and so does this. */
    private String routingOrder() {
        JsonNode value = settings.list(new SettingsService.Filter(Set.of("ticketRoutingOrder"), Set.of(), Set.of()), d -> false)
                .stream().findFirst().map(v -> v.value().value()).orElse(null);
        String order = value == null ? null : value.asText(null);
        return order != null && List.of("slaDue", "priorityThenSla", "priorityThenNewestCustomerMessage",
                "priorityThenOldestCustomerMessage").contains(order) ? order : "priorityThenSla";
    }

    /** ticket-svc's {@code t.claimedBy}: the holder of a live work-queue claim; {@code in} = unclaimed or the profile's. */
    private ObjectNode claimedBy(String comparator, long profileId) {
        ObjectNode f = json.createObjectNode().put("key", "t.claimedBy").put("comparator", comparator);
        f.putArray("values").add(Long.toString(profileId)).add("null");
        return f;
    }

    private ObjectNode search(List<ObjectNode> filters, int limit, int offset, String orderBy, String direction) {
        ObjectNode body = json.createObjectNode();
        body.putArray("filters").addAll(filters);
        return body.put("limit", limit).put("offset", offset).put("orderByField", orderBy).put("orderByDirection", direction);
    }

    private ObjectNode filter(String key, Object value) {
        ObjectNode f = json.createObjectNode().put("key", key).put("comparator", "in");
        ArrayNode values = f.putArray("values");
        if (value instanceof Long l) {
            values.add(l);
        } else {
            values.add(value.toString());
        }
        return f;
    }

    private static List<JsonNode> rows(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        answer.path("tickets").forEach(rows::add);
        return rows;
    }

    private static String describe(RuntimeException e) {
        return e instanceof RemoteCallException ? e.getMessage() : e.getClass().getSimpleName();
    }
}
