package mind.ticket.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;
import mind.common.db.AdvisoryLocks;
import mind.common.persistence.JdbcParams;
import mind.common.time.ApiTime;
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
    private final AgroalDataSource dataSource;

    public WorkQueueRepository(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** What one claim statement did. */
    public sealed interface Look {
    }

    /** The ticket claimed. */
    public record Claimed(long ticketId) implements Look {
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
     * One claim to take: whose, under which skills, filters and order, after (or, {@code backwards}, before) which
     * ticket when {@code reference} is given, at {@code now} until {@code expiresAt}; {@code direction} is what the
     * claimed event records.
     */
    public record ClaimAsk(String agentId, Long agentNumber, Skills skills, List<QueueFilter> filters, RoutingOrder order,
            Long reference, boolean backwards, String direction, Instant now, Instant expiresAt) {
    }

    /** What a claim statement did, and whether the reference ticket exists (true when there is none). */
    public record Step(Look look, boolean referenceExists) {
    }

    /**
     * Takes the agent's lock, then renews the agent's claim if it is on a ticket that is still open, theirs to
     * work and matches skills and filters: one round trip (pgjdbc sends the statements of one string together,
     * each under its own snapshot, so the second sees everything committed before the lock was granted).
     *
     * @return the ticket whose claim was renewed, or empty
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Long> lockAndRenewHeld(AdvisoryLocks.JdbcLock lock, ClaimAsk ask) {
        Sql sql = lockStatement(lock);
        sql.append("; update ticket_claim c set expires_at = ").param(ask.expiresAt())
                .append(" from ticket t where t.id = c.ticket_id and c.agent_id = ").param(ask.agentId())
                .append(" and t.status = 'open' ");
        assignable(sql, ask.agentNumber());
        restrict(sql, ask.skills(), ask.filters());
        sql.append(" returning c.ticket_id");
        List<Object[]> rows = sql.execute(dataSource);
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)[0]).longValue());
    }

    /**
     * Gives up the agent's claims, each logged as released for {@code releaseReason}, then claims as
     * {@link #claim} does; one round trip, with the agent's lock taken first when {@code lock} is given.
     */
    @Transactional(TxType.MANDATORY)
    public Step releaseAndClaim(AdvisoryLocks.JdbcLock lock, ClaimAsk ask, String releaseReason) {
        Sql sql = lock == null ? new Sql(true) : lockStatement(lock).append("; ");
        sql.append("with released as (delete from ticket_claim where agent_id = ").param(ask.agentId())
                .append(" returning ticket_id, agent_id, claimed_at) "
                        + "insert into ticket_event (ticket_id, type, actor_id, data, created_at) "
                        + "select ticket_id, 'released', agent_id, ");
        releaseData(sql, "agent_id", "claimed_at", releaseReason, ask.now());
        // a request that waited for the lock read its clock before the one it waited for: its release is never
        // logged as earlier than the claim it ends
        sql.append(", greatest(").param(ask.now()).append(", claimed_at) from released; ");
        return claimStatement(sql, ask);
    }

    /**
     * Claims the first free ticket in the order, after / before the reference when one is given, in one
     * statement, and logs it: {@code claimed}, preceded by {@code released} (reason {@code expired}) when it took
     * over an expired claim. The candidate ticket row is locked with {@code FOR NO KEY UPDATE SKIP LOCKED}, so
     * concurrent claimers pass over each other's candidates instead of waiting, and the claim row is written with
     * an upsert that takes over only an expired claim. Should another claimer have committed a claim on the
     * candidate after this statement's snapshot, the upsert changes nothing and the result is {@link Lost}.
     */
    @Transactional(TxType.MANDATORY)
    public Step claim(ClaimAsk ask) {
        return claimStatement(new Sql(true), ask);
    }

    private Step claimStatement(Sql sql, ClaimAsk ask) {
        List<String> keys = keys(ask.order());
        String direction = ask.backwards() ? " desc" : "";
        sql.append("with cand as (select t.id, c.agent_id as prev_agent, c.claimed_at as prev_claimed_at from ticket t "
                + "left join ticket_claim c on c.ticket_id = t.id where t.status = 'open' ");
        assignable(sql, ask.agentNumber());
        sql.append(" and (c.ticket_id is null or c.expires_at <= ").param(ask.now()).append(")");
        restrict(sql, ask.skills(), ask.filters());
        if (ask.reference() != null) {
            String row = "(" + String.join(", ", keys) + ")";
            sql.append(" and ").append(row).append(ask.backwards() ? " < " : " > ")
                    .append("(select ").append(String.join(", ", keys)).append(" from ticket t where t.id = ")
                    .param(ask.reference()).append(")");
        }
        sql.append(" order by ").append(keys.stream().map(k -> k + direction).collect(Collectors.joining(", ")))
                .append(" limit 1 for no key update of t skip locked), ");
        sql.append("taken as (insert into ticket_claim (ticket_id, agent_id, claimed_at, expires_at) select id, ")
                .param(ask.agentId()).append(", ").param(ask.now()).append(", ").param(ask.expiresAt())
                .append(" from cand on conflict (ticket_id) do update set agent_id = excluded.agent_id, "
                        + "claimed_at = excluded.claimed_at, expires_at = excluded.expires_at "
                        + "where ticket_claim.expires_at <= excluded.claimed_at "
                        // xmax is set on a row the upsert updated (it locked the old one first), 0 on one it inserted
                        + "returning ticket_id, xmax <> 0 as took_over), ");
        // the events in log order: the expired claim's release, then the claim (ids are drawn in the rows' order)
        sql.append("logged as (insert into ticket_event (ticket_id, type, actor_id, data, created_at) "
                + "select e.ticket_id, e.type, e.actor_id, e.data, ").param(ask.now()).append(" from (");
        sql.append("select 1 as ord, cand.id as ticket_id, 'released' as type, cast(null as text) as actor_id, ");
        releaseData(sql, "cand.prev_agent", "cand.prev_claimed_at", "expired", ask.now());
        sql.append(" as data from cand join taken on taken.ticket_id = cand.id where taken.took_over and cand.prev_agent is not null "
                + "union all select 2, taken.ticket_id, 'claimed', ").param(ask.agentId())
                .append(", jsonb_build_object('agentId', ").param(ask.agentId())
                .append(", 'expiresAt', ").param(ApiTime.format(ask.expiresAt()))
                .append(", 'order', ").param(ask.order().name())
                .append(", 'direction', ").param(ask.direction())
                .append(") from taken) e order by e.ord) ");
        sql.append("select cand.id, taken.ticket_id, ");
        if (ask.reference() == null) {
            sql.append("true");
        } else {
            sql.append("exists (select 1 from ticket r where r.id = ").param(ask.reference()).append(")");
        }
        sql.append(" from (select 1) one left join cand on true left join taken on taken.ticket_id = cand.id");
        Object[] row = sql.execute(dataSource).get(0);
        boolean referenceExists = (Boolean) row[2];
        if (row[0] == null) {
            return new Step(new Empty(), referenceExists);
        }
        if (row[1] == null) {
            return new Step(new Lost(), referenceExists);
        }
        return new Step(new Claimed(((Number) row[0]).longValue()), referenceExists);
    }

    /**
     * A released event's data built in SQL: {@code agentId}, {@code reason} and {@code heldSeconds} (whole seconds
     * from the claim to {@code now}, as the release trigger of V5__work_queue.sql counts them).
     */
    private static void releaseData(Sql sql, String agentColumn, String claimedAtColumn, String reason, Instant now) {
        sql.append("jsonb_build_object('agentId', ").append(agentColumn).append(", 'reason', ").param(reason)
                .append(", 'heldSeconds', cast(greatest(0, floor(extract(epoch from ").param(now).append(" - ")
                .append(claimedAtColumn).append("))) as bigint))");
    }

    private static Sql lockStatement(AdvisoryLocks.JdbcLock lock) {
        Sql sql = new Sql(true);
        sql.append(lock.sql());
        lock.params().forEach(sql.params::add);
        return sql;
    }

    /** Ends the claim on the ticket unless {@code keepAgentId} holds it. */
    public List<Released> releaseUnlessHeldBy(long ticketId, String keepAgentId) {
        return released(em.createNativeQuery("delete from ticket_claim where ticket_id = ?1 and agent_id is distinct from ?2 "
                + "returning ticket_id, agent_id, claimed_at")
                .setParameter(1, ticketId).setParameter(2, keepAgentId == null ? "" : keepAgentId).getResultList());
    }

    /**
     * Marks the agent present on the ticket until {@code seenUntil} and moves their claim on it, if they hold one,
     * to {@code leaseUntil}; one round trip. Presence rows that ran out, of this ticket or of this agent, go at the
     * same time, so the table holds little more than who is present.
     *
     * @return the agents present at {@code now} with when each was last seen, by agent id; empty when there is no
     *         such ticket (the caller then rolls back: the statements before the check may have removed run-out
     *         presence rows and renewed nothing)
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Map<String, Instant>> ping(long ticketId, String agentId, Instant now, Instant seenUntil, Instant leaseUntil) {
        Sql sql = new Sql(true);
        sql.append("delete from ticket_presence where (ticket_id = ").param(ticketId).append(" or agent_id = ").param(agentId)
                .append(") and seen_until <= ").param(now).append("; ");
        sql.append("insert into ticket_presence (ticket_id, agent_id, last_seen, seen_until) select ").param(ticketId)
                .append(", ").param(agentId).append(", ").param(now).append(", ").param(seenUntil)
                .append(" where exists (select 1 from ticket where id = ").param(ticketId).append(") on conflict (ticket_id, agent_id) "
                        + "do update set last_seen = excluded.last_seen, seen_until = excluded.seen_until; ");
        sql.append("update ticket_claim set expires_at = ").param(leaseUntil).append(" where ticket_id = ").param(ticketId)
                .append(" and agent_id = ").param(agentId).append("; ");
        sql.append("select t.found, p.agent_id, p.last_seen from (select exists (select 1 from ticket where id = ").param(ticketId)
                .append(") as found) t left join ticket_presence p on p.ticket_id = ").param(ticketId)
                .append(" and p.seen_until > ").param(now).append(" order by p.agent_id");
        List<Object[]> rows = sql.execute(dataSource);
        if (!(Boolean) rows.get(0)[0]) {
            return Optional.empty();
        }
        Map<String, Instant> present = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                present.put((String) row[1], instant(row[2]));
            }
        }
        return Optional.of(present);
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

    /**
     * SQL text with positional parameters, in order: numbered ({@code ?1}) for a Hibernate native query, plain
     * ({@code ?}) for JDBC, where the text may hold several statements separated by semicolons.
     */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();
        private final boolean jdbc;

        Sql() {
            this(false);
        }

        Sql(boolean jdbc) {
            this.jdbc = jdbc;
        }

        Sql append(String part) {
            text.append(part);
            return this;
        }

        Sql param(Object value) {
            params.add(value);
            text.append('?');
            if (!jdbc) {
                text.append(params.size());
            } else if (value instanceof Instant) {
                text.append("::timestamptz"); // also where the context does not say (jsonb_build_object, an interval's operand)
            } else if (value instanceof String) {
                text.append("::text");
            }
            return this;
        }

        Query query(EntityManager em) {
            Query query = em.createNativeQuery(text.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }

        /**
         * Runs the statements on the connection of the caller's transaction, in one round trip, and returns the
         * rows of the last one that returns rows. Hibernate does not flush before them (it does before its own
         * queries): the work queue's transactions change nothing through the session.
         */
        List<Object[]> execute(AgroalDataSource dataSource) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(text.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    switch (params.get(i)) {
                        case Instant at -> JdbcParams.setInstant(s, i + 1, at);
                        case Long n -> s.setLong(i + 1, n);
                        case String v -> s.setString(i + 1, v);
                        case null -> throw new IllegalArgumentException("parameter " + (i + 1) + " is null");
                        case Object other -> throw new IllegalArgumentException("cannot bind " + other.getClass());
                    }
                }
                List<Object[]> last = List.of();
                boolean rows = s.execute();
                while (rows || s.getUpdateCount() != -1) {
                    if (rows) {
                        try (ResultSet r = s.getResultSet()) {
                            int n = r.getMetaData().getColumnCount();
                            List<Object[]> read = new ArrayList<>();
                            while (r.next()) {
                                Object[] row = new Object[n];
                                for (int i = 0; i < n; i++) {
                                    row[i] = r.getObject(i + 1);
                                }
                                read.add(row);
                            }
                            last = read;
                        }
                    }
                    rows = s.getMoreResults();
                }
                return last;
            } catch (SQLException e) {
                // the cause keeps its SQL state, which the error mappers classify (a lock timeout is a 503)
                throw new PersistenceException("the work queue's statement failed: " + e.getMessage(), e);
            }
        }
    }
}
