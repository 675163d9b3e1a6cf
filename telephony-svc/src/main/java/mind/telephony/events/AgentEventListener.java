package mind.telephony.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
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

    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]*)(?:\\?(.*))?$");

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
        PgConnectOptions options;
        if (config.listenUrl().isPresent()) {
            options = PgConnectOptions.fromUri(config.listenUrl().get());
        } else {
            Matcher m = JDBC_URL.matcher(jdbcUrl);
            if (!m.matches()) {
                throw new IllegalStateException("mind.telephony.events.listen-url must be set: quarkus.datasource.jdbc.url "
                        + "is not of the form jdbc:postgresql://host[:port]/database");
            }
            options = new PgConnectOptions().setHost(m.group(1))
                    .setPort(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))
                    .setDatabase(m.group(3));
            if (m.group(4) != null) {
                // user and password may be given in the URL's parameters, as JDBC allows
                for (String param : m.group(4).split("&")) {
                    int eq = param.indexOf('=');
                    if (eq > 0) {
                        String value = java.net.URLDecoder.decode(param.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                        switch (param.substring(0, eq)) {
                            case "user" -> options.setUser(value);
                            case "password" -> options.setPassword(value);
                            // as libpq reads it: require/prefer/allow encrypt without checking the certificate
                            case "sslmode" -> {
                                SslMode mode = SslMode.of(value);
                                options.setSslMode(mode);
                                if (mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW) {
                                    options.setTrustAll(true);
                                }
                            }
                            default -> {
                                // connection tuning of the JDBC driver; not needed for LISTEN
                            }
                        }
                    }
                }
            }
        }
        if (config.listenUrl().isEmpty()) {
            username.ifPresent(options::setUser);
            password.ifPresent(options::setPassword);
        }
        return options;
    }

}
