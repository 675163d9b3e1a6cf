package mind.ticket.conversation;

import org.junit.jupiter.api.Test;

import mind.common.testing.ServiceBoundary;
import mind.ticket.service.AutoexecuteLog;
import mind.ticket.service.AutoexecuteService;
import mind.ticket.service.ConversationService;
import mind.ticket.service.MessageDispatch;

/** The conversation, forward and autoexecute services hand out views and ids, never entities. */
class ConversationBoundaryTest {

    @Test
    void serviceMethodsReturnViewsNeverEntities() {
        ServiceBoundary.assertNoEntityLeaves(ConversationService.class, MessageDispatch.class, AutoexecuteService.class,
                AutoexecuteLog.class);
    }
}
