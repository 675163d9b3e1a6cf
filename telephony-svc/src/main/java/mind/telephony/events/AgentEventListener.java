package mind.telephony.events;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import mind.common.persistence.PgOptions;
import mind.telephony.config.EventStreamConfig;

/**
 * This replica's ear for agent events: one PostgreSQL connection (the reactive client's
 * {@link PgSubscriber}) that LISTENs on {@value #CHANNEL}. The trigger that writes an agent's event
 * notifies {@code "<userId>:<eventId>"} on commit, to every replica; the one holding that agent's
 * streams reads the event from the table ({@link AgentStreams#notified}). A lost connection is
 * re-established after {@code mind.telephony.events.reconnect-delay}, and every stream then catches
 * up from the table, so nothing sent meanwhile is lost.
 */
@ApplicationScoped
public class AgentEventListener {

    private static final Logger LOG = Logger.getLogger(AgentEventListener.class);

    /** The channel the V6 trigger notifies (database-wide, hence the schema's name in it). */
    public static final String CHANNEL = "telephony_agent_event";

    private final AgentStreams streams;
    private final EventStreamConfig config;
    private final Vertx vertx;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public AgentEventListener(AgentStreams streams, EventStreamConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.streams = streams;
        this.config = config;
        this.vertx = vertx;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent started) {
        PgSubscriber s = PgSubscriber.subscriber(vertx, connectOptions())
                // never give up: without the listener this replica's streams would fall silent
                .reconnectPolicy(attempts -> config.reconnectDelay().toMillis());
        s.channel(CHANNEL)
                .handler(this::onNotification)
                .subscribeHandler(subscribed -> {
                    LOG.debug("listening for agent events");
                    // notifications sent while the connection was down are lost: every stream reads what it missed
                    streams.catchUpAll();
                });
        subscriber = s;
        connect(s);
    }

    private void connect(PgSubscriber s) {
        if (stopped) {
            return;
        }
        s.connect().onFailure(e -> {
            // a lost connection is re-established by the reconnect policy; a first connection that
            // failed is not, and the subscriber must be closed before it may connect again
            LOG.warnf("agent event listener cannot connect (%s); trying again in %s", e.getMessage(), config.reconnectDelay());
            s.close().onComplete(closed -> vertx.setTimer(config.reconnectDelay().toMillis(), t -> connect(s)));
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close();
        }
    }

    /** Whether the listener's connection is up (for tests and diagnostics). */
    public boolean listening() {
        PgSubscriber s = subscriber;
        return s != null && !s.closed() && s.actualConnection() != null;
    }

    private void onNotification(String payload) {
        int colon = payload.indexOf(':');
        try {
            streams.notified(Long.parseLong(colon < 0 ? payload : payload.substring(0, colon)));
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring a malformed agent event notification: %s", payload);
        }
    }

    /** The listener's connection: {@code listen-url}, else the JDBC datasource's host, port, database and credentials. */
    PgConnectOptions connectOptions() {
        if (config.listenUrl().isPresent()) {
            return PgConnectOptions.fromUri(config.listenUrl().get());
        }
        try {
            return PgOptions.fromJdbc(jdbcUrl, username, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mind.telephony.events.listen-url must be set: " + e.getMessage(), e);
        }
    }
}
