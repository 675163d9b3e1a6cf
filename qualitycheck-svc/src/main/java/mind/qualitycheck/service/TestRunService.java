package mind.qualitycheck.service;

import jakarta.enterprise.context.ApplicationScoped;

import mind.common.paging.PageRequest;
import mind.common.persistence.ReadOnly;
import mind.qualitycheck.api.TestRunList;
import mind.qualitycheck.api.TestRunView;
import mind.qualitycheck.domain.TestRunState;
import mind.qualitycheck.repository.TestRunRepository;

@ApplicationScoped
public class TestRunService {

    private final TestRunRepository runs;

    public TestRunService(TestRunRepository runs) {
        this.runs = runs;
    }

    /**
     * One page of runs as views, built on a read-only session; {@code total} counts every run
     * matching the filters, for the client's page count.
     */
    @ReadOnly
    public TestRunList list(String aiAgentId, TestRunState state, PageRequest page) {
        var views = runs.page(aiAgentId, state, page).stream().map(TestRunView::of).toList();
        return new TestRunList(true, views, runs.count(aiAgentId, state), page.limit(), page.offset());
    }
}
