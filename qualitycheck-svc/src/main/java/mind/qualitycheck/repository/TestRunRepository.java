package mind.qualitycheck.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.common.paging.PageRequest;
import mind.qualitycheck.domain.TestRun;
import mind.qualitycheck.domain.TestRunState;

@ApplicationScoped
public class TestRunRepository implements PanacheRepository<TestRun> {

    /** One page, newest first; ids are unique, so the order is stable across pages. */
    public List<TestRun> page(String aiAgentId, TestRunState state, PageRequest page) {
        Filter filter = Filter.of(aiAgentId, state);
        TypedQuery<TestRun> query = getEntityManager()
                .createQuery("from TestRun" + filter.where() + " order by id desc", TestRun.class);
        filter.bind(query);
        // first/max results rather than Panache's range(), whose inclusive end overflows for large offsets.
        return query.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    }

    public long count(String aiAgentId, TestRunState state) {
        Filter filter = Filter.of(aiAgentId, state);
        TypedQuery<Long> query = getEntityManager()
                .createQuery("select count(*) from TestRun" + filter.where(), Long.class);
        filter.bind(query);
        return query.getSingleResult();
    }

    /** The run with its row locked until the transaction ends: the worker and requests change runs one at a time. */
    public TestRun lockedById(long id) {
        return getEntityManager().find(TestRun.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** scheduled becomes processing; any other state stays. */
    public int startProcessing(long id) {
        return update("state = ?1, version = version + 1 where id = ?2 and state = ?3", TestRunState.processing, id,
                TestRunState.scheduled);
    }

    public Long aiAgentRef(long id) {
        return getEntityManager().createQuery("select r.aiAgentRef from TestRun r where r.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
    }

    /** The newest run of each of the agents (slugs). */
    public List<TestRun> latestOf(java.util.Collection<String> aiAgentIds) {
        if (aiAgentIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("from TestRun r where r.id in (select max(x.id) from TestRun x "
                + "where x.aiAgentId in :agents group by x.aiAgentId)", TestRun.class)
                .setParameter("agents", aiAgentIds).getResultList();
    }

    /** The optional list filters as a where clause with named parameters; null means "any". */
    private record Filter(String where, Map<String, Object> parameters) {

        static Filter of(String aiAgentId, TestRunState state) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            List<String> conditions = new java.util.ArrayList<>();
            if (aiAgentId != null) {
                parameters.put("aiAgentId", aiAgentId);
                // an agent may be named by its slug or by aiagent-svc's numeric id
                if (TestCaseRepository.isNumeric(aiAgentId)) {
                    parameters.put("aiAgentRef", Long.parseLong(aiAgentId));
                    conditions.add("(aiAgentId = :aiAgentId or aiAgentRef = :aiAgentRef)");
                } else {
                    conditions.add("aiAgentId = :aiAgentId");
                }
            }
            if (state != null) {
                parameters.put("state", state);
                conditions.add("state = :state");
            }
            String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
            return new Filter(where, parameters);
        }

        void bind(TypedQuery<?> query) {
            parameters.forEach(query::setParameter);
        }
    }
}
