package mind.qualitycheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.paging.PageRequest;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.repository.TestRunRepository;

@ApplicationScoped
public class TestRunService {

    private final TestRunRepository runs;

    public TestRunService(TestRunRepository runs) {
        this.runs = runs;
    }

    /** {@code total} counts every run matching the filters, for the client's page count. */
    @Transactional
    public TestRunPage list(String aiAgentId, TestRunState state, PageRequest page) {
        return new TestRunPage(runs.page(aiAgentId, state, page), runs.count(aiAgentId, state));
    }
}
