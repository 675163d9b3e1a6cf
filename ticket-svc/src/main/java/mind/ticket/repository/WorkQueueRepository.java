package mind.ticket.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import mind.ticket.domain.QueueFilter;
import mind.ticket.domain.RoutingOrder;
import mind.ticket.domain.Skills;

/**
 * The work queue's SQL: claims, presence, stats. Every value from a request is a bound parameter;
 * the SQL text is built only from constants chosen by checked enums.
 */
@ApplicationScoped
public class WorkQueueRepository {

    // Kept character for character equal to the expressions of the indexes in V5__work_queue.sql.
    static final String PRIORITY_RANK = "case t.priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end";
    static final String DUE = "coalesce(t.due_by, timestamptz '2099-12-31 00:00:00+00')";
    static final String LAST_CUSTOMER_MESSAGE = "coalesce(t.last_customer_message_at, t.created_at)";

    /** Statuses that no longer count as work: what stats and agents/queue leave out. */
    public static final String DONE_STATUSES = "('closed', 'resolved')";

    private final EntityManager em;

    public WorkQueueRepository(EntityManager em) {
        this.em = em;
    }

    /** A claim taken: the ticket, and the agent whose expired claim it replaced (null if none). */
    public record Taken(long ticketId, String previousAgent, Instant previousClaimedAt) {
    }

    /** What one claim statement did. */
    public sealed interface Look {
    }

    public record Claimed(Taken taken) implements Look {
    }

    /** The candidate was taken by another agent between reading and claiming: look again. */
    public record Lost() implements Look {
    }

    /** No free ticket matches. */
    public record Empty() implements Look {
    }

    /** A released claim. */
    public record Released(long ticketId, String agentId, Instant claimedAt) {
    }

    /**
     * Claims the first free ticket in the order, after / before {@code reference} when it is given,
     * in one statement: the candidate ticket row is locked with {@code FOR NO KEY UPDATE SKIP LOCKED},
     * so concurrent claimers pass over each other's candidates instead of waiting, and the claim row is
     * written with an upsert that takes over only an expired claim. Should another claimer have
     * committed a claim on the candidate after this statement's snapshot, the upsert changes nothing
     * and the result is {@link Lost}.
     */
    public Look claimNext(String agentId, Long agentNumber, Skills skills, List<QueueFilter> filters, RoutingOrder order,
            Long reference, boolean backwards, Instant now, Instant expiresAt) {
        Sql sql = new Sql();
        List<String> keys = keys(order);
        String direction = backwards ? " desc" : "";
        sql.append("with cand as (select t.id, c.agent_id as prev_agent, c.claimed_at as prev_claimed_at from ticket t "
                + "left join ticket_claim c on c.ticket_id = t.id where t.status = 'open' ");
        assignable(sql, agentNumber);
        sql.append(" and (c.ticket_id is null or c.expires_at <= ").param(now).append(")");
        restrict(sql, skills, filters);
        if (reference != null) {
            String row = "(" + String.join(", ", keys) + ")";
            sql.append(" and ").append(row).append(backwards ? " < " : " > ")
                    .append("(select ").append(String.join(", ", keys)).append(" from ticket t where t.id = ").param(reference).append(")");
        }
        sql.append(" order by ").append(keys.stream().map(k -> k + direction).collect(Collectors.joining(", ")))
                .append(" limit 1 for no key update of t skip locked), ");
        sql.append("taken as (insert into ticket_claim (ticket_id, agent_id, claimed_at, expires_at) select id, ").param(agentId)
                .append(", ").param(now).append(", ").param(expiresAt)
                .append(" from cand on conflict (ticket_id) do update set agent_id = excluded.agent_id, "
                        + "claimed_at = excluded.claimed_at, expires_at = excluded.expires_at "
                        + "where ticket_claim.expires_at <= excluded.claimed_at returning ticket_id) ");
        sql.append("select cand.id, taken.ticket_id, cand.prev_agent, cand.prev_claimed_at from cand left join taken on taken.ticket_id = cand.id");
        List<?> rows = sql.query(em).getResultList();
        if (rows.isEmpty()) {
            return new Empty();
        }
        Object[] row = (Object[]) rows.get(0);
        if (row[1] == null) {
            return new Lost();
        }
        return new Claimed(new Taken(((Number) row[0]).longValue(), (String) row[2], instant(row[3])));
    }

    /** The ticket the agent holds a claim on, if it is still open, theirs to work and matches skills and filters. */
    public Optional<Long> heldTicket(String agentId, Long agentNumber, Skills skills, List<QueueFilter> filters) {
        Sql sql = new Sql();
        sql.append("select t.id from ticket_claim c join ticket t on t.id = c.ticket_id where c.agent_id = ").param(agentId)
                .append(" and t.status = 'open' ");
        assignable(sql, agentNumber);
        restrict(sql, skills, filters);
        List<?> rows = sql.query(em).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    /** Moves the agent's claim on the ticket to a new expiry; false when they hold none on it. */
    public boolean renew(long ticketId, String agentId, Instant expiresAt) {
        return em.createNativeQuery("update ticket_claim set expires_at = ?1 where ticket_id = ?2 and agent_id = ?3")
                .setParameter(1, expiresAt).setParameter(2, ticketId).setParameter(3, agentId)
                .executeUpdate() > 0;
    }

    /** Ends every claim of the agent (one at most). */
    public List<Released> releaseAll(String agentId) {
        return released(em.createNativeQuery("delete from ticket_claim where agent_id = ?1 returning ticket_id, agent_id, claimed_at")
                .setParameter(1, agentId).getResultList());
    }

    /** Ends the claim on the ticket unless {@code keepAgentId} holds it. */
    public List<Released> releaseUnlessHeldBy(long ticketId, String keepAgentId) {
        return released(em.createNativeQuery("delete from ticket_claim where ticket_id = ?1 and agent_id is distinct from ?2 "
                + "returning ticket_id, agent_id, claimed_at")
                .setParameter(1, ticketId).setParameter(2, keepAgentId == null ? "" : keepAgentId).getResultList());
    }

    public boolean ticketExists(long ticketId) {
        return !em.createNativeQuery("select 1 from ticket where id = ?1").setParameter(1, ticketId).getResultList().isEmpty();
    }

    /**
     * Records that the agent is on the ticket until {@code seenUntil}. Rows that ran out, of this ticket
     * or of this agent, go at the same time, so the table holds little more than who is present.
     */
    public void markPresent(long ticketId, String agentId, Instant now, Instant seenUntil) {
        em.createNativeQuery("delete from ticket_presence where (ticket_id = ?1 or agent_id = ?2) and seen_until <= ?3")
                .setParameter(1, ticketId).setParameter(2, agentId).setParameter(3, now).executeUpdate();
        em.createNativeQuery("insert into ticket_presence (ticket_id, agent_id, last_seen, seen_until) values (?1, ?2, ?3, ?4) "
                + "on conflict (ticket_id, agent_id) do update set last_seen = excluded.last_seen, seen_until = excluded.seen_until")
                .setParameter(1, ticketId).setParameter(2, agentId).setParameter(3, now).setParameter(4, seenUntil)
                .executeUpdate();
    }

    /** Agents present on the ticket at {@code now}, with when each was last seen, by agent id. */
    public Map<String, Instant> present(long ticketId, Instant now) {
        List<?> rows = em.createNativeQuery("select agent_id, last_seen from ticket_presence where ticket_id = ?1 and seen_until > ?2 "
                + "order by agent_id").setParameter(1, ticketId).setParameter(2, now).getResultList();
        Map<String, Instant> present = new LinkedHashMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            present.put((String) row[0], instant(row[1]));
        }
        return present;
    }

    // ---- stats

    /** Counts of unfinished tickets grouped by one column at a time (grouping sets); key "" is the total. */
    public Map<String, Map<String, Long>> unfinishedBreakdown() {
        List<?> rows = em.createNativeQuery("select grouping(t.status, t.channel, t.priority, t.agent_id), t.status, t.channel, "
                + "t.priority, cast(t.agent_id as text), count(*) from ticket t where t.status not in " + DONE_STATUSES
                + " group by grouping sets ((t.status), (t.channel), (t.priority), (t.agent_id), ())").getResultList();
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        for (String group : List.of("", "status", "channel", "priority", "agent")) {
            result.put(group, new LinkedHashMap<>());
        }
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            int grouping = ((Number) row[0]).intValue();
            long count = ((Number) row[5]).longValue();
            // grouping() sets a bit for every column not grouped by: 0b0111 = by status, 0b1011 = by channel, ...
            switch (grouping) {
                case 0b0111 -> result.get("status").put((String) row[1], count);
                case 0b1011 -> result.get("channel").put((String) row[2], count);
                case 0b1101 -> result.get("priority").put((String) row[3], count);
                case 0b1110 -> result.get("agent").put(row[4] == null ? null : (String) row[4], count);
                case 0b1111 -> result.get("").put("total", count);
                default -> throw new IllegalStateException("unexpected grouping " + grouping);
            }
        }
        return result;
    }

    /** Unfinished tickets per tag (tag_ids unnested), most frequent first, at most {@code limit} tags. */
    public List<long[]> unfinishedByTag(int limit) {
        List<?> rows = em.createNativeQuery("select tag, count(*) from ticket t cross join unnest(t.tag_ids) tag "
                + "where t.status not in " + DONE_STATUSES + " group by tag order by count(*) desc, tag limit ?1")
                .setParameter(1, limit).getResultList();
        List<long[]> result = new ArrayList<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            result.add(new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() });
        }
        return result;
    }

    /** Open tickets under a live claim. */
    public long liveClaims(Instant now) {
        return ((Number) em.createNativeQuery("select count(*) from ticket_claim c join ticket t on t.id = c.ticket_id "
                + "where c.expires_at > ?1 and t.status = 'open'").setParameter(1, now).getSingleResult()).longValue();
    }

    /** Open, unassigned, unclaimed tickets matching the skills, per channel. */
    public Map<String, Long> waitingByChannel(Skills skills, Instant now) {
        Sql sql = new Sql();
        sql.append("select t.channel, count(*) from ticket t left join ticket_claim c on c.ticket_id = t.id "
                + "where t.status = 'open' and t.agent_id is null and (c.ticket_id is null or c.expires_at <= ").param(now).append(")");
        restrict(sql, skills, List.of());
        sql.append(" group by t.channel");
        Map<String, Long> waiting = new LinkedHashMap<>();
        for (Object r : sql.query(em).getResultList()) {
            Object[] row = (Object[]) r;
            waiting.put((String) row[0], ((Number) row[1]).longValue());
        }
        return waiting;
    }

    /** Agents with a live claim or a live presence: the ones working the queue right now. */
    public long activeAgents(Instant now) {
        return ((Number) em.createNativeQuery("select count(*) from (select agent_id from ticket_claim where expires_at > ?1 "
                + "union select agent_id from ticket_presence where seen_until > ?1) a").setParameter(1, now)
                .getSingleResult()).longValue();
    }

    /**
     * Average seconds from claim to close per channel, over the last {@code samples} claims that ended
     * with the ticket closed since {@code since} (the released events the close wrote).
     */
    public Map<String, Double> handlingSecondsByChannel(Instant since, int samples) {
        List<?> rows = em.createNativeQuery("select t.channel, avg(s.held) from (select e.ticket_id, (e.data->>'heldSeconds')::numeric held "
                + "from ticket_event e where e.type = 'released' and e.data->>'reason' = 'closed' and e.created_at > ?1 "
                + "order by e.created_at desc limit ?2) s join ticket t on t.id = s.ticket_id group by t.channel")
                .setParameter(1, since).setParameter(2, samples).getResultList();
        Map<String, Double> result = new LinkedHashMap<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            result.put((String) row[0], ((Number) row[1]).doubleValue());
        }
        return result;
    }

    // ---- building blocks

    private static List<String> keys(RoutingOrder order) {
        return switch (order) {
            case slaDue -> List.of(DUE, "t.id");
            case priorityThenSla -> List.of(PRIORITY_RANK, DUE, "t.id");
            case priorityThenNewestCustomerMessage -> List.of(PRIORITY_RANK, "-extract(epoch from " + LAST_CUSTOMER_MESSAGE + ")", "t.id");
            case priorityThenOldestCustomerMessage -> List.of(PRIORITY_RANK, LAST_CUSTOMER_MESSAGE, "t.id");
        };
    }

    /** Unassigned tickets, or the agent's own (a ticket assigned to someone else is theirs to work). */
    private static void assignable(Sql sql, Long agentNumber) {
        if (agentNumber == null) {
            sql.append(" and t.agent_id is null");
        } else {
            sql.append(" and (t.agent_id is null or t.agent_id = ").param(agentNumber).append(")");
        }
    }

    private static void restrict(Sql sql, Skills skills, List<QueueFilter> filters) {
        if (skills.restricts()) {
            sql.append(skills.match() == Skills.Match.ALL ? " and t.tag_ids @> " : " and t.tag_ids && ")
                    .append("cast(").param(arrayLiteral(skills.tagIds().stream().map(String::valueOf).toList())).append(" as bigint[])");
        }
        for (QueueFilter filter : filters) {
            sql.append(filter.negated() ? " and not (" : " and (");
            String values = arrayLiteral(filter.values());
            switch (filter.key()) {
                case CHANNEL -> sql.append("t.channel = any(cast(").param(values).append(" as text[]))");
                case PRIORITY -> sql.append("t.priority = any(cast(").param(values).append(" as text[]))");
                case STATUS -> sql.append("t.status = any(cast(").param(values).append(" as text[]))");
                case TAG -> sql.append("t.tag_ids && cast(").param(values).append(" as bigint[])");
            }
            sql.append(")");
        }
    }

    /** A PostgreSQL array literal, each element quoted, for a cast of one bound text parameter. */
    static String arrayLiteral(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static List<Released> released(List<?> rows) {
        List<Released> released = new ArrayList<>();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            released.add(new Released(((Number) row[0]).longValue(), (String) row[1], instant(row[2])));
        }
        return released;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    /** SQL text with positional parameters, in order. */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Sql append(String part) {
            text.append(part);
            return this;
        }

        Sql param(Object value) {
            params.add(value);
            text.append('?').append(params.size());
            return this;
        }

        Query query(EntityManager em) {
            Query query = em.createNativeQuery(text.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }
    }
}
