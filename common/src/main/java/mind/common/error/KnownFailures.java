package mind.common.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognises, anywhere in a failure's cause chain, the failures that are not bugs: a lost
 * optimistic-lock race, a unique violation, a lock or statement timeout, a database that is down
 * or a connection pool that is exhausted. Such failures often arrive wrapped, for example a flush
 * at commit inside {@code jakarta.transaction.RollbackException} inside ArC's
 * {@code ArcUndeclaredThrowableException}, so the whole chain is read, outermost first.
 *
 * <p>Everything is recognised by type or by SQL state, never by message text.
 */
public final class KnownFailures {

    /** Seconds a client is asked to wait before retrying after a timeout or an exhausted pool. */
    static final int RETRY_AFTER_SECONDS = 2;

    public static final String VERSION_CONFLICT = "version_conflict";
    public static final String PRECONDITION_FAILED = "precondition_failed";
    public static final String DUPLICATE = "duplicate";
    public static final String DATABASE_BUSY = "database_busy";
    public static final String DATABASE_UNAVAILABLE = "database_unavailable";

    /** PostgreSQL's detail of a unique violation: {@code Key (external_ticket_id)=(ext-1) already exists.} */
    private static final Pattern KEY_DETAIL = Pattern.compile("^Key \\((.+?)\\)=");
    /** Suffixes PostgreSQL and people give unique constraints and indexes. */
    private static final Pattern CONSTRAINT_SUFFIX = Pattern.compile("_(key|ukey|uq|unique|idx|index)$");

    private KnownFailures() {
    }

    /**
     * The answer for a known failure, or empty for a bug.
     *
     * @param ifMatch whether the request carried {@code If-Match}: a lost optimistic-lock race is
     *                then the client's precondition failing (412), else a plain conflict (409)
     */
    public static Optional<ApiException> classify(Throwable failure, boolean ifMatch) {
        for (Throwable t : chain(failure)) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            if (isOptimisticLockFailure(t)) {
                return Optional.of(ifMatch
                        ? new ApiException(412, PRECONDITION_FAILED,
                                "The object was changed since the version named in If-Match; read it again")
                        : new ApiException(409, VERSION_CONFLICT,
                                "The object was changed by another request at the same time; read it again and retry"));
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return Optional.of(unavailable());
            }
            if (t instanceof SQLException sql) {
                Optional<ApiException> known = classify(sql);
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ApiException> classify(SQLException first) {
        // a batch reports the statement's own failure as the next exception
        for (SQLException sql = first; sql != null; sql = sql.getNextException() == sql ? null : sql.getNextException()) {
            if (isPoolExhausted(sql)) {
                return Optional.of(unavailable());
            }
            String state = sql.getSQLState();
            if (state == null) {
                continue;
            }
            switch (state) {
                case "23505": // unique_violation
                    return Optional.of(duplicate(uniqueFields(sql)));
                case "55P03": // lock_not_available (lock_timeout)
                case "57014": // query_canceled (statement_timeout)
                case "40001": // serialization_failure
                case "40P01": // deadlock_detected
                    return Optional.of(new ApiException(503, DATABASE_BUSY,
                            "The database is busy; retry shortly", List.of(), RETRY_AFTER_SECONDS));
                case "53300": // too_many_connections
                case "57P01": // admin_shutdown
                case "57P03": // cannot_connect_now
                    return Optional.of(unavailable());
                default:
                    if (state.startsWith("08")) { // connection exceptions
                        return Optional.of(unavailable());
                    }
            }
        }
        return Optional.empty();
    }

    static boolean isOptimisticLockFailure(Throwable t) {
        return t instanceof jakarta.persistence.OptimisticLockException
                || t instanceof org.hibernate.StaleStateException
                || t instanceof org.hibernate.dialect.lock.OptimisticEntityLockException;
    }

    /**
     * No pooled connection came free in time. Agroal (checked in 3.0.1) throws a plain
     * {@link SQLException} without SQL state from {@code io.agroal.pool}, so it is recognised by
     * exactly that: its class, its missing state and the class that threw it. Pools that use the
     * JDBC type for it ({@link SQLTransientConnectionException}) are recognised by the type.
     */
    static boolean isPoolExhausted(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        if (e.getClass() != SQLException.class || e.getSQLState() != null) {
            return false;
        }
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.pool.");
    }

    private static ApiException unavailable() {
        return new ApiException(503, DATABASE_UNAVAILABLE, "The database is unavailable or busy; retry shortly", List.of(),
                RETRY_AFTER_SECONDS);
    }

    private static ApiException duplicate(List<String> fields) {
        if (fields.isEmpty()) {
            return new ApiException(409, DUPLICATE, "An object with these values already exists");
        }
        List<FieldError> details = fields.stream().map(f -> new FieldError(f, "is already taken by another object")).toList();
        return new ApiException(409, DUPLICATE, "Another object already has this " + String.join(" and ", fields),
                details, null);
    }

    /**
     * The API fields of a unique violation, from PostgreSQL's detail ({@code Key (a, b)=(...)}), or
     * else from the constraint's name without its table prefix and suffix. Columns are snake_case
     * spellings of the API's camelCase fields ({@code external_ticket_id} is {@code externalTicketId}).
     */
    static List<String> uniqueFields(SQLException e) {
        String detail = null;
        String constraint = null;
        String table = null;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage message = psql.getServerErrorMessage();
            detail = message.getDetail();
            constraint = message.getConstraint();
            table = message.getTable();
        }
        return uniqueFields(detail, constraint, table);
    }

    static List<String> uniqueFields(String detail, String constraint, String table) {
        List<String> fields = new ArrayList<>();
        Matcher key = detail == null ? null : KEY_DETAIL.matcher(detail);
        if (key != null && key.find()) {
            for (String column : key.group(1).split(",")) {
                String name = column.strip();
                if (name.matches("[a-z_][a-z0-9_]*")) { // an expression index names no single column
                    fields.add(camelCase(name));
                }
            }
            return fields;
        }
        if (constraint != null) {
            String name = constraint;
            if (table != null && name.startsWith(table + "_")) {
                name = name.substring(table.length() + 1);
            }
            name = CONSTRAINT_SUFFIX.matcher(name).replaceFirst("");
            if (name.matches("[a-z_][a-z0-9_]*")) {
                fields.add(camelCase(name));
            }
        }
        return fields;
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = !out.isEmpty();
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * The failure, its causes, and then what was suppressed along the way with their causes: a commit that
     * fails because the database went away arrives as a {@code RollbackException} whose only trace of the
     * SQL state is a suppressed {@code XAException} caused by the driver's exception.
     */
    static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        for (int i = 0; i < chain.size(); i++) {
            for (Throwable suppressed : chain.get(i).getSuppressed()) {
                for (Throwable t = suppressed; t != null && seen.add(t); t = t.getCause()) {
                    chain.add(t);
                }
            }
        }
        return chain;
    }
}
