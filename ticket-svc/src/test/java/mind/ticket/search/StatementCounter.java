package mind.ticket.search;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Sees every SQL statement Hibernate prepares (entity loads, JPQL and native queries alike), on any
 * thread; a test reads which ones ran between {@link #start()} and {@link #statements()}. Tests run
 * one request at a time, so what is recorded belongs to the request under test.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class StatementCounter implements StatementInspector {

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static volatile boolean recording;

    public static void start() {
        SEEN.clear();
        recording = true;
    }

    public static List<String> statements() {
        recording = false;
        return List.copyOf(SEEN);
    }

    @Override
    public String inspect(String sql) {
        if (recording) {
            SEEN.add(sql);
        }
        return sql;
    }
}
