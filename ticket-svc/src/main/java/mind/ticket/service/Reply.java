package mind.ticket.service;

import java.util.List;

import mind.ticket.domain.ConversationAttachment;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;

/** A reply as the agent wrote it; null fields take the ticket's defaults. */
public record Reply(
        String message,
        ConversationType type,
        Direction direction,
        Boolean isPrivate,
        Boolean isDraft,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        Long subchannelId,
        List<ConversationAttachment> attachments,
        List<Long> intentIds) {
}
