package mind.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import io.smallrye.mutiny.Uni;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.metrics.DomainCounters;
import mind.common.persistence.Versioned;
import mind.ticket.api.TicketView;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.Status;
import mind.ticket.repository.TicketRepository;
import mind.ticket.repository.TicketInsert;
import mind.ticket.repository.TicketRowReader;

@ApplicationScoped
public class TicketService {

    private final TicketRepository tickets;
    private final TicketRowReader rows;
    private final TicketInsert inserts;
    private final AdvisoryLocks locks;
    private final TicketEvents events;
    private final DomainCounters counters;
    private final TagDirectory tags;

    private final Clock clock;
    private final WorkedOnBy workedOnBy;

    public TicketService(TicketRepository tickets, TicketRowReader rows, TicketInsert inserts, AdvisoryLocks locks,
            TicketEvents events, DomainCounters counters, TagDirectory tags, Clock clock, WorkedOnBy workedOnBy) {
        this.workedOnBy = workedOnBy;
        this.tickets = tickets;
        this.rows = rows;
        this.inserts = inserts;
        this.locks = locks;
        this.events = events;
        this.counters = counters;
        this.tags = tags;
        this.clock = clock;
    }

    /**
     * Creates a ticket, or updates the existing one when {@code externalTicketId} is already known
     * (enneo's upsert rule). Defaults as enneo: direction in, status open, priority low, interface
     * internal, AI support level unprocessed ({@code human} when AI processing is switched off). Blocks: on a worker
     * thread; {@link #createNonBlocking} writes a new ticket on the event loop.
     *
     * @param mayOverwrite whether the caller may change an existing ticket (the permission a PATCH
     *                     needs); without it an upsert that hits an existing ticket is refused
     */
    public TicketView create(NewTicket data, String createdBy, boolean mayOverwrite) {
        requireReportableEvents(data);
        if (data.externalTicketId() == null) {
            requireFutureDueByWhenPending(data.status(), data.dueBy(), true);
            return insert(data, createdBy);
        }
        return upsert(data, createdBy, mayOverwrite);
    }

    /**
     * Whether {@link #createNonBlocking} may write {@code data}: a new ticket (no external id to look up under a
     * lock) from a request of a known, small size ({@code requestBytes}, its Content-Length; -1 when not sent). Its
     * plain text (jsoup), JSON columns and statement are made on the event loop, so a large request goes to a worker
     * thread instead; reading its JSON and validating it happen on the event loop either way (the body limit, 1 MB,
     * bounds that).
     */
    public static boolean insertsWithoutBlocking(NewTicket data, long requestBytes) {
        return data.externalTicketId() == null && requestBytes >= 0 && requestBytes <= NON_BLOCKING_REQUEST_BYTES;
    }

    /**
     * A new ticket ({@link #insertsWithoutBlocking}) written on the caller's event loop: the same ticket, events and
     * answer as {@link #create}, in one statement through the non-blocking client, without a transaction (the
     * statement is atomic by itself).
     */
    public Uni<TicketView> createNonBlocking(NewTicket data, String createdBy) {
        if (data.externalTicketId() != null) {
            throw new IllegalArgumentException("an upsert is written on a worker thread");
        }
        requireReportableEvents(data);
        requireFutureDueByWhenPending(data.status(), data.dueBy(), true);
        Ticket ticket = newTicket(data, createdBy);
        return inserts.insertNonBlocking(ticket, createdBy, ticket.createdAt, createdEvents(ticket, data)).map(written -> {
            countCreated(written);
            return view(written);
        });
    }

    /**
     * The request size (bytes) above which a new ticket is written on a worker thread: parsing a large HTML body for
     * its plain text takes jsoup milliseconds, too long to hold an event loop that serves other requests.
     */
    static final long NON_BLOCKING_REQUEST_BYTES = 32 * 1024;

    /**
     * As PATCH: a ticket set pending (or given a new dueBy while pending) needs a dueBy in the future, when it comes
     * back to the queue; 400 naming {@code dueBy}.
     */
    private void requireFutureDueByWhenPending(Status status, Instant dueBy, boolean asked) {
        if (asked && status == Status.pending && (dueBy == null || !dueBy.isAfter(clock.instant()))) {
            throw ApiException.invalidField("dueBy", "must be a time in the future when the status is pending");
        }
    }

    private static void requireReportableEvents(NewTicket data) {
        for (int i = 0; i < data.events().size(); i++) {
            TicketActivity.requireReportable("events[" + i + "].type", data.events().get(i).type());
        }
    }

    /** A ticket with an external id: updated when that id is known, else inserted, under the id's lock. */
    @Transactional
    TicketView upsert(NewTicket data, String createdBy, boolean mayOverwrite) {
        // two concurrent upserts of one external id must not both insert
        locks.lock("externalTicketId", data.externalTicketId());
        var existing = tickets.findByExternalTicketId(data.externalTicketId());
        if (existing.isPresent()) {
            if (!mayOverwrite) {
                throw new ApiException(403, "forbidden", "A ticket with this externalTicketId exists; changing it "
                        + "needs the admin or agent role or the updateTicket permission");
            }
            Ticket ticket = existing.get();
            requireFutureDueByWhenPending(data.status() != null ? data.status() : ticket.status,
                    data.dueBy() != null ? data.dueBy() : ticket.dueBy, data.status() != null || data.dueBy() != null);
            if (data.direction() != null && data.direction() != ticket.direction) {
                // as for PATCH: the direction a ticket was made with stays; left out, the default does not apply
                throw ApiException.invalidField("direction", "is immutable; a ticket's direction cannot be changed");
            }
            Instant lastMessageAt = ticket.lastMessageAt;
            Instant lastCustomerMessageAt = ticket.lastCustomerMessageAt;
            // the ticket keeps its channel: a different one is ignored, the rest of the upsert applied (enneo:
            // "updated instead of created")
            apply(data, ticket);
            // the last-message times move forward only, and only by a message time the upsert carries (createdAt)
            ticket.lastMessageAt = later(lastMessageAt, data.createdAt() == null ? null : micros(data.createdAt()));
            ticket.lastCustomerMessageAt = ticket.direction == Direction.in
                    ? later(lastCustomerMessageAt, data.createdAt() == null ? null : micros(data.createdAt()))
                    : lastCustomerMessageAt;
            ticket.modifiedAt = now();
            events.record(ticket.id, "upserted", createdBy, Map.of("externalTicketId", data.externalTicketId()),
                    data.events());
            return view(ticket);
        }
        return insert(data, createdBy);
    }

    /**
     * A new ticket: one statement writes it with its created event (and those reported with it), atomic on its own,
     * so without a transaction around it (no begin, no commit round trip); inside the caller's when there is one
     * (an upsert's, an Idempotency-Key's).
     */
    @Transactional(TxType.SUPPORTS)
    TicketView insert(NewTicket data, String createdBy) {
        Ticket ticket = newTicket(data, createdBy);
        // never changed again: inserted with its created event in one statement, not managed (no Hibernate session,
        // no snapshot, no dirty check)
        inserts.insert(ticket, createdBy, ticket.createdAt, createdEvents(ticket, data));
        countCreated(ticket);
        return view(ticket);
    }

    /** A new ticket with the defaults and the request's fields, not yet written. */
    private Ticket newTicket(NewTicket data, String createdBy) {
        Ticket ticket = new Ticket();
        ticket.direction = Direction.in;
        ticket.status = Status.open;
        ticket.priority = Priority.low;
        ticket.ticketInterface = Interface.internal;
        ticket.aiSupportLevel = data.aiProcessing() ? AiSupportLevel.unprocessed : AiSupportLevel.human;
        ticket.createdAt = now();
        ticket.createdBy = createdBy;
        ticket.channel = data.channel();
        apply(data, ticket);
        ticket.lastMessageAt = ticket.createdAt;
        if (ticket.direction == Direction.in) ticket.lastCustomerMessageAt = ticket.createdAt;
        return ticket;
    }

    /** A new ticket's created event, then the events reported with it. */
    private List<TicketEvents.NewEvent> createdEvents(Ticket ticket, NewTicket data) {
        return events.rows("created", Map.of("channel", ticket.channel.name(), "process",
                data.aiProcessing() ? "requested" : "off"), data.events());
    }

    private void countCreated(Ticket ticket) {
        counters.countOnCommit("mind.tickets.created", "Tickets created (upserts of an existing ticket not counted)",
                "channel", ticket.channel.name());
    }

    /**
     * The ticket's view and version (for the ETag), from one SELECT of the row, without blocking: no session, no
     * transaction, no entity load, read on the caller's event loop (the hottest path of the service; see
     * {@link TicketRowReader}). Tag names come from the names held in memory ({@link TagDirectory}): a lookup per
     * tag, no call, except that a read before any load of them was tried waits for the first (bounded).
     * {@code workedOnBy} lists the agents present (read in the same statement) as ping does ({@link WorkedOnBy}).
     */
    public Uni<Versioned<TicketView>> get(long id) {
        Uni<Optional<TicketRowReader.Read>> row = rows.find(id, Instant.now(clock));
        if (!tags.ready()) {
            // the names were never loaded: the first load runs alongside the row's read, and is waited for
            row = Uni.combine().all().unis(row, tags.firstLoad()).with((found, loaded) -> found);
        }
        return row.flatMap(found -> {
            TicketRowReader.Read read = found.orElseThrow(() -> ApiException.notFound("Ticket " + id + " not found"));
            Ticket ticket = read.ticket();
            // nobody present, or every present agent's profile cached: no worker thread (the usual GET)
            return workedOnBy.usersWithoutBlocking(read.present())
                    .map(users -> new Versioned<>(TicketView.of(ticket, tags.refs(ticket.tagIds), List.<Object>copyOf(users)),
                            ticket.version));
        });
    }

    /** The ticket's view with its tags' names as the directory holds them. */
    private TicketView view(Ticket ticket) {
        return TicketView.of(ticket, tags.refs(ticket.tagIds));
    }

    /**
     * Copies every field the request carries; absent fields keep their value. Not the channel nor the last-message
     * times: a new ticket takes them from the request, an existing one keeps its channel and moves the times forward.
     */
    private void apply(NewTicket d, Ticket t) {
        if (d.direction() != null) t.direction = d.direction();
        if (d.status() != null) t.status = d.status();
        if (d.priority() != null) t.priority = d.priority();
        if (d.from() != null) t.from = d.from();
        if (d.fromName() != null) t.fromName = d.fromName();
        if (d.to() != null) t.to = d.to();
        if (d.cc() != null) t.cc = d.cc();
        if (d.bcc() != null) t.bcc = d.bcc();
        if (d.subchannelId() != null) t.subchannelId = d.subchannelId();
        if (d.channelId() != null) t.channelId = d.channelId();
        if (d.externalTicketId() != null) t.externalTicketId = d.externalTicketId();
        if (d.agentId() != null) t.agentId = d.agentId();
        if (d.contractId() != null) t.contractId = d.contractId();
        if (d.customerId() != null) t.customerId = d.customerId();
        if (d.subject() != null) t.subject = d.subject();
        if (d.body() != null) {
            t.body = d.body();
            t.bodyPlain = plainText(d.body());
        }
        if (d.tags() != null) t.tagIds = new ArrayList<>(d.tags().stream().distinct().sorted().toList());
        if (d.attachments() != null) t.attachments = Attachment.numbered(d.attachments(), t.attachments);
        if (d.rawData() != null) t.rawData = d.rawData();
        // PostgreSQL keeps microseconds: cut here, so that the answer is the row and both clients store the same
        if (d.createdAt() != null) t.createdAt = micros(d.createdAt());
        if (d.firstResponseDueBy() != null) t.firstResponseDueBy = micros(d.firstResponseDueBy());
        if (d.dueBy() != null) t.dueBy = micros(d.dueBy());
        if (t.status != Status.closed) t.closedAt = null;
        else if (t.closedAt == null) t.closedAt = now();
    }

    /** The later of two times, either may be null. */
    private static Instant later(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /** The elements a line ends after: line breaks and blocks. */
    private static final Evaluator LINE_ENDS = QueryParser.parse("br, p, div, li, tr, h1, h2, h3, h4, h5, h6");
    private static final Pattern SPACED_NEWLINE = Pattern.compile(" *\n *");
    /** Something that looks like an HTML tag; a bare "<" (as in "a < b" or "<3") does not make a body HTML. */
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>");

    /** HTML bodies are kept as sent; the plain form keeps line breaks of block elements. Plain text passes unchanged. */
    static String plainText(String body) {
        if (!HTML_TAG.matcher(body).find()) {
            return body;
        }
        var document = Jsoup.parse(body);
        document.outputSettings().prettyPrint(false);
        // a marker after each line break and block that text() keeps, made a newline afterwards; the queries and
        // the pattern are compiled once, and the marker is a text node, not HTML parsed for every element
        for (Element element : document.select(LINE_ENDS)) {
            element.after(new TextNode("\\n"));
        }
        return SPACED_NEWLINE.matcher(document.text().replace("\\n", "\n")).replaceAll("\n").strip();
    }

    private Instant now() {
        return micros(Instant.now(clock));
    }

    private static Instant micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
