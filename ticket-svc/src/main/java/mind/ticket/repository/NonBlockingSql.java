package mind.ticket.repository;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import mind.common.persistence.PgOptions;

/**
 * Statements that never block a thread: a small pool of the non-blocking PostgreSQL client, opened from the JDBC
 * datasource's URL and credentials ({@link PgOptions}) with the same schema and statement timeout, for the hottest
 * read (GET /ticket/{id}) and write (POST /ticket of a new ticket, one statement in autocommit). The request stays on
 * its event loop from the token check to the answer: no hand-over to a worker thread and back, no blocking socket
 * read. Statements are prepared once per connection and pipelined, so a handful of connections carries the load.
 *
 * <p>Failures reach the error mappers as the JDBC statements' would: PostgreSQL's own errors as an
 * {@link SQLException} with their SQL state (a statement timeout is 503 {@code database_busy}), and not reaching
 * the database at all (refused, closed, no connection free in time) as a {@link SQLTransientConnectionException}
 * (503 {@code database_unavailable} with {@code Retry-After}).
 */
@ApplicationScoped
public class NonBlockingSql {

    private final SqlClient client;

    public NonBlockingSql(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "mind.schema") String schema,
            @ConfigProperty(name = "mind.db.statement-timeout") String statementTimeout,
            @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout") Duration acquisitionTimeout,
            @ConfigProperty(name = "mind.nonblocking-sql.max-size", defaultValue = "4") int maxSize,
            @ConfigProperty(name = "mind.nonblocking-sql.pipelining-limit", defaultValue = "256") int pipeliningLimit) {
        PgConnectOptions options = PgOptions.fromJdbc(jdbcUrl, username, password)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(pipeliningLimit)
                // its meters as Quarkus names a reactive datasource's: sql_* with the client's name (unnamed: "m__*")
                .setMetricsName("sql|" + schema + "-non-blocking")
                .setProperties(Map.of("search_path", schema,
                        // in PostgreSQL's own syntax, as the JDBC pool passes it
                        "statement_timeout", statementTimeout,
                        "application_name", schema + " non-blocking"));
        PoolOptions poolOptions = new PoolOptions().setName(schema + "-non-blocking").setMaxSize(maxSize)
                .setConnectionTimeout((int) Math.max(1, acquisitionTimeout.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        // a pooled client, not a Pool: a Pool lends each statement a connection of its own, while the client sends
        // statements down a connection that is still waiting for earlier answers (PostgreSQL's pipelining)
        this.client = PgBuilder.client().with(poolOptions).connectingTo(options).using(vertx).build();
    }

    /**
     * Runs one prepared statement and maps its rows on the caller's event loop. The failure's translation and the
     * mapping happen on the client's own future, so the {@code Uni} is a single stage: every Mutiny stage is
     * wrapped for context propagation on the way in and out, which a GET pays per stage.
     */
    public <T> Uni<T> query(String sql, Tuple arguments, Function<RowSet<Row>, T> mapper) {
        return Uni.createFrom().completionStage(() -> client.preparedQuery(sql).execute(arguments)
                .<T>transform(done -> done.succeeded()
                        ? Future.succeededFuture(mapper.apply(done.result()))
                        : Future.failedFuture(translate(done.cause())))
                .toCompletionStage());
    }

    /**
     * The client's failure as the JDBC driver would report it, so that one classification serves both: PostgreSQL's
     * own errors with their SQL state; arguments that do not fit the statement (a bug here, not an outage) as an
     * {@link IllegalStateException}, answered 500; anything else as not reaching the database (503, retry).
     */
    static Exception translate(Throwable failure) {
        if (failure instanceof DatabaseException database) {
            return new SQLException(database.getMessage(), database.getSqlState(), failure);
        }
        String message = String.valueOf(failure.getMessage());
        // the client's own messages (ErrorMessageFactory) when a value's class or the number of values is wrong
        if (message.startsWith("Parameter at position") || message.startsWith("The number of parameters")) {
            return new IllegalStateException("A statement's arguments do not fit it: " + message, failure);
        }
        return new SQLTransientConnectionException("The database could not be reached: " + message, "08006", failure);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
