package mind.qualitycheck.service;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;

/** Views are built inside the service's session; entities never leave it. */
class ServiceBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(TestRunService.class);
        ServiceBoundary.assertNoEntityLeaves(TestCaseService.class);
        ServiceBoundary.assertNoEntityLeaves(TestCaseCreation.class);
        ServiceBoundary.assertNoEntityLeaves(TestJobs.class);
    }
}
