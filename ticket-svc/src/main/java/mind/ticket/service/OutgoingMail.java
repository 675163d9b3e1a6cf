package mind.ticket.service;

import java.util.List;

import mind.ticket.domain.Conversation;
import mind.ticket.domain.ConversationAttachment;

/** A mail as it goes to SMTP: the stored conversation's addresses (its sender with its display name), subject and body. */
public record OutgoingMail(
        long ticketId,
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String html,
        List<ConversationAttachment> attachments) {

    static OutgoingMail of(long ticketId, NewConversation c) {
        return new OutgoingMail(ticketId, MailSenders.Sender.header(c.from(), c.fromName()), List.copyOf(c.to()), List.copyOf(c.cc()), List.copyOf(c.bcc()), c.subject(),
                c.body(), c.attachments());
    }

    static OutgoingMail of(Conversation c) {
        return new OutgoingMail(c.ticketId, MailSenders.Sender.header(c.from, c.fromName), List.copyOf(c.to), List.copyOf(c.cc), List.copyOf(c.bcc), c.subject,
                c.body, List.copyOf(c.attachments));
    }
}
