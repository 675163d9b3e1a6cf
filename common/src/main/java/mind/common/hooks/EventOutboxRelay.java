package mind.common.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.common.client.Backoff;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.db.RelaxedCommit;
import mind.common.hooks.EventOutboxRepository.Leased;

/**
 * Sends a service's {@code hook_outbox} rows ({@link EventOutbox}) to settings-svc's {@code POST
 * /settings/event-hook/events}. Every replica runs it: a service's subclass schedules {@link #tick()}. A round leases
 * due rows ({@code FOR UPDATE SKIP LOCKED}, so two replicas never send the same rows at once), sends them in one call
 * with no transaction held, and deletes them once settings-svc took them. Should settings-svc not take them
 * (unreachable, 5xx, the circuit open, the token refused) they are due again after a backoff that doubles per attempt
 * ({@link Backoff#doubling}). At least once: a replica that dies after sending leaves its lease to run out and the rows
 * go again under the same keys ({@code <keyPrefix><row id>}), which settings-svc runs a hook once for. Rows of a type no
 * hook listens to are dropped unsent; rows settings-svc refuses for good (a 4xx other than for the token) are kept
 * with {@code rejected_at} and not sent again.
 *
 * <p>Without a service token nothing is sent, said once at INFO; the rows wait.
 */
public abstract class EventOutboxRelay {

    private static final Logger LOG = Logger.getLogger(EventOutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** settings-svc takes at most this many events per call. */
    static final int EVENTS_PER_CALL = 100;

    /**
     * What a service relays and how.
     *
     * @param enabled       off: this replica relays nothing; the rows wait
     * @param batch         rows leased and sent per call (settings-svc takes at most 100 events per call)
     * @param lease         how long a replica holds the rows it leased: another sends them again after that
     * @param backoff       the wait after the first failed attempt, doubling per attempt up to {@code maxBackoff}
     * @param typesTtl      how long the event types that have hooks, read from settings-svc, are reused
     * @param serviceToken  the service's token (serviceWorker), sent as Bearer
     * @param tokenProperty the property that sets it, for the line logged without one
     * @param keyPrefix     an event's key is this and its row id ({@code aiagent-event-})
     * @param what          what the events tell of, for log lines ({@code AI agent changes})
     */
    public record Settings(boolean enabled, int batch, Duration lease, Duration backoff, Duration maxBackoff,
            Duration typesTtl, Optional<String> serviceToken, String tokenProperty, String keyPrefix, String what) {

        /** A service's configuration with its token and its names. */
        public static Settings of(EventOutboxConfig config, Optional<String> serviceToken, String tokenProperty,
                String keyPrefix, String what) {
            return new Settings(config.enabled(), config.batch(), config.lease(), config.backoff(), config.maxBackoff(),
                    config.typesTtl(), serviceToken, tokenProperty, keyPrefix, what);
        }
    }

    /** What {@link #relay()} did: events settings-svc took, and rows dropped (no hook listens, or refused for good). */
    public record Relayed(int sent, int dropped) {
        public static final Relayed NOTHING = new Relayed(0, 0);

        Relayed plus(Relayed other) {
            return new Relayed(sent + other.sent, dropped + other.dropped);
        }
    }

    private record Round(Relayed relayed, boolean more) {
        static final Round DONE = new Round(Relayed.NOTHING, false);
    }

    /** The event types with hooks, read from settings-svc, and until when they are reused. */
    private record Listened(Set<String> types, Instant until) {
    }

    private final EventOutboxRepository rows;
    private final EventHookGateway hooks;
    private final RelaxedCommit relaxed;
    private final Clock clock;
    private final AtomicBoolean toldNoToken = new AtomicBoolean();
    private volatile Listened listened;
    /** The last problem logged, so that a settings-svc that stays down is logged once, not every second. */
    private volatile String lastProblem;

    protected EventOutboxRelay(EventOutboxRepository rows, EventHookGateway hooks, RelaxedCommit relaxed, Clock clock) {
        this.rows = rows;
        this.hooks = hooks;
        this.relaxed = relaxed;
        this.clock = clock;
    }

    /** The service's settings (read at every round). */
    protected abstract Settings settings();

    /** One scheduled round; a service's subclass calls it from its {@code @Scheduled} method. */
    protected void tick() {
        try {
            relay();
        } catch (RuntimeException e) {
            LOG.warn("hook outbox round failed; the next round retries", e);
        }
    }

    /**
     * Sends what is due, round after round while a round was full. Nothing when relaying is off, without a token,
     * when nothing is due, or when settings-svc cannot be asked (the rows stay due; the next call tries again).
     */
    public Relayed relay() {
        Settings settings = settings();
        if (!settings.enabled()) {
            return Relayed.NOTHING;
        }
        Relayed total = Relayed.NOTHING;
        while (true) {
            Round round = round(settings);
            total = total.plus(round.relayed());
            if (!round.more()) {
                return total;
            }
        }
    }

    private Round round(Settings settings) {
        if (!QuarkusTransaction.requiringNew().call(rows::anyDue)) {
            return Round.DONE;
        }
        String token = settings.serviceToken().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            if (toldNoToken.compareAndSet(false, true)) {
                LOG.infof("no service token (%s): %s are not relayed to event hooks; they wait in hook_outbox",
                        settings.tokenProperty(), settings.what());
            }
            return Round.DONE;
        }
        String authorization = token.startsWith("Bearer ") ? token : "Bearer " + token;
        Set<String> types;
        try {
            types = listenedTypes(authorization, settings);
        } catch (RemoteCallException | FaultToleranceException e) {
            problem("event hooks not read from settings-svc; " + settings.what() + " wait: " + reason(e));
            return Round.DONE;
        }

        int batch = Math.max(1, Math.min(settings.batch(), EVENTS_PER_CALL));
        List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> {
            // a lease lost in a crash only means the rows are sent again (settings-svc deduplicates by key)
            relaxed.forThisTransaction();
            return rows.lease(batch, settings.lease());
        });
        if (leased.isEmpty()) {
            return Round.DONE;
        }
        boolean more = leased.size() == batch;
        // a row of a type no hook listens to would run nothing: it is not sent
        List<Long> unheard = leased.stream().filter(r -> !types.contains(r.type())).map(Leased::id).toList();
        if (!unheard.isEmpty()) {
            delete(unheard);
        }
        List<Leased> heard = leased.stream().filter(r -> types.contains(r.type())).toList();
        if (heard.isEmpty()) {
            return new Round(new Relayed(0, unheard.size()), more);
        }
        List<Long> ids = heard.stream().map(Leased::id).toList();
        List<HookEvents.Event> events = heard.stream().map(r -> event(r, settings.keyPrefix())).toList();
        String key = idempotencyKey(events, settings.keyPrefix());
        try {
            hooks.send(authorization, key, new HookEvents(events));
        } catch (RemoteRejectedException e) {
            if (e.status() == 401 || e.status() == 403) {
                problem("settings-svc refused this service's token (" + e.status() + "); " + settings.what() + " wait");
                retryLater(heard, e.status() + " token refused", settings);
                return new Round(new Relayed(0, unheard.size()), false);
            }
            // status and code only: the message may quote the events
            LOG.warnf("settings-svc rejected the events %s (%d events): %d %s; they are kept in hook_outbox"
                    + " (rejected_at) and not sent again", key, ids.size(), e.status(), e.code());
            QuarkusTransaction.requiringNew().run(() -> rows.reject(ids, e.status() + " " + e.code()));
            return new Round(new Relayed(0, ids.size() + unheard.size()), more);
        } catch (RemoteCallException | FaultToleranceException e) {
            problem(settings.what() + " not handed to settings-svc, sent again after a backoff: " + reason(e));
            retryLater(heard, reason(e), settings);
            return new Round(new Relayed(0, unheard.size()), false);
        } catch (RuntimeException e) {
            retryLater(heard, e.getClass().getSimpleName(), settings);
            throw e;
        }
        delete(ids);
        recovered(settings);
        return new Round(new Relayed(ids.size(), unheard.size()), more);
    }

    private static HookEvents.Event event(Leased row, String keyPrefix) {
        ObjectNode data;
        try {
            JsonNode node = JSON.readTree(row.data());
            data = node != null && node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            // written by the service as JSON; should a row ever not be, its event still goes, without data
            data = JSON.createObjectNode().put("unreadable", true);
        }
        return new HookEvents.Event(row.type(), keyPrefix + row.id(), row.occurredAt().toString(), data);
    }

    private void delete(List<Long> ids) {
        // a delete lost in a crash means one more send under the same keys
        QuarkusTransaction.requiringNew().run(() -> {
            relaxed.forThisTransaction();
            rows.delete(ids);
        });
    }

    /** Each row due again after the backoff of its own attempts (rows of one batch may have had different counts). */
    private void retryLater(List<Leased> leased, String error, Settings settings) {
        Map<Integer, List<Long>> byAttempts = leased.stream()
                .collect(Collectors.groupingBy(Leased::attempts, Collectors.mapping(Leased::id, Collectors.toList())));
        QuarkusTransaction.requiringNew().run(() -> byAttempts.forEach((attempts, ids) -> rows.retryLater(ids,
                Backoff.doubling(settings.backoff(), settings.maxBackoff(), attempts), error)));
    }

    /** Reads the event types with hooks again at the next round (tests that change the hooks). */
    public void forgetListenedTypes() {
        listened = null;
    }

    private Set<String> listenedTypes(String authorization, Settings settings) {
        Listened known = listened;
        Instant now = Instant.now(clock);
        if (known != null && now.isBefore(known.until())) {
            return known.types();
        }
        Set<String> types = hooks.listenedTypes(authorization);
        listened = new Listened(types, now.plus(settings.typesTtl()));
        return types;
    }

    /**
     * {@code <keyPrefix>batch-<first id>-<last id>-<checksum of the keys>}: the same rows always under the same key,
     * and another choice of the same range under another.
     */
    static String idempotencyKey(List<HookEvents.Event> events, String keyPrefix) {
        CRC32 crc = new CRC32();
        for (HookEvents.Event e : events) {
            crc.update((e.key() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return keyPrefix + "batch-" + events.get(0).key().substring(keyPrefix.length()) + "-"
                + events.get(events.size() - 1).key().substring(keyPrefix.length()) + "-" + Long.toHexString(crc.getValue());
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            LOG.warn(message);
        }
    }

    private void recovered(Settings settings) {
        if (lastProblem != null) {
            lastProblem = null;
            LOG.infof("%s are relayed to event hooks again", settings.what());
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
