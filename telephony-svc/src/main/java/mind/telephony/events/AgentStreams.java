package mind.telephony.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import mind.common.error.ApiException;
import mind.telephony.config.EventStreamConfig;
import mind.telephony.config.TelephonyConfig;
import mind.telephony.repository.AgentEventRepository;
import mind.telephony.repository.AgentEventRepository.AgentEvent;

/**
 * The agents' event streams open on this replica. Nothing here is the source of truth: events live in
 * {@code agent_event}, and a stream only remembers the id of the last event it sent. Whenever the
 * listener hears that an agent has new events ({@link AgentEventListener}, PostgreSQL NOTIFY from any
 * replica), each of that agent's streams here reads the rows after its last id and sends them. The same
 * read serves a reconnecting browser ({@code Last-Event-ID}) and the gap after the listener lost its
 * connection, so no path needs its own buffering.
 */
@ApplicationScoped
public class AgentStreams {

    private static final Logger LOG = Logger.getLogger(AgentStreams.class);

    private final Map<Long, Deque<Stream>> byAgent = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AgentEventRepository events;
    private final EventStreamConfig config;
    private final TelephonyConfig telephony;
    private final ObjectMapper json;
    private final Clock clock;
    /** Reads run off the event loop: the stream's own thread is not ours to block. */
    private final Executor worker = Infrastructure.getDefaultWorkerPool();

    public AgentStreams(AgentEventRepository events, EventStreamConfig config, TelephonyConfig telephony, ObjectMapper json,
            Clock clock) {
        this.events = events;
        this.config = config;
        this.telephony = telephony;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Opens a stream for the agent. It starts with {@code {"type":"connected"}} whose id is where it stands:
     * after the agent's newest event, or after {@code lastEventId} when that is older (a reconnect), in which
     * case the events since then follow at once. The stream ends when the token expires (the browser
     * reconnects with a fresh one), when the agent opens more than the allowed number, or when the client
     * goes away.
     */
    public Multi<OutboundSseEvent> open(long userId, Long lastEventId, Instant expiresAt, Sse sse) {
        if (open.get() >= config.maxStreams()) {
            throw ApiException.unavailable("This replica holds the most event streams it may; connect again later.",
                    telephony.retryAfterSeconds());
        }
        long latest = QuarkusTransaction.requiringNew().call(() -> events.latestId(userId));
        long start = lastEventId == null ? latest : Math.min(lastEventId, latest);
        return Multi.createFrom().emitter(emitter -> attach(new Stream(userId, start, expiresAt, sse, emitter)));
    }

    private void attach(Stream stream) {
        stream.emitter.onTermination(() -> detach(stream));
        Stream replaced = null;
        Deque<Stream> streams = byAgent.computeIfAbsent(stream.userId, id -> new ArrayDeque<>());
        synchronized (streams) {
            streams.addLast(stream);
            open.incrementAndGet();
            if (streams.size() > config.maxStreamsPerAgent()) {
                replaced = streams.peekFirst();
            }
        }
        if (replaced != null) {
            // most likely a tab or client that is gone without the connection being noticed yet
            replaced.close("replaced");
        }
        stream.send(message(stream.sse, Long.toString(stream.lastSent),
                toJson(Map.of("type", "connected", "userId", stream.userId))));
        worker.execute(() -> catchUp(stream));
    }

    private void detach(Stream stream) {
        stream.done = true;
        Deque<Stream> streams = byAgent.get(stream.userId);
        if (streams == null) {
            return;
        }
        synchronized (streams) {
            if (streams.remove(stream)) {
                open.decrementAndGet();
            }
            if (streams.isEmpty()) {
                byAgent.remove(stream.userId, streams);
            }
        }
    }

    /** The agent has new events (a notification from some replica): its streams here fetch them. */
    public void notified(long userId) {
        for (Stream stream : streamsOf(userId)) {
            worker.execute(() -> catchUp(stream));
        }
    }

    /** After the listener (re)subscribed: notifications may have been missed meanwhile, so every stream looks. */
    public void catchUpAll() {
        for (Long userId : List.copyOf(byAgent.keySet())) {
            notified(userId);
        }
    }

    /** Streams open on this replica (all agents). */
    public int openStreams() {
        return open.get();
    }

    private List<Stream> streamsOf(long userId) {
        Deque<Stream> streams = byAgent.get(userId);
        if (streams == null) {
            return List.of();
        }
        synchronized (streams) {
            return new ArrayList<>(streams);
        }
    }

    /** Sends the stream every event after the last one it sent; one reader per stream at a time, so ids stay in order. */
    void catchUp(Stream stream) {
        stream.reading.lock();
        try {
            while (!stream.done) {
                long after = stream.lastSent;
                List<AgentEvent> batch = QuarkusTransaction.requiringNew()
                        .call(() -> events.after(stream.userId, after, config.replayWindow(), config.batch()));
                for (AgentEvent event : batch) {
                    if (!stream.send(message(stream.sse, Long.toString(event.id()), event.payload()))) {
                        return;
                    }
                    stream.lastSent = event.id();
                }
                if (batch.size() < config.batch()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the next notification, or the browser's reconnect with Last-Event-ID, picks up from lastSent
            LOG.warnf("reading events of agent %d failed: %s", stream.userId, e.getMessage());
        } finally {
            stream.reading.unlock();
        }
    }

    /** A comment line on every stream, so that idle streams stay open through proxies; ends streams whose token expired. */
    @Scheduled(every = "${mind.telephony.events.heartbeat:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        Instant now = Instant.now(clock);
        for (Long userId : List.copyOf(byAgent.keySet())) {
            for (Stream stream : streamsOf(userId)) {
                if (stream.expiresAt != null && !now.isBefore(stream.expiresAt)) {
                    stream.close("tokenExpired");
                } else {
                    stream.send(stream.sse.newEventBuilder().comment("heartbeat").build());
                }
            }
        }
    }

    /** Events older than the replay window are of no use to anyone. Every replica runs it; deleting twice is harmless. */
    @Scheduled(every = "${mind.telephony.events.prune-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void prune() {
        try {
            QuarkusTransaction.requiringNew().run(() -> events.prune(config.replayWindow()));
        } catch (RuntimeException e) {
            LOG.warnf("pruning agent events failed; the next round retries: %s", e.getMessage());
        }
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSE message: {@code id} (may be null, then the client keeps its last one) and the JSON data. */
    private static OutboundSseEvent message(Sse sse, String id, String data) {
        var builder = sse.newEventBuilder().mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data);
        if (id != null) {
            builder.id(id);
        }
        return builder.build();
    }

    /** One open stream: its client, and the id of the last event it was sent. */
    static final class Stream {
        final long userId;
        final Instant expiresAt;
        final Sse sse;
        final MultiEmitter<? super OutboundSseEvent> emitter;
        final ReentrantLock reading = new ReentrantLock();
        volatile long lastSent;
        volatile boolean done;

        Stream(long userId, long lastSent, Instant expiresAt, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
            this.userId = userId;
            this.lastSent = lastSent;
            this.expiresAt = expiresAt;
            this.sse = sse;
            this.emitter = emitter;
        }

        /** False once the stream has ended. */
        synchronized boolean send(OutboundSseEvent event) {
            if (done || emitter.isCancelled()) {
                return false;
            }
            emitter.emit(event);
            return true;
        }

        synchronized void close(String reason) {
            if (done) {
                return;
            }
            send(message(sse, null, "{\"type\":\"closed\",\"reason\":\"" + reason + "\"}"));
            done = true;
            emitter.complete();
        }
    }
}
