package mind.ticket.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import mind.ticket.domain.ConversationAttachment;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;

/** A conversation to add, whatever endpoint it came through; lists are never null. */
public record NewConversation(
        ConversationType type,
        Direction direction,
        boolean isPrivate,
        boolean draft,
        Long agentId,
        String from,
        String fromName,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String body,
        String externalConversationId,
        Long subchannelId,
        List<Long> intentIds,
        List<ConversationAttachment> attachments,
        JsonNode rawData,
        Instant createdAt) {
}
