package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import mind.common.api.Channel;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.ticket.api.ConversationView;
import mind.ticket.domain.Conversation;
import mind.ticket.domain.ConversationType;
import mind.ticket.domain.Ticket;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.events.TicketEvents;
import mind.ticket.repository.ConversationFilter;
import mind.ticket.repository.ConversationRepository;
import mind.ticket.repository.TicketRepository;

/**
 * A ticket's conversations: reading, storing, editing notes and drafts. Each method is one
 * transaction and writes its ticket events in it. Sending mail is not done here (no transaction
 * waits for SMTP): {@link MessageDispatch} adds the message as {@code sending}, sends, and marks it
 * {@code sent}.
 */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final TicketRepository tickets;
    private final TicketEvents events;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public ConversationService(ConversationRepository conversations, TicketRepository tickets, TicketEvents events,
            AdvisoryLocks locks, Clock clock) {
        this.conversations = conversations;
        this.tickets = tickets;
        this.events = events;
        this.locks = locks;
        this.clock = clock;
    }

    @ReadOnly
    public Listed list(long ticketId, ConversationFilter filter, boolean includeRawData) {
        requireTicket(ticketId);
        ConversationRepository.Page page = conversations.list(ticketId, filter);
        return new Listed(page.conversations().stream().map(c -> ConversationView.of(c, includeRawData)).toList(), page.total());
    }

    /** One page of a ticket's conversations and how many match the filter in all. */
    public record Listed(List<ConversationView> conversations, long total) {
    }

    @ReadOnly
    public Versioned<ConversationView> get(long ticketId, long conversationId, boolean includeRawData) {
        requireTicket(ticketId);
        Conversation c = conversations.findOnTicket(ticketId, conversationId).orElseThrow(() -> notFound(ticketId, conversationId));
        return new Versioned<>(ConversationView.of(c, includeRawData), c.version);
    }

    /** The ticket's defaults for a reply or forward, and the message a reply quotes. */
    @ReadOnly
    ReplyContext replyContext(long ticketId) {
        Ticket t = requireTicket(ticketId);
        List<String> replyTo = t.direction == Direction.in ? (t.from == null ? List.of() : List.of(t.from)) : List.copyOf(t.to);
        var latest = conversations.latestInbound(ticketId);
        ReplyContext.Quoted quoted = latest.isPresent()
                ? new ReplyContext.Quoted(latest.get().from, latest.get().createdAt, latest.get().body)
                : new ReplyContext.Quoted(t.from, t.createdAt, t.body);
        return new ReplyContext(t.id, t.channel, t.status, t.subject, replyTo, List.copyOf(t.cc), t.from, List.copyOf(t.to),
                t.body, t.createdAt, quoted, t.subchannelId);
    }

    /**
     * Stores a message as it is (mail an integration imported, a chat message, a note). Idempotent on
     * {@code externalConversationId} per ticket: the same id again answers the stored message and
     * changes nothing. {@code status} and {@code priority} update the ticket.
     *
     * @param mayChangeTicket whether the caller may change the ticket's status and priority
     */
    @Transactional
    public ConversationView store(long ticketId, NewConversation data, Status status, Priority priority, String actor,
            boolean mayChangeTicket) {
        if ((status != null || priority != null) && !mayChangeTicket) {
            throw new ApiException(403, "forbidden", "Changing the ticket's status or priority needs the admin or agent "
                    + "role or the updateTicket permission");
        }
        Ticket ticket = lockTicket(ticketId);
        if (data.externalConversationId() != null) {
            // two imports of one message must not both insert (the unique index is the backstop)
            locks.lock("externalConversationId", ticketId + ":" + data.externalConversationId());
            var existing = conversations.findByExternalId(ticketId, data.externalConversationId());
            if (existing.isPresent()) {
                return ConversationView.of(existing.get(), false);
            }
        }
        if (status == Status.pending && status != ticket.status
                && (ticket.dueBy == null || !ticket.dueBy.isAfter(now()))) {
            // as PATCH: a pending ticket comes back at its dueBy, which must lie ahead
            throw ApiException.invalidField("status", "pending needs the ticket's dueBy in the future; set dueBy first");
        }
        Conversation c = add(ticket, data, null, actor);
        // the same events a PATCH of these fields writes: one fieldChanged per field, and statusChanged
        if (status != null && status != ticket.status) {
            events.record(ticketId, "fieldChanged", actor, fieldChange("status", ticket.status, status));
            events.record(ticketId, "statusChanged", actor, Map.of("old", ticket.status.name(), "new", status.name()));
            ticket.status = status;
            ticket.closedAt = status == Status.closed ? now() : null;
        }
        if (priority != null && priority != ticket.priority) {
            events.record(ticketId, "fieldChanged", actor, fieldChange("priority", ticket.priority, priority));
            ticket.priority = priority;
        }
        return ConversationView.of(c, false);
    }

    private static Map<String, Object> fieldChange(String field, Enum<?> old, Enum<?> value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("field", field);
        data.put("old", old.name());
        data.put("new", value.name());
        data.put("includeInWorklog", true);
        return data;
    }

    /** Adds a conversation that is not mailed (note, draft, a message of another channel). */
    @Transactional
    public ConversationView addUnsent(long ticketId, NewConversation data, String actor) {
        return ConversationView.of(add(lockTicket(ticketId), data, null, actor), false);
    }

    /**
     * Adds an outgoing mail as {@code sending}, before it goes to SMTP: should the process stop in
     * between, the message is there and says it may not have gone out.
     */
    @Transactional
    public long addSending(long ticketId, NewConversation data, String actor) {
        return add(lockTicket(ticketId), data, Conversation.SENDING, actor).id;
    }

    /** SMTP accepted the mail: mark it sent and record {@code eventType} ({@code replied}, {@code forwarded}). */
    @Transactional
    public ConversationView markSent(long conversationId, String eventType, Map<String, ?> eventData, String actor) {
        Conversation c = conversations.findById(conversationId);
        c.delivery = Conversation.SENT;
        c.modifiedAt = now();
        Map<String, Object> data = new LinkedHashMap<>(eventData);
        data.put("conversationId", c.id);
        events.record(c.ticketId, eventType, actor, data);
        return ConversationView.of(c, false);
    }

    /** SMTP refused or could not be reached: the message did not go out, so it is not kept. */
    @Transactional
    public void dropUnsent(long conversationId, String reason) {
        Conversation c = conversations.findById(conversationId);
        if (c != null) {
            events.recordTechnical(c.ticketId, "mailFailed", null, Map.of("conversationId", c.id, "reason", reason));
            conversations.delete(c);
        }
    }

    /**
     * Changes a note's or draft's text and draft flag. Turning an email draft into a non-draft
     * returns its mail as {@link Edited#toSend()}: the caller sends it and marks it sent (the draft is
     * locked while it is read, so two requests never both find it a draft).
     */
    @Transactional
    public Edited edit(long ticketId, long conversationId, String message, Boolean isDraft, String ifMatch, String actor) {
        Ticket ticket = requireTicket(ticketId);
        Conversation c = conversations.findOnTicketForUpdate(ticketId, conversationId)
                .orElseThrow(() -> notFound(ticketId, conversationId));
        Preconditions.ifMatch(ifMatch, c.version);
        requireEditable(c);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("conversationId", c.id);
        if (message != null) {
            c.body = message;
            c.bodyPlain = TicketService.plainText(message);
            changed.put("body", true);
        }
        OutgoingMail mail = null;
        if (isDraft != null && isDraft != c.draft) {
            changed.put("isDraft", Map.of("old", c.draft, "new", isDraft));
            c.draft = isDraft;
            if (!isDraft && mailed(c.type, ticket.channel) && !c.isPrivate) {
                if (c.to.isEmpty()) {
                    throw ApiException.conflict("draft_without_recipients",
                            "The draft has no recipients (to), so it cannot be sent; delete it and reply again");
                }
                // sent by the caller right after this commits; a second request finds no draft any more
                c.delivery = Conversation.SENDING;
                mail = OutgoingMail.of(c);
            }
            if (!isDraft) {
                touch(lockTicket(ticketId), c);
            }
        }
        c.modifiedAt = now();
        events.record(ticketId, "conversationChanged", actor, changed);
        return new Edited(ConversationView.of(c, false), mail);
    }

    /** A draft whose sending failed goes back to being a draft. */
    @Transactional
    public void backToDraft(long conversationId, String reason) {
        Conversation c = conversations.findById(conversationId);
        if (c != null) {
            c.draft = true;
            c.delivery = null;
            events.recordTechnical(c.ticketId, "mailFailed", null, Map.of("conversationId", c.id, "reason", reason));
        }
    }

    @Transactional
    public void delete(long ticketId, long conversationId, String ifMatch, String actor) {
        requireTicket(ticketId);
        Conversation c = conversations.findOnTicketForUpdate(ticketId, conversationId)
                .orElseThrow(() -> notFound(ticketId, conversationId));
        Preconditions.ifMatch(ifMatch, c.version);
        requireEditable(c);
        conversations.delete(c);
        events.record(ticketId, "conversationDeleted", actor,
                Map.of("conversationId", conversationId, "type", c.type.name(), "isDraft", c.draft));
    }

    /** The result of {@link #edit}: the conversation, and the mail to send now (null: nothing to send). */
    public record Edited(ConversationView conversation, OutgoingMail toSend) {
    }

    private Conversation add(Ticket ticket, NewConversation d, String delivery, String actor) {
        Conversation c = new Conversation();
        c.ticketId = ticket.id;
        c.type = d.type() != null ? d.type() : ConversationType.valueOf(ticket.channel.name());
        c.direction = d.direction();
        c.isPrivate = d.isPrivate();
        c.draft = d.draft();
        c.agentId = d.agentId();
        c.from = d.from();
        c.fromName = d.fromName();
        c.to = new ArrayList<>(d.to());
        c.cc = new ArrayList<>(d.cc());
        c.bcc = new ArrayList<>(d.bcc());
        c.subject = d.subject();
        c.body = d.body();
        c.bodyPlain = d.body() == null ? null : TicketService.plainText(d.body());
        c.externalConversationId = d.externalConversationId();
        c.subchannelId = d.subchannelId();
        c.intentIds = new ArrayList<>(d.intentIds());
        c.attachments = new ArrayList<>(d.attachments());
        c.rawData = d.rawData();
        c.delivery = delivery;
        c.createdBy = actor;
        c.createdAt = d.createdAt() == null ? now() : d.createdAt().truncatedTo(ChronoUnit.MICROS);
        conversations.persist(c);
        touch(ticket, c);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", c.id);
        data.put("type", c.type.name());
        data.put("direction", c.direction.name());
        data.put("private", c.isPrivate);
        data.put("isDraft", c.draft);
        events.record(ticket.id, "conversationAdded", actor, data);
        return c;
    }

    /**
     * Whether a message of this type on a ticket of this channel goes out by mail: an email, or a
     * {@code text}/{@code html} message on an email ticket.
     */
    static boolean mailed(ConversationType type, Channel ticketChannel) {
        return type == ConversationType.email || (type.format() && ticketChannel == Channel.email);
    }

    /** A message (not internal, not a draft) moves the ticket's last-message times forward, never back. */
    private void touch(Ticket ticket, Conversation c) {
        ticket.modifiedAt = now();
        if (c.draft || c.type.internal() || c.direction == Direction.internal) {
            return;
        }
        if (ticket.lastMessageAt == null || c.createdAt.isAfter(ticket.lastMessageAt)) {
            ticket.lastMessageAt = c.createdAt;
        }
        if (c.direction == Direction.in
                && (ticket.lastCustomerMessageAt == null || c.createdAt.isAfter(ticket.lastCustomerMessageAt))) {
            ticket.lastCustomerMessageAt = c.createdAt;
        }
    }

    private static void requireEditable(Conversation c) {
        if (!c.editable()) {
            throw ApiException.conflict("conversation_not_editable", "Only notes and drafts can be changed or deleted; "
                    + "conversation " + c.id + " is a " + (c.direction == Direction.in ? "received" : "sent") + " "
                    + c.type.name() + " message");
        }
    }

    /**
     * The ticket, locked for the rest of the transaction: messages added to one ticket at the same
     * time each move its message times in turn instead of failing on its version.
     */
    private Ticket lockTicket(long ticketId) {
        return tickets.findByIdOptional(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
    }

    Ticket requireTicket(long ticketId) {
        return tickets.findByIdOptional(ticketId).orElseThrow(() -> ApiException.notFound("Ticket " + ticketId + " not found"));
    }

    private static ApiException notFound(long ticketId, long conversationId) {
        return ApiException.notFound("Conversation " + conversationId + " not found on ticket " + ticketId);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
