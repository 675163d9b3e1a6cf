package mind.qualitycheck.api;

import java.util.List;

/** Response of {@code GET /aiQualityCheck/testRun}: one page plus the paging it was cut with. */
public record TestRunList(boolean success, List<TestRunView> testRuns, long total, int limit, int offset) {
}
