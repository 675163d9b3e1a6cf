package mind.ticket.service;

import java.time.Instant;
import java.util.List;

import mind.common.api.Channel;
import mind.ticket.domain.TicketEnums.Status;

/** What a reply or forward takes from its ticket: defaults for recipients and subject, and the message it quotes. */
record ReplyContext(
        long ticketId,
        Channel channel,
        Status status,
        String subject,
        List<String> replyTo,
        List<String> replyCc,
        String from,
        List<String> to,
        String body,
        Instant createdAt,
        Quoted quoted,
        Long subchannelId) {

    /** The message a reply quotes: the newest one from the customer, else the ticket's own body. */
    record Quoted(String from, Instant at, String body) {
    }
}
