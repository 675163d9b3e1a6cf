package mind.ticket.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import mind.ticket.repository.SearchCriterion.AllOf;
import mind.ticket.repository.SearchCriterion.AnyOf;
import mind.ticket.repository.SearchCriterion.Compare;
import mind.ticket.repository.SearchCriterion.FullText;
import mind.ticket.repository.SearchCriterion.In;
import mind.ticket.repository.SearchCriterion.IsNull;
import mind.ticket.repository.SearchCriterion.NotSpam;
import mind.ticket.repository.SearchCriterion.Nothing;
import mind.ticket.repository.SearchCriterion.Tags;
import mind.ticket.repository.SearchCriterion.TimeRange;
import mind.ticket.repository.SearchCriterion.Untagged;

/**
 * Runs ticket searches as two native statements: the page (only the columns a compact row shows) and
 * the count with the same conditions. The SQL text is assembled from the constant fragments below and
 * {@link SearchColumn#sql}; every value of a request is a bound parameter.
 */
@ApplicationScoped
public class TicketSearchRepository {

    /** The compact row's columns; jsonb goes out as text (one parse per row in the service, no driver type). */
    static final String COLUMNS = "t.id, t.direction, t.from_address, t.from_name, cast(t.to_addresses as text) as to_addresses, "
            + "cast(t.cc_addresses as text) as cc_addresses, cast(t.bcc_addresses as text) as bcc_addresses, t.subchannel_id, "
            + "t.external_ticket_id, t.sentiment, t.language, t.language_code, t.spam_status, t.ai_support_level, "
            + "t.interface, t.priority, t.channel, t.channel_id, t.status, t.summary, t.subject, t.is_escalated, "
            + "t.created_at, t.modified_at, t.first_response_due_by, t.due_by, t.closed_at, t.last_message_at, "
            + "t.last_customer_message_at, t.customer_id, t.contract_id, t.agent_id, t.assigned_agent_ids, "
            + "t.customer_legitimation, t.intent_id, "
            + "cast(t.additional_data as text) as additional_data, t.tag_ids";

    private static final String TS_QUERY = "websearch_to_tsquery('simple', %s)";

    private final EntityManager em;

    public TicketSearchRepository(EntityManager em) {
        this.em = em;
    }

    /** A page of rows and the number of all matches. */
    public record Page(List<Tuple> rows, long total) {
    }

    public Page search(TicketSearchQuery query) {
        Sql where = new Sql();
        where(query.criteria(), where);

        Sql page = new Sql();
        page.text.append("select ").append(COLUMNS).append(" from ticket t").append(where.text);
        page.params.addAll(where.params);
        page.text.append(" order by ");
        String direction = query.descending() ? " desc" : " asc";
        if (query.relevance() != null) {
            page.text.append("ts_rank(t.search_vector, ").append(TS_QUERY.formatted(page.bind(query.relevance().text())))
                    .append(")").append(direction).append(", ");
        } else if (query.orderBy() != SearchColumn.ID) {
            page.text.append(query.orderBy().sql).append(direction).append(query.orderBy().nullable ? " nulls last" : "")
                    .append(", ");
        }
        page.text.append("t.id").append(direction);
        page.text.append(" limit ").append(page.bind(query.limit())).append(" offset ").append(page.bind(query.offset()));

        @SuppressWarnings("unchecked")
        List<Tuple> rows = page.query(em, Tuple.class).getResultList();
        long total;
        if (rows.size() < query.limit() && (query.offset() == 0 || !rows.isEmpty())) {
            // the last page, and it is not empty (or the first): the count is known without a second statement
            total = (long) query.offset() + rows.size();
        } else {
            Sql count = new Sql();
            count.text.append("select count(*) from ticket t").append(where.text);
            count.params.addAll(where.params);
            total = ((Number) count.query(em, null).getSingleResult()).longValue();
        }
        return new Page(rows, total);
    }

    private static void where(List<SearchCriterion> criteria, Sql sql) {
        String glue = " where ";
        for (SearchCriterion c : criteria) {
            sql.text.append(glue);
            condition(c, sql);
            glue = " and ";
        }
    }

    private static void condition(SearchCriterion criterion, Sql sql) {
        StringBuilder s = sql.text;
        switch (criterion) {
            case In in -> {
                String column = in.column().sql;
                String array = sql.bind(array(in.column(), in.values()));
                if (!in.negated()) {
                    s.append("(").append(column).append(" = any(").append(array).append(")");
                    if (in.matchNull()) {
                        s.append(" or ").append(column).append(" is null");
                    }
                    s.append(")");
                } else if (in.matchNull()) {
                    s.append("(").append(column).append(" is not null and ").append(column).append(" <> all(").append(array).append("))");
                } else {
                    s.append("(").append(column).append(" is null or ").append(column).append(" <> all(").append(array).append("))");
                }
            }
            case Compare cmp -> s.append(cmp.column().sql).append(" ").append(cmp.operator()).append(" ").append(sql.bind(cmp.value()));
            case TimeRange range -> {
                String column = range.column().sql;
                List<String> parts = new ArrayList<>();
                if (range.from() != null) {
                    parts.add(column + " >= " + sql.bind(range.from()));
                }
                if (range.until() != null) {
                    parts.add(column + " < " + sql.bind(range.until()));
                }
                String inside = parts.isEmpty() ? column + " is not null" : String.join(" and ", parts);
                if (range.negated()) {
                    s.append("(").append(column).append(" is null or not (").append(inside).append("))");
                } else {
                    s.append("(").append(inside).append(")");
                }
            }
            case IsNull isNull -> s.append(isNull.column().sql).append(isNull.negated() ? " is not null" : " is null");
            case Tags tags -> {
                String ids = sql.bind(tags.tagIds().toArray(Long[]::new));
                String set = tags.set().sql;
                switch (tags.match()) {
                    case ALL -> s.append(set).append(" @> ").append(ids);
                    case ANY -> s.append(set).append(" && ").append(ids);
                    case ALLOWED -> s.append(set).append(" <@ ").append(ids);
                    case EXCLUDED -> s.append("not (").append(set).append(" && ").append(ids).append(")");
                    case EXACT -> {
                        // equal as sets: each contains the other (order and duplicates in the request do not matter)
                        String again = sql.bind(tags.tagIds().toArray(Long[]::new));
                        s.append("(").append(set).append(" @> ").append(ids).append(" and ").append(set).append(" <@ ")
                                .append(again).append(")");
                    }
                }
            }
            case Untagged u -> s.append("cardinality(").append(u.set().sql).append(u.untagged() ? ") = 0" : ") > 0");
            case AllOf all -> {
                s.append("(");
                condition(all.first(), sql);
                s.append(" and ");
                condition(all.second(), sql);
                s.append(")");
            }
            case AnyOf any -> {
                s.append("(");
                condition(any.first(), sql);
                s.append(" or ");
                condition(any.second(), sql);
                s.append(")");
            }
            case FullText q -> {
                // one semi-join over a union: each branch is answered by its own indexes (a bitmap OR on the
                // ticket's, the GIN index of the messages), where an OR of the two would read every ticket
                String text = TS_QUERY.formatted(sql.bind(q.text()));
                s.append("t.id in (select m.id from ticket m where m.search_vector @@ ").append(text);
                if (q.numeric()) {
                    if (q.ticketId() != null) {
                        s.append(" or m.id = ").append(sql.bind(q.ticketId()));
                    }
                    String id = sql.bind(q.text());
                    s.append(" or m.contract_id = ").append(id).append(" or m.customer_id = ").append(id);
                }
                s.append(" union select c.ticket_id from conversation c where c.search_vector @@ ").append(text)
                        .append(")");
            }
            case Nothing n -> s.append("false");
            case NotSpam n -> s.append("(t.spam_status is null or t.spam_status in ('auto_clean', 'manual_clean'))");
        }
    }

    /** The values as a typed Java array, bound as one SQL array parameter (one statement text for any count). */
    private static Object array(SearchColumn column, List<?> values) {
        return switch (column.kind) {
            case BIGINT, TAGS -> values.stream().map(v -> (Long) v).toArray(Long[]::new);
            case RANK -> values.stream().map(v -> (Integer) v).toArray(Integer[]::new);
            default -> values.stream().map(v -> (String) v).toArray(String[]::new);
        };
    }

    /** SQL text with positional parameters ?1, ?2, ... and their values. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder(256);
        final List<Object> params = new ArrayList<>();

        String bind(Object value) {
            params.add(value);
            return "?" + params.size();
        }

        Query query(EntityManager em, Class<?> resultClass) {
            Query q = resultClass == null ? em.createNativeQuery(text.toString()) : em.createNativeQuery(text.toString(), resultClass);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q;
        }
    }
}
