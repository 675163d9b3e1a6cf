package mind.qualitycheck.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import mind.qualitycheck.domain.TestTicket;
import mind.qualitycheck.domain.TestTicketState;

@ApplicationScoped
public class TestTicketRepository implements PanacheRepository<TestTicket> {

    public List<TestTicket> ofRun(long testRunId) {
        return list("testRunId = ?1 order by id", testRunId);
    }

    /** The run's test tickets for one ticket under test (normally one). */
    public List<TestTicket> ofRunAndTicket(long testRunId, long ticketId) {
        return list("testRunId = ?1 and ticketId = ?2 order by id", testRunId, ticketId);
    }

    /** Marks the run's untested tickets stopped; the results of those in flight are then discarded. */
    public int stopUntested(long testRunId) {
        return update("state = ?1, version = version + 1 where testRunId = ?2 and state in (?3, ?4)", TestTicketState.stopped,
                testRunId, TestTicketState.scheduled, TestTicketState.processing);
    }

    public long countSuccessful(long testRunId) {
        return count("testRunId = ?1 and successful = true", testRunId);
    }
}
