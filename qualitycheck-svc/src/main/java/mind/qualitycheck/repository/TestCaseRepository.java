package mind.qualitycheck.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.common.paging.PageRequest;
import mind.qualitycheck.domain.TestCase;

@ApplicationScoped
public class TestCaseRepository implements PanacheRepository<TestCase> {

    /**
     * Test cases of one agent, or all when {@code aiAgentId} is null, in id order. The agent is named by
     * its slug or its numeric id.
     */
    public List<TestCase> page(String aiAgentId, PageRequest page) {
        var query = getEntityManager().createQuery("from TestCase" + where(aiAgentId) + " order by id", TestCase.class);
        bind(query, aiAgentId);
        return query.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    }

    public long count(String aiAgentId) {
        var query = getEntityManager().createQuery("select count(*) from TestCase" + where(aiAgentId), Long.class);
        bind(query, aiAgentId);
        return query.getSingleResult();
    }

    /** Every case of the agent (its slug), in id order, as a run takes them. */
    public List<TestCase> ofAgent(String slug) {
        return list("aiAgentId = ?1 order by id", slug);
    }

    /** The cases of the agent (its slug) on one ticket, in id order. */
    public List<TestCase> ofAgentAndTicket(String slug, long ticketId) {
        return list("aiAgentId = ?1 and ticketId = ?2 order by id", slug, ticketId);
    }

    /** The cases a run tested that still exist, in id order, as a rerun takes them. */
    public List<TestCase> ofRun(long testRunId) {
        return list("id in (select t.testCaseId from TestTicket t where t.testRunId = ?1) order by id", testRunId);
    }

    /** One row per agent with test cases: slug, name, number of cases; by slug. */
    public List<Object[]> agents(PageRequest page) {
        return getEntityManager().createQuery("select c.aiAgentId, max(c.aiAgentName), count(*) from TestCase c "
                + "group by c.aiAgentId order by c.aiAgentId", Object[].class)
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    }

    public long countAgents() {
        return getEntityManager().createQuery("select count(distinct c.aiAgentId) from TestCase c", Long.class).getSingleResult();
    }

    private static String where(String aiAgentId) {
        if (aiAgentId == null) {
            return "";
        }
        return isNumeric(aiAgentId) ? " where (aiAgentId = :agent or aiAgentRef = :ref)" : " where aiAgentId = :agent";
    }

    private static void bind(jakarta.persistence.Query query, String aiAgentId) {
        if (aiAgentId != null) {
            query.setParameter("agent", aiAgentId);
            if (isNumeric(aiAgentId)) {
                query.setParameter("ref", Long.parseLong(aiAgentId));
            }
        }
    }

    static boolean isNumeric(String id) {
        return !id.isEmpty() && id.length() <= 18 && id.chars().allMatch(Character::isDigit);
    }
}
