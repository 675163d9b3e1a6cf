package mind.ticket.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * What the auto-processing rules read of an open ticket, in one query: its channel, direction, spam status,
 * contract and legitimation, the AI agents of its newest {@code intentsDetected} event, whether the customer has
 * replied, and the newest autoexecute event since that detection. The rules that need no settings are also
 * written here as the filter of {@link #passing}, on the same columns the service reads them from, so that
 * "detect" and "process" cannot disagree about a ticket (a test holds them to it).
 */
@ApplicationScoped
public class AutoProcessingRepository {

    /** One open ticket as the rules see it. {@code detectionId} is null when no AI agent detection was recorded. */
    public record Candidate(long id, String channel, String direction, String spamStatus, String contractId,
            Integer customerLegitimation, Long detectionId, List<Long> aiAgentIds, boolean customerReplied,
            String lastRun, boolean lastRunRetryable) {
    }

    static final String EVALUATED = "select t.id, t.channel, t.direction, t.spam_status, t.contract_id, "
            + "t.customer_legitimation, d.id as detection_id, cast(coalesce(d.agents, cast(array[] as bigint[])) as text) as agents, "
            + "exists (select 1 from conversation c where c.ticket_id = t.id and c.direction = 'in' "
            + "        and not c.is_draft and not c.private) as replied, "
            + "x.type as last_run, coalesce(x.retryable, false) as retryable "
            + "from ticket t "
            + "left join lateral (select e.id, array(select distinct cast(v as bigint) from jsonb_array_elements_text("
            + "        case when jsonb_typeof(e.data->'aiAgentIds') = 'array' then e.data->'aiAgentIds' else cast('[]' as jsonb) end) v "
            + "        where v ~ '^[0-9]+$' and length(v) <= 18 order by 1) as agents "
            + "    from ticket_event e where e.ticket_id = t.id and e.type = 'intentsDetected' "
            + "    order by e.id desc limit 1) d on true "
            + "left join lateral (select e.type, (e.data->>'retryable') = 'true' as retryable "
            + "    from ticket_event e where e.ticket_id = t.id and e.id > d.id "
            + "    and e.type in ('autoexecuteRequested', 'autoexecuted', 'autoexecuteFailed') "
            + "    order by e.id desc limit 1) x on true "
            + "where t.status = 'open'";

    /**
     * The rules a ticket must pass whatever the settings say (the service adds enableAiAutoProcessing):
     * exactly one agent detected, not spam, not chat or phone, inbound, no customer reply, legitimation of
     * at least 20 when a contract is set, and no autoexecute since the detection (one that failed because
     * aiagent-svc could not be reached may run again).
     */
    static final String PASSES = "r.detection_id is not null and cardinality(cast(r.agents as bigint[])) = 1 "
            + "and (r.spam_status is null or r.spam_status not in ('auto_spam', 'auto_programmatic', 'manual_spam')) "
            + "and r.channel not in ('chat', 'phone') and r.direction = 'in' and not r.replied "
            + "and (r.contract_id is null or coalesce(r.customer_legitimation, 0) >= 20) "
            + "and (r.last_run is null or (r.last_run = 'autoexecuteFailed' and r.retryable))";

    private final EntityManager em;

    public AutoProcessingRepository(EntityManager em) {
        this.em = em;
    }

    /** Open tickets, oldest id first. */
    public List<Candidate> open(int limit, int offset) {
        return rows(em.createNativeQuery(EVALUATED + " order by t.id limit ?1 offset ?2")
                .setParameter(1, limit).setParameter(2, offset));
    }

    public long countOpen() {
        return ((Number) em.createNativeQuery("select count(*) from ticket where status = 'open'").getSingleResult()).longValue();
    }

    /**
     * Open tickets that pass the rules of {@link #PASSES}, oldest id first; with {@code onlyAgents}, only those
     * whose one agent is among them (null: any agent).
     */
    public List<Candidate> passing(Collection<Long> onlyAgents, int limit, int offset) {
        Query query = em.createNativeQuery("select * from (" + EVALUATED + ") r where " + PASSES
                + (onlyAgents == null ? "" : " and cast(r.agents as bigint[]) <@ cast(?3 as bigint[])")
                + " order by r.id limit ?1 offset ?2")
                .setParameter(1, limit).setParameter(2, offset);
        if (onlyAgents != null) {
            query.setParameter(3, array(onlyAgents));
        }
        return rows(query);
    }

    public long countPassing() {
        return ((Number) em.createNativeQuery("select count(*) from (" + EVALUATED + ") r where " + PASSES)
                .getSingleResult()).longValue();
    }

    /** The ticket as the rules see it; empty when it does not exist or is not open. */
    public Optional<Candidate> open(long ticketId) {
        return rows(em.createNativeQuery(EVALUATED + " and t.id = ?1").setParameter(1, ticketId)).stream().findFirst();
    }

    private static String array(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    @SuppressWarnings("unchecked")
    private static List<Candidate> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            candidates.add(new Candidate(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], r[5] == null ? null : ((Number) r[5]).intValue(),
                    r[6] == null ? null : ((Number) r[6]).longValue(), agents((String) r[7]),
                    Boolean.TRUE.equals(r[8]), (String) r[9], Boolean.TRUE.equals(r[10])));
        }
        return candidates;
    }

    /** PostgreSQL's text form of a bigint array, {@code {3,7}}. */
    private static List<Long> agents(String text) {
        String inner = text == null ? "" : text.replace("{", "").replace("}", "").strip();
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(String::strip).map(Long::valueOf).toList();
    }
}
