package mind.qualitycheck.service;

import java.util.List;

import mind.qualitycheck.domain.TestRun;

/** One page of test runs and how many match the filter in all. */
public record TestRunPage(List<TestRun> testRuns, long total) {
}
