package mind.ticket.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.db.RelaxedCommit;
import mind.common.hooks.EventHookGateway;
import mind.common.hooks.HookEvents;
import mind.ticket.config.HookRelayConfig;
import mind.ticket.repository.HookRelayRepository;
import mind.ticket.repository.HookRelayRepository.Batch;
import mind.ticket.repository.HookRelayRepository.Event;

/**
 * Relays the ticket event log to settings-svc's event hooks: every replica runs it, one at a time relays (a lease on
 * the one cursor row). A round reads the events of the transactions that have ended since the horizon
 * ({@link HookRelayRepository}), keeps those whose hook type ({@link HookEventTypes}) has a hook, hands them to
 * settings-svc with no transaction held, then moves the horizon. Should settings-svc not take them (unreachable,
 * 5xx, the circuit open, the token refused) the horizon stays and the next round sends the same events again:
 * at least once, and settings-svc runs a hook once per event key ({@code ticket-event-<id>}).
 *
 * <p>Without a service token ({@code mind.ticket.service-token}) nothing can be sent: the relay moves the horizon on
 * and says so once at INFO, so that setting a token later does not replay a backlog of old events.
 */
@ApplicationScoped
public class HookRelay {

    private static final Logger LOG = Logger.getLogger(HookRelay.class);

    /** settings-svc takes at most this many events per call. */
    static final int EVENTS_PER_CALL = 100;
    /** settings-svc takes an event's data up to 16 KB; larger details are replaced by {@code {"truncated":true}}. */
    static final int MAX_DATA_BYTES = 16 * 1024;
    static final String KEY_PREFIX = "ticket-event-";

    /** The event types with hooks, read from settings-svc, and until when they are reused. */
    private record Listened(Set<String> types, Instant until) {
    }

    /** What one call of {@link #relay()} did: events read from the log, events settings-svc took (not rejected). */
    public record Relayed(int read, int sent) {
        static final Relayed NOTHING = new Relayed(0, 0);

        Relayed plus(Relayed other) {
            return new Relayed(read + other.read, sent + other.sent);
        }
    }

    private final HookRelayRepository cursor;
    private final EventHookGateway hooks;
    private final RelaxedCommit relaxed;
    private final HookRelayConfig config;
    private final Optional<String> serviceToken;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicBoolean toldNoToken = new AtomicBoolean();
    private volatile Listened listened;
    /** The last problem logged, so that a settings-svc that stays down is logged once, not every second. */
    private volatile String lastProblem;

    public HookRelay(HookRelayRepository cursor, EventHookGateway hooks, RelaxedCommit relaxed, HookRelayConfig config,
            @ConfigProperty(name = "mind.ticket.service-token") Optional<String> serviceToken, ObjectMapper json,
            Clock clock) {
        this.cursor = cursor;
        this.hooks = hooks;
        this.relaxed = relaxed;
        this.config = config;
        this.serviceToken = serviceToken.filter(t -> !t.isBlank());
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${mind.ticket.hooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            relay();
        } catch (RuntimeException e) {
            LOG.warn("hook relay round failed; the next round retries", e);
        }
    }

    /**
     * Relays what is new, round after round while a round was cut at the batch size; returns what it read and sent.
     * Nothing when relaying is off, when there is nothing new, when another replica relays now, or when
     * settings-svc cannot be asked (the next call tries again).
     */
    public Relayed relay() {
        if (!config.enabled()) {
            return Relayed.NOTHING;
        }
        Relayed total = Relayed.NOTHING;
        while (true) {
            Round round = round();
            total = total.plus(round.relayed());
            if (!round.more()) {
                return total;
            }
        }
    }

    private record Round(Relayed relayed, boolean more) {
        static final Round DONE = new Round(Relayed.NOTHING, false);
    }

    private Round round() {
        if (!QuarkusTransaction.requiringNew().call(cursor::anyNew)) {
            return Round.DONE;
        }
        if (serviceToken.isEmpty()) {
            if (toldNoToken.compareAndSet(false, true)) {
                LOG.info("no service token (mind.ticket.service-token): ticket events are not relayed to event hooks");
            }
            skipAll();
            return Round.DONE;
        }
        String authorization = "Bearer " + serviceToken.get();
        Set<String> types;
        try {
            types = listenedTypes(authorization);
        } catch (RemoteCallException | FaultToleranceException e) {
            problem("event hooks not read from settings-svc; ticket events wait: " + reason(e));
            return Round.DONE;
        }
        if (types.stream().noneMatch(HookEventTypes.ALL::contains)) {
            // no hook listens to a ticket event: nothing to read, the horizon moves on in one short transaction
            skipAll();
            return Round.DONE;
        }

        UUID holder = UUID.randomUUID();
        Optional<Long> horizon = QuarkusTransaction.requiringNew().call(() -> {
            relaxed.forThisTransaction();
            return cursor.lease(holder, config.lease());
        });
        if (horizon.isEmpty()) {
            return Round.DONE;
        }
        Batch batch;
        List<HookEvents.Event> events;
        int taken;
        try {
            // a transaction of its own that writes nothing, so no id of its own holds the oldest running one back
            batch = QuarkusTransaction.requiringNew().call(() -> cursor.read(horizon.get(), config.batch()));
            events = hookEvents(batch.events(), types);
            taken = send(authorization, events);
            if (taken < 0) {
                release(holder);
                return Round.DONE;
            }
        } catch (RuntimeException e) {
            release(holder);
            throw e;
        }
        boolean moved = QuarkusTransaction.requiringNew().call(() -> {
            relaxed.forThisTransaction();
            return cursor.moveAndRelease(holder, batch.nextHorizon());
        });
        if (!moved) {
            // the lease ran out while sending and another replica took the cursor; it sends these again (same keys)
            LOG.infof("hook relay lease ran out after %d events; another replica continues", events.size());
        }
        recovered();
        return new Round(new Relayed(batch.events().size(), taken), batch.cut() && moved);
    }

    /** Moves the horizon to the oldest running transaction without reading: nothing there is relayed. */
    private void skipAll() {
        UUID holder = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            relaxed.forThisTransaction();
            if (cursor.lease(holder, config.lease()).isPresent()) {
                cursor.moveAndRelease(holder, cursor.oldestRunning());
            }
        });
    }

    private void release(UUID holder) {
        QuarkusTransaction.requiringNew().run(() -> cursor.release(holder));
    }

    /** Reads the event types with hooks again at the next round (tests that change the hooks). */
    void forgetListenedTypes() {
        listened = null;
    }

    private Set<String> listenedTypes(String authorization) {
        Listened known = listened;
        Instant now = Instant.now(clock);
        if (known != null && now.isBefore(known.until())) {
            return known.types();
        }
        Set<String> types = hooks.listenedTypes(authorization);
        listened = new Listened(types, now.plus(config.typesTtl()));
        return types;
    }

    /**
     * Hands the events to settings-svc, {@value #EVENTS_PER_CALL} per call, and returns how many it took; -1 when it
     * could not take them now (the round ends, the horizon stays). A call it rejects (a 4xx other than for the token)
     * is logged and passed over: sent again as it is, it would be rejected again, and the relay would stop for good.
     */
    private int send(String authorization, List<HookEvents.Event> events) {
        int taken = 0;
        for (int from = 0; from < events.size(); from += EVENTS_PER_CALL) {
            List<HookEvents.Event> part = events.subList(from, Math.min(from + EVENTS_PER_CALL, events.size()));
            String key = idempotencyKey(part);
            try {
                hooks.send(authorization, key, new HookEvents(List.copyOf(part)));
                taken += part.size();
            } catch (RemoteRejectedException e) {
                if (e.status() == 401 || e.status() == 403) {
                    problem("settings-svc refused this service's token (" + e.status() + "); ticket events wait");
                    return -1;
                }
                // status and code only: the message may quote the events
                LOG.warnf("settings-svc rejected ticket events %s (%d events): %d %s; they are not sent again", key,
                        part.size(), e.status(), e.code());
            } catch (RemoteCallException | FaultToleranceException e) {
                problem("ticket events not handed to settings-svc, sent again next round: " + reason(e));
                return -1;
            }
        }
        return taken;
    }

    /**
     * {@code ticket-hooks-<first id>-<last id>-<checksum of the keys and types>}: the same events always under the same
     * key, and a different choice of the same range (hooks added meanwhile) under another.
     */
    static String idempotencyKey(List<HookEvents.Event> part) {
        CRC32 crc = new CRC32();
        for (HookEvents.Event e : part) {
            crc.update((e.key() + ' ' + e.type() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return "ticket-hooks-" + part.get(0).key().substring(KEY_PREFIX.length()) + "-"
                + part.get(part.size() - 1).key().substring(KEY_PREFIX.length()) + "-" + Long.toHexString(crc.getValue());
    }

    /**
     * The hook events of rows of the log (whole transactions, in (tx, id) order), for the types that have a hook. The
     * {@code TicketUpdated} rows of one ticket in one transaction (a PATCH of several fields, a bulk PATCH's item) are
     * one event, keyed by the first row: its {@code details} are the first row's, and {@code changes} lists every row
     * ({@code eventId, ticketEvent, actorId, details}).
     */
    List<HookEvents.Event> hookEvents(List<Event> rows, Set<String> listened) {
        List<HookEvents.Event> out = new ArrayList<>();
        // each row's data read once: a row is looked at again as the next row of an update
        List<JsonNode> details = rows.stream().map(this::details).toList();
        for (int i = 0; i < rows.size(); i++) {
            Event e = rows.get(i);
            Optional<String> type = HookEventTypes.of(e.type(), details.get(i)).filter(listened::contains);
            if (type.isEmpty()) {
                continue;
            }
            ObjectNode data = data(e, details.get(i));
            if (type.get().equals(HookEventTypes.TICKET_UPDATED)) {
                ArrayNode changes = data.putArray("changes");
                changes.add(change(e, details.get(i)));
                while (i + 1 < rows.size() && sameUpdate(e, rows.get(i + 1), details.get(i + 1))) {
                    i++;
                    changes.add(change(rows.get(i), details.get(i)));
                }
            }
            out.add(new HookEvents.Event(type.get(), KEY_PREFIX + e.id(), e.createdAt().toString(), bounded(data)));
        }
        return out;
    }

    /** Whether {@code next} (with its data) is another TicketUpdated row of {@code first}'s ticket in its transaction. */
    private static boolean sameUpdate(Event first, Event next, JsonNode nextDetails) {
        return next.tx() == first.tx() && next.ticketId() == first.ticketId()
                && HookEventTypes.of(next.type(), nextDetails).filter(HookEventTypes.TICKET_UPDATED::equals).isPresent();
    }

    private ObjectNode change(Event e, JsonNode details) {
        ObjectNode change = json.createObjectNode();
        change.put("eventId", e.id());
        change.put("ticketEvent", e.type());
        change.put("actorId", e.actorId());
        change.set("details", details);
        return change;
    }

    private JsonNode details(Event e) {
        try {
            JsonNode node = json.readTree(e.data());
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JsonProcessingException ex) {
            // written by this service as JSON; should a row ever not be, its event still goes, without details
            return json.createObjectNode().put("unreadable", true);
        }
    }

    private ObjectNode data(Event e, JsonNode details) {
        ObjectNode data = json.createObjectNode();
        data.put("ticketId", e.ticketId());
        data.put("eventId", e.id());
        data.put("ticketEvent", e.type());
        data.put("actorId", e.actorId());
        data.set("details", details);
        return data;
    }

    /** Within settings-svc's 16 KB: the details are replaced by {@code {"truncated":true}}, those of the changes first. */
    private ObjectNode bounded(ObjectNode data) {
        if (size(data) > MAX_DATA_BYTES && data.has("changes")) {
            data.withArray("changes").forEach(c -> ((ObjectNode) c).set("details", json.createObjectNode().put("truncated", true)));
        }
        if (size(data) > MAX_DATA_BYTES) {
            data.set("details", json.createObjectNode().put("truncated", true));
        }
        if (size(data) > MAX_DATA_BYTES && data.has("changes")) {
            // so many changes that even their ids do not fit: their count says how many there were
            int count = data.withArray("changes").size();
            data.remove("changes");
            data.put("changesTruncated", count);
        }
        return data;
    }

    private int size(JsonNode node) {
        try {
            return json.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            LOG.warn(message);
        }
    }

    private void recovered() {
        if (lastProblem != null) {
            lastProblem = null;
            LOG.info("ticket events are relayed to event hooks again");
        }
    }

    /** What went wrong, without a body: the status and code settings-svc answered, or the kind of failure. */
    private static String reason(RuntimeException e) {
        if (e instanceof RemoteCallException remote) {
            return remote.status() == 0 ? "not reachable" : remote.status() + (remote.code() == null ? "" : " " + remote.code());
        }
        return e.getClass().getSimpleName();
    }
}
