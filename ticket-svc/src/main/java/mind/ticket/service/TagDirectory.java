package mind.ticket.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import mind.ticket.api.TicketView.TagRef;
import mind.ticket.client.RemoteTags;
import mind.ticket.client.SettingsGateway;
import mind.ticket.config.TagDirectoryConfig;

/**
 * The names of tags, which live in settings-svc, held in memory so that showing them on a ticket costs a map lookup
 * per tag and never a call. Stale while revalidating: a read answers with what is held and, when that is older than
 * {@code mind.ticket.tags.ttl} or lacks one of the ticket's tags, starts one call to settings-svc in the background
 * with the reader's own token (at most one at a time, and at most one per {@code min-refresh-interval}); the reads
 * after it get the new names. Only while no load has ever been tried may a read wait for one, at most
 * {@code first-load-wait}. When settings-svc cannot be reached or refuses, the names held are kept (none before the
 * first load: tags are shown with {@code name} null); a ticket read never fails or slows down because of it.
 *
 * <p>The names are replaced whole (an immutable map behind a volatile field), so a read sees one load or the next,
 * never a mix. The ages are measured with {@link System#nanoTime()}, which a change of the wall clock does not move.
 */
@ApplicationScoped
public class TagDirectory {

    private static final Logger LOG = Logger.getLogger(TagDirectory.class);

    /** A tag's names: its own, and the names of its parent chain and its own joined by {@code ": "}. */
    public record TagName(String name, String fullName) {
    }

    /** The names of one load, or none yet; never changed. */
    private record Names(Map<Long, TagName> byId, long loadedAt, boolean loaded) {
        static final Names NONE = new Names(Map.of(), 0, false);
    }

    /** One call to settings-svc; {@code ended} completes (never fails) when it has ended either way. */
    private static final class Refresh {
        final CompletableFuture<Void> ended = new CompletableFuture<>();
    }

    private final SettingsGateway settings;
    private final SecurityIdentity identity;
    private final TagDirectoryConfig config;
    private final long ttlNanos;
    private final long minIntervalNanos;

    private volatile Names names = Names.NONE;
    /** The call under way, if any: whoever sets it starts the call, so there is one at a time. */
    private final AtomicReference<Refresh> running = new AtomicReference<>();
    /** When the last call started ({@link System#nanoTime()}). */
    private volatile long lastStart;
    /** Whether a load has ended, either way: from then on no read waits for one. */
    private volatile boolean tried;
    /** Whether the last call failed (its failure is logged once, and its recovery). */
    private final AtomicBoolean failing = new AtomicBoolean();

    public TagDirectory(SettingsGateway settings, SecurityIdentity identity, TagDirectoryConfig config) {
        this.settings = settings;
        this.identity = identity;
        this.config = config;
        this.ttlNanos = config.ttl().toNanos();
        this.minIntervalNanos = config.minRefreshInterval().toNanos();
        this.lastStart = System.nanoTime() - minIntervalNanos;
    }

    /**
     * The ticket's tags with their names as held now, in the order of {@code ids}; {@code name} is null for a tag
     * the directory does not know. Starts a refresh in the background when one is due; never waits and never fails.
     */
    public List<TagRef> refs(List<Long> ids) {
        int count = ids.size();
        if (count == 0) {
            return List.of();
        }
        Names held = names;
        boolean unknown = false;
        TagRef[] refs = new TagRef[count];
        for (int i = 0; i < count; i++) {
            Long id = ids.get(i);
            TagName tag = held.byId().get(id);
            if (tag == null) {
                unknown = true;
            }
            refs[i] = new TagRef(id, tag == null ? null : tag.name());
        }
        if (unknown || stale(held)) {
            refresh();
        }
        return List.of(refs);
    }

    /** Whether the names held are due for a refresh: never loaded, or older than {@code mind.ticket.tags.ttl}. */
    public boolean stale() {
        return stale(names);
    }

    private boolean stale(Names held) {
        return !held.loaded() || System.nanoTime() - held.loadedAt() >= ttlNanos;
    }

    /**
     * Whether a read may answer at once: a load has been tried (successful or not). Until then a read waits for the
     * first one ({@link #firstLoad()}, {@link #awaitFirstLoad()}).
     */
    public boolean ready() {
        return tried;
    }

    /**
     * Completes when the first load has ended, or after {@code first-load-wait} (then the load goes on in the
     * background); at once when a load has been tried already or none can start. Starts the load when none runs.
     * Never fails, never blocks: on an event loop it completes on the caller's Vert.x context, where the request's
     * CDI context lives.
     */
    public Uni<Void> firstLoad() {
        Refresh first = firstRefresh();
        if (first == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> wait = Uni.createFrom().completionStage(first.ended).ifNoItem().after(config.firstLoadWait())
                .recoverWithItem((Void) null);
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return wait;
        }
        // the call ends on whichever thread read its answer, the wait on a timer thread: back to this request
        return wait.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** {@link #firstLoad()} for a worker thread: blocks at most {@code first-load-wait}. Never on an event loop. */
    public void awaitFirstLoad() {
        Refresh first = firstRefresh();
        if (first == null) {
            return;
        }
        try {
            first.ended.get(config.firstLoadWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // answered without names; the load goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first load to wait for, started if need be; null when a load was tried already or none can start. */
    private Refresh firstRefresh() {
        if (tried) {
            return null;
        }
        Refresh first = running.get();
        if (first == null) {
            first = refresh();
        }
        return tried ? null : first;
    }

    /**
     * Starts a call to settings-svc unless one runs, the last started less than {@code min-refresh-interval} ago, or
     * the caller has no token to make it with.
     *
     * @return the call started, or the one running; null when none runs
     */
    private Refresh refresh() {
        // the common case of a stale or incomplete directory: a call runs already, or one ran a moment ago; answered
        // without allocating, since every read of such a ticket comes here
        Refresh under = running.get();
        if (under != null) {
            return under;
        }
        if (System.nanoTime() - lastStart < minIntervalNanos) {
            return null;
        }
        // the token first: only a call that will really be made ever holds the slot (a reader waiting for the first
        // load waits for that call, never for a slot taken and given back)
        String authorization = callerAuthorization();
        if (authorization == null) {
            return null;
        }
        Refresh refresh = new Refresh();
        if (!running.compareAndSet(null, refresh)) {
            return running.get();
        }
        // checked again after taking the slot: a call that ended just before does not make a second one
        long now = System.nanoTime();
        if (now - lastStart < minIntervalNanos) {
            running.compareAndSet(refresh, null);
            refresh.ended.complete(null);
            return null;
        }
        lastStart = now;
        try {
            settings.tags(authorization).subscribe().with(tags -> loaded(refresh, tags), failure -> failed(refresh, failure));
        } catch (RuntimeException e) {
            failed(refresh, e);
        }
        return refresh;
    }

    /*
     * loaded, failed, ended and forget hold the directory's lock: a call ending while forget() resets the directory
     * cannot write its names or "tried" after the reset (a check of the slot and the write that follows it are one
     * step). They run once per call, never on a read.
     */
    private synchronized void loaded(Refresh refresh, List<RemoteTags.Tag> tags) {
        if (running.get() == refresh) {
            Map<Long, TagName> byId = new HashMap<>(tags.size() * 4 / 3 + 1);
            for (RemoteTags.Tag tag : tags) {
                if (tag != null && tag.id() != null) {
                    byId.put(tag.id(), new TagName(tag.name(), tag.fullName()));
                }
            }
            names = new Names(Map.copyOf(byId), System.nanoTime(), true);
            if (failing.compareAndSet(true, false)) {
                LOG.infof("%s answers again; tickets show its tag names (%d tags)", SettingsGateway.SERVICE, byId.size());
            }
        }
        ended(refresh);
    }

    private synchronized void failed(Refresh refresh, Throwable failure) {
        if (running.get() == refresh && failing.compareAndSet(false, true)) {
            LOG.warnf("%s could not be asked for tag names (%s); tickets show the names read before (none before the "
                    + "first load) until it answers again", SettingsGateway.SERVICE, failure.getMessage());
        }
        ended(refresh);
    }

    private synchronized void ended(Refresh refresh) {
        if (running.get() == refresh) {
            tried = true;
            running.compareAndSet(refresh, null);
        }
        refresh.ended.complete(null);
    }

    /**
     * The {@code Authorization} of the request being served, to call settings-svc with (a browser's token comes as a
     * cookie, so it is taken from the verified identity, not from the header); null outside a request or without a
     * token.
     */
    private String callerAuthorization() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            if (identity.isAnonymous()) {
                return null;
            }
            TokenCredential token = identity.getCredential(TokenCredential.class);
            return token == null ? null : "Bearer " + token.getToken();
        } catch (RuntimeException e) {
            // no identity at hand: no refresh now, the next request tries
            return null;
        }
    }

    /** Forgets the names and the call under way, as just after the start (tests change settings-svc's tags). */
    public synchronized void forget() {
        Refresh under = running.getAndSet(null);
        names = Names.NONE;
        tried = false;
        failing.set(false);
        lastStart = System.nanoTime() - minIntervalNanos;
        if (under != null) {
            under.ended.complete(null);
        }
    }
}
