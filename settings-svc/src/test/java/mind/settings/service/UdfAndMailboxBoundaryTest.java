package mind.settings.service;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;

/** Views are built inside the service's session; entities never leave it. */
class UdfAndMailboxBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(UserDefinedFunctionService.class, EventHookService.class, MailboxOAuthStore.class,
                MailboxAuthorization.class, MailboxTokens.class);
    }
}
