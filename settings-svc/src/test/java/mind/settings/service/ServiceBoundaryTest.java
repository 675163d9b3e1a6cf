package mind.settings.service;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;

/** Views are built inside the service's session; entities never leave it (the read path, list). */
class ServiceBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(SubchannelService.class, "list");
    }
}
