package mind.telephony.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import mind.telephony.config.EventStreamConfig;

/** The listener connects where the JDBC datasource does: host, port, database, credentials and SSL from its URL. */
class AgentEventListenerOptionsTest {

    private static EventStreamConfig config(Optional<String> listenUrl) {
        return new EventStreamConfig() {
            public Duration replayWindow() { return Duration.ofMinutes(5); }
            public Duration heartbeat() { return Duration.ofSeconds(20); }
            public String pruneEvery() { return "60s"; }
            public int maxStreamsPerAgent() { return 5; }
            public int maxStreams() { return 2000; }
            public int batch() { return 100; }
            public Optional<String> listenUrl() { return listenUrl; }
            public Duration reconnectDelay() { return Duration.ofSeconds(1); }
        };
    }

    private static PgConnectOptions options(String jdbcUrl, Optional<String> user, Optional<String> password,
            Optional<String> listenUrl) {
        return new AgentEventListener(null, config(listenUrl), null, jdbcUrl, user, password).connectOptions();
    }

    @Test
    void readsTheJdbcUrl() {
        PgConnectOptions o = options("jdbc:postgresql://db.example:6543/mind?user=u&password=p%40ss&sslmode=require&ApplicationName=x",
                Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals("db.example", o.getHost());
        assertEquals(6543, o.getPort());
        assertEquals("mind", o.getDatabase());
        assertEquals("u", o.getUser());
        assertEquals("p@ss", o.getPassword());
        assertEquals(SslMode.REQUIRE, o.getSslMode());
    }

    @Test
    void theDatasourceCredentialsWinAndThePortDefaults() {
        PgConnectOptions o = options("jdbc:postgresql://localhost/postgres?user=postgres", Optional.of("telephony"),
                Optional.of("secret"), Optional.empty());
        assertEquals(5432, o.getPort());
        assertEquals("telephony", o.getUser());
        assertEquals("secret", o.getPassword());
    }

    @Test
    void aListenUrlIsTakenAsItIs() {
        PgConnectOptions o = options("jdbc:postgresql://a,b/x", Optional.of("ignored"), Optional.empty(),
                Optional.of("postgresql://listener:pw@pg.internal:5433/mind"));
        assertEquals("pg.internal", o.getHost());
        assertEquals(5433, o.getPort());
        assertEquals("listener", o.getUser());
    }

    @Test
    void aUrlItCannotReadAsksForAListenUrl() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> options("jdbc:postgresql://a:1,b:2/x", Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(true, e.getMessage().contains("mind.telephony.events.listen-url"));
    }
}
