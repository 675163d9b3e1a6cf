package mind.ticket.service;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.nodes.Entities;

import mind.common.api.Channel;
import mind.common.error.ApiException;
import mind.ticket.api.ConversationView;
import mind.ticket.config.ConversationConfig;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.TicketEnums.Direction;

/**
 * Replies, forwards and sending drafts: what goes out by mail. A mail is first stored as an outgoing
 * conversation marked {@code sending} (one transaction), then handed to SMTP with no transaction
 * open, then marked {@code sent} with its event (another). When SMTP fails the message is removed
 * again (a draft goes back to being a draft) and the caller gets 503: nothing went out, so sending
 * again is safe. Callers pass an Idempotency-Key so that a repeated request never mails twice.
 */
@ApplicationScoped
public class MessageDispatch {

    private static final DateTimeFormatter QUOTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ConversationService conversations;
    private final TicketMailer mailer;
    private final MailSenders senders;
    private final ConversationConfig config;

    public MessageDispatch(ConversationService conversations, TicketMailer mailer, MailSenders senders,
            ConversationConfig config) {
        this.conversations = conversations;
        this.mailer = mailer;
        this.senders = senders;
        this.config = config;
    }

    /**
     * An internal message ({@code type} note, neo, agent_request or agent_response, {@code private=true} or
     * {@code direction=internal}) is stored private with direction internal and never sent; its type is
     * {@code note} unless one of the other internal kinds was named. Any other reply is an outgoing
     * message of the given type (default: the ticket's channel; {@code text} and {@code html} are
     * messages on the ticket's channel); one that goes out on an email ticket's channel and is not a
     * draft is mailed, every other one only stored.
     *
     * @param quoteHistory append the customer's latest message as a quote (email only)
     */
    public ConversationView reply(long ticketId, Reply r, boolean quoteHistory, String actor) {
        ReplyContext t = conversations.replyContext(ticketId);
        Long agentId = profileId(actor);
        boolean draft = Boolean.TRUE.equals(r.isDraft());
        List<String> to = r.to() == null ? List.of() : r.to();
        List<String> cc = r.cc() == null ? List.of() : r.cc();
        List<String> bcc = r.bcc() == null ? List.of() : r.bcc();
        boolean internal = (r.type() != null && r.type().internal()) || Boolean.TRUE.equals(r.isPrivate())
                || r.direction() == Direction.internal;
        if (internal) {
            if (r.direction() != null && r.direction() != Direction.internal) {
                throw ApiException.invalidField("direction", "a note is internal");
            }
            // private whatever "private" says: an internal message is never shown to or sent to the customer
            ConversationType type = r.type() != null && r.type().internal() ? r.type() : ConversationType.note;
            return conversations.addUnsent(ticketId, new NewConversation(type, Direction.internal, true,
                    draft, agentId, null, null, to, cc, bcc, r.subject(), r.message(), null, r.subchannelId(),
                    ids(r.intentIds()), attachments(r), null, null), actor);
        }
        if (r.direction() != null && r.direction() != Direction.out) {
            throw ApiException.invalidField("direction", "a reply goes out; send an internal message as a note (private=true)");
        }
        ConversationType type = r.type() != null ? r.type() : typeOf(t.channel());
        boolean email = ConversationService.mailed(type, t.channel());
        if (email) {
            // the ticket's own addresses by default, display names taken off ("Name <a@b.de>" is a@b.de)
            if (r.to() == null) {
                to = t.replyTo().stream().map(MailAddresses::bare).toList();
                if (!to.stream().allMatch(MailAddresses::valid)) {
                    throw ApiException.invalidField("to", "the ticket's address to reply to is not an email address; "
                            + "name the recipients");
                }
            }
            if (r.cc() == null) {
                cc = t.replyCc().stream().map(MailAddresses::bare).toList();
            }
            if (!draft && to.isEmpty()) {
                throw ApiException.invalidField("to", "the ticket has no address to reply to; name the recipients");
            }
            MailAddresses.check("to", to);
            MailAddresses.check("cc", cc);
            MailAddresses.check("bcc", bcc);
        }
        String subject = r.subject() != null ? r.subject() : email ? replySubject(t.subject()) : null;
        String body = email && quoteHistory ? withQuote(r.message(), t.quoted()) : r.message();
        MailSenders.Sender sender = email ? senders.from(r.subchannelId(), t.subchannelId()) : null;
        NewConversation message = new NewConversation(type, Direction.out, false, draft, agentId,
                sender == null ? null : sender.address(), sender == null ? null : sender.name(), to, cc, bcc, subject, body, null, r.subchannelId(),
                ids(r.intentIds()), attachments(r), null, null);
        if (!email || draft) {
            return conversations.addUnsent(ticketId, message, actor);
        }
        long id = conversations.addSending(ticketId, message, actor);
        return send(id, OutgoingMail.of(ticketId, message), "replied", Map.of("to", List.copyOf(to)), actor, false);
    }

    /** Mails the ticket with a covering text to the given addresses; recorded as a private outgoing email and a forwarded event. */
    public ConversationView forward(long ticketId, Forward f, String actor) {
        MailAddresses.check("toEmail", f.toEmail());
        MailAddresses.check("cc", f.cc() == null ? List.of() : f.cc());
        MailAddresses.check("bcc", f.bcc() == null ? List.of() : f.bcc());
        ReplyContext t = conversations.replyContext(ticketId);
        List<String> cc = f.cc() == null ? List.of() : f.cc();
        List<String> bcc = f.bcc() == null ? List.of() : f.bcc();
        String subject = f.subject() != null ? f.subject() : "Fwd: " + (t.subject() == null ? "" : t.subject());
        MailSenders.Sender sender = senders.from(f.subchannelId(), t.subchannelId());
        NewConversation message = new NewConversation(ConversationType.email, Direction.out, true, false,
                profileId(actor), sender.address(), sender.name(), f.toEmail(), cc, bcc, subject,
                f.body() + forwardedBlock(t), null, f.subchannelId(), List.of(), List.of(), null, null);
        long id = conversations.addSending(ticketId, message, actor);
        return send(id, OutgoingMail.of(ticketId, message), "forwarded", Map.of("toEmail", List.copyOf(f.toEmail())), actor, false);
    }

    /** Changes a note or draft; {@code isDraft=false} on a draft that goes out by mail sends it. */
    public ConversationView edit(long ticketId, long conversationId, String message, Boolean isDraft, String ifMatch,
            String actor) {
        ConversationService.Edited edited = conversations.edit(ticketId, conversationId, message, isDraft, ifMatch, actor);
        if (edited.toSend() == null) {
            return edited.conversation();
        }
        return send(conversationId, edited.toSend(), "replied", Map.of("to", edited.toSend().to()), actor, true);
    }

    private ConversationView send(long conversationId, OutgoingMail mail, String event, Map<String, ?> eventData,
            String actor, boolean wasDraft) {
        try {
            mailer.send(mail);
        } catch (MailUnavailableException e) {
            if (wasDraft) {
                conversations.backToDraft(conversationId, e.getMessage());
            } else {
                conversations.dropUnsent(conversationId, e.getMessage());
            }
            throw new ApiException(503, "mail_unavailable", e.getMessage() + "; nothing was sent, try again later",
                    List.of(), config.retryAfterSeconds());
        }
        return conversations.markSent(conversationId, event, eventData, actor);
    }

    private static String replySubject(String subject) {
        String s = subject == null ? "" : subject.strip();
        return s.regionMatches(true, 0, "Re:", 0, 3) ? s : "Re: " + s;
    }

    private static String withQuote(String message, ReplyContext.Quoted quoted) {
        if (quoted.body() == null || quoted.body().isBlank()) {
            return message;
        }
        String who = quoted.from() == null ? "The customer" : Entities.escape(quoted.from());
        String when = quoted.at() == null ? "" : "On " + QUOTE_TIME.format(quoted.at()) + ", ";
        return message + "\n<br><blockquote type=\"cite\"><p>" + when + who + " wrote:</p>" + quoted.body()
                + "</blockquote>";
    }

    private static String forwardedBlock(ReplyContext t) {
        StringBuilder block = new StringBuilder("\n<br><div>---------- Forwarded message ----------<br>");
        if (t.from() != null) {
            block.append("From: ").append(Entities.escape(t.from())).append("<br>");
        }
        if (t.createdAt() != null) {
            block.append("Date: ").append(QUOTE_TIME.format(t.createdAt())).append("<br>");
        }
        block.append("Subject: ").append(Entities.escape(t.subject() == null ? "" : t.subject())).append("<br>");
        if (!t.to().isEmpty()) {
            block.append("To: ").append(Entities.escape(String.join(", ", t.to()))).append("<br>");
        }
        block.append("</div><br>").append(t.body() == null ? "" : t.body());
        return block.toString();
    }

    private static ConversationType typeOf(Channel channel) {
        return channel == null ? ConversationType.email : ConversationType.valueOf(channel.name());
    }

    private static List<Long> ids(List<Long> ids) {
        return ids == null ? List.of() : ids;
    }

    private static List<mind.ticket.domain.ConversationAttachment> attachments(Reply r) {
        return r.attachments() == null ? List.of() : r.attachments();
    }

    /** The profile id of a person's token (its subject); null for a subject that is no number. */
    static Long profileId(String actor) {
        try {
            return actor == null ? null : Long.valueOf(actor);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
