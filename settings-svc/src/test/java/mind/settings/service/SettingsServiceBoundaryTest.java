package mind.settings.service;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;

/** The settings registry's services return views and values, never entities. */
class SettingsServiceBoundaryTest {

    @Test
    void settingsAndSubchannelServicesReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(SettingsService.class, SettingRegistry.class);
        ServiceBoundary.assertNoEntityLeaves(SubchannelService.class, "list");
    }
}
