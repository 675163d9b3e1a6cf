package mind.aiagent.service;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;

/** Views are built inside the service's session; entities never leave it. */
class ServiceBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(AiAgentService.class);
    }
}
