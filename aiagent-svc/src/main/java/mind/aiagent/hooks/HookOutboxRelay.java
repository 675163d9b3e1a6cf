package mind.aiagent.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.aiagent.config.AiAgentConfig;
import mind.aiagent.repository.HookOutboxRepository;
import mind.aiagent.repository.HookOutboxRepository.Leased;
import mind.common.client.Backoff;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.db.RelaxedCommit;
import mind.common.hooks.EventHookGateway;
import mind.common.hooks.HookEvents;

/**
 * Sends the {@code hook_outbox} rows ({@link HookOutbox}) to settings-svc's {@code POST /settings/event-hook/events}:
 * every replica runs it; a round leases due rows ({@code FOR UPDATE SKIP LOCKED}, so two replicas never send the same
 * rows at once), sends them in one call with no transaction held, and deletes them once settings-svc took them. Should
 * settings-svc not take them (unreachable, 5xx, the circuit open, the token refused) they are due again after a backoff
 * that doubles per attempt ({@link Backoff#doubling}). At least once: a replica that dies after sending leaves its
 * lease to run out and the rows go again under the same keys ({@code aiagent-event-<row id>}), which settings-svc runs
 * a hook once for.
 *
 * <p>Without a service token ({@code mind.aiagent.service-token}) nothing is sent, said once at INFO; the rows wait.
 */
@ApplicationScoped
public class HookOutboxRelay {

    private static final Logger LOG = Logger.getLogger(HookOutboxRelay.class);

    /** settings-svc takes at most this many events per call. */
    static final int EVENTS_PER_CALL = 100;
    static final String KEY_PREFIX = "aiagent-event-";

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

    private final HookOutboxRepository rows;
    private final EventHookGateway hooks;
    private final RelaxedCommit relaxed;
    private final AiAgentConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicBoolean toldNoToken = new AtomicBoolean();
    private volatile Listened listened;
    /** The last problem logged, so that a settings-svc that stays down is logged once, not every second. */
    private volatile String lastProblem;

    public HookOutboxRelay(HookOutboxRepository rows, EventHookGateway hooks, RelaxedCommit relaxed, AiAgentConfig config,
            ObjectMapper json, Clock clock) {
        this.rows = rows;
        this.hooks = hooks;
        this.relaxed = relaxed;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${mind.aiagent.hooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
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
        if (!config.hooks().enabled()) {
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

    private Round round() {
        if (!QuarkusTransaction.requiringNew().call(rows::anyDue)) {
            return Round.DONE;
        }
        String token = config.serviceToken().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            if (toldNoToken.compareAndSet(false, true)) {
                LOG.info("no service token (mind.aiagent.service-token): AI agent changes are not relayed to event hooks;"
                        + " they wait in hook_outbox");
            }
            return Round.DONE;
        }
        String authorization = "Bearer " + token;
        Set<String> types;
        try {
            types = listenedTypes(authorization);
        } catch (RemoteCallException | FaultToleranceException e) {
            problem("event hooks not read from settings-svc; AI agent changes wait: " + reason(e));
            return Round.DONE;
        }

        int batch = Math.max(1, Math.min(config.hooks().batch(), EVENTS_PER_CALL));
        List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> {
            // a lease lost in a crash only means the rows are sent again (settings-svc deduplicates by key)
            relaxed.forThisTransaction();
            return rows.lease(batch, config.hooks().lease());
        });
        if (leased.isEmpty()) {
            return Round.DONE;
        }
        List<Long> ids = leased.stream().map(Leased::id).toList();
        boolean more = leased.size() == batch;
        if (!types.contains(HookOutbox.AI_AGENT_CHANGED)) {
            // no hook listens: nothing would run, so nothing is sent
            delete(ids);
            return new Round(new Relayed(0, ids.size()), more);
        }

        List<HookEvents.Event> events = leased.stream().map(this::event).toList();
        String key = idempotencyKey(events);
        try {
            hooks.send(authorization, key, new HookEvents(events));
        } catch (RemoteRejectedException e) {
            if (e.status() == 401 || e.status() == 403) {
                problem("settings-svc refused this service's token (" + e.status() + "); AI agent changes wait");
                retryLater(leased, e.status() + " token refused");
                return Round.DONE;
            }
            // status and code only: the message may quote the events
            LOG.warnf("settings-svc rejected AI agent events %s (%d events): %d %s; they are kept in hook_outbox"
                    + " (rejected_at) and not sent again", key, ids.size(), e.status(), e.code());
            QuarkusTransaction.requiringNew().run(() -> rows.reject(ids, e.status() + " " + e.code()));
            return new Round(new Relayed(0, ids.size()), more);
        } catch (RemoteCallException | FaultToleranceException e) {
            problem("AI agent changes not handed to settings-svc, sent again after a backoff: " + reason(e));
            retryLater(leased, reason(e));
            return Round.DONE;
        } catch (RuntimeException e) {
            retryLater(leased, e.getClass().getSimpleName());
            throw e;
        }
        delete(ids);
        recovered();
        return new Round(new Relayed(ids.size(), 0), more);
    }

    private HookEvents.Event event(Leased row) {
        ObjectNode data;
        try {
            JsonNode node = json.readTree(row.data());
            data = node != null && node.isObject() ? (ObjectNode) node : json.createObjectNode();
        } catch (JsonProcessingException e) {
            // written by this service as JSON; should a row ever not be, its event still goes, without data
            data = json.createObjectNode().put("unreadable", true);
        }
        return new HookEvents.Event(row.type(), KEY_PREFIX + row.id(), row.occurredAt().toString(), data);
    }

    private void delete(List<Long> ids) {
        // a delete lost in a crash means one more send under the same keys
        QuarkusTransaction.requiringNew().run(() -> {
            relaxed.forThisTransaction();
            rows.delete(ids);
        });
    }

    /** Each row due again after the backoff of its own attempts (rows of one batch may have had different counts). */
    private void retryLater(List<Leased> leased, String error) {
        Map<Integer, List<Long>> byAttempts = leased.stream()
                .collect(Collectors.groupingBy(Leased::attempts, Collectors.mapping(Leased::id, Collectors.toList())));
        QuarkusTransaction.requiringNew().run(() -> byAttempts.forEach(
                (attempts, ids) -> rows.retryLater(ids, backoff(attempts), error)));
    }

    Duration backoff(int attempts) {
        return Backoff.doubling(config.hooks().backoff(), config.hooks().maxBackoff(), attempts);
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
        listened = new Listened(types, now.plus(config.hooks().typesTtl()));
        return types;
    }

    /**
     * {@code aiagent-hooks-<first id>-<last id>-<checksum of the keys>}: the same rows always under the same key, and
     * another choice of the same range under another.
     */
    static String idempotencyKey(List<HookEvents.Event> events) {
        CRC32 crc = new CRC32();
        for (HookEvents.Event e : events) {
            crc.update((e.key() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return "aiagent-hooks-" + events.get(0).key().substring(KEY_PREFIX.length()) + "-"
                + events.get(events.size() - 1).key().substring(KEY_PREFIX.length()) + "-" + Long.toHexString(crc.getValue());
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
            LOG.info("AI agent changes are relayed to event hooks again");
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
