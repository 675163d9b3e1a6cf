package mind.common.db;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Common's own migrations (the tables of {@code mind.common}, such as {@code idempotency_key}) in
 * every service's schema, with a history of their own: {@value #TABLE}, next to the service's
 * {@code flyway_schema_history}. A change to a common table is a new file in
 * {@value #LOCATION}, listed in {@link #MIGRATIONS}; it never touches the version numbers of any
 * service, so a common change cannot collide with a service's V2 or break a service whose V1 ran.
 *
 * <h2>Why V0_1 stays where it is</h2>
 * {@code db/common/V0_1__idempotency_key.sql} was applied through the services' own histories
 * (their {@code quarkus.flyway.locations} include {@code db/common}), so every existing database has
 * 0.1 recorded in {@code flyway_schema_history}. Moving the file would make each service's
 * validation fail with "applied migration not resolved locally", and repairing that means editing
 * the history of every service database. So the file stays, frozen, in the services' locations:
 * it creates the table on a fresh database exactly as it did on the existing ones. Common's own
 * history is baselined at 0.1 (meaning "V0_1 is in place") and carries every change from 0.2 on.
 *
 * <h2>When it runs</h2>
 * After the service's migrations, as a callback of Quarkus' own Flyway run: at start, before
 * requests are served ({@link StartupMigrations}, when the histories differ from the files), and whenever that Flyway
 * migrates. Both paths, a fresh database and one that has today's history, are one: the service's
 * run ensures V0_1, then the first run here finds a non-empty schema without {@value #TABLE} and
 * baselines at 0.1. {@code quarkus.flyway.clean-at-start} drops {@value #TABLE} with the rest of
 * the schema, so a clean start rebuilds both histories.
 */
@Singleton
public class CommonMigrations implements FlywayConfigurationCustomizer, Callback {

    /** Common's history table, in the service's schema. */
    public static final String TABLE = "mind_common_schema_history";
    public static final String LOCATION = "db/mind-common";
    /**
     * The files in {@value #LOCATION}, oldest first. Listed rather than scanned: classpath scanning
     * of a library's folder is not reliable under Quarkus' class loaders (and not possible in a
     * native image), while reading a named resource always is. A test checks the list against the
     * folder.
     */
    public static final List<String> MIGRATIONS = List.of(
            "V0_2__idempotency_key_headers.sql");
    /** The version that {@code db/common/V0_1__idempotency_key.sql}, in the service's history, stands for. */
    static final String BASELINE_VERSION = "0.1";

    /** Quarkus calls this for the default datasource's Flyway before it creates it. */
    @Override
    public void customize(FluentConfiguration configuration) {
        Callback[] callbacks = Arrays.copyOf(configuration.getCallbacks(), configuration.getCallbacks().length + 1);
        callbacks[callbacks.length - 1] = this;
        configuration.callbacks(callbacks);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        // works on connections of its own, never on the one of the service's run
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        migrate(context.getConfiguration());
    }

    @Override
    public String getCallbackName() {
        return "mind common migrations";
    }

    /** Brings common's tables in the schema(s) of {@code service}'s Flyway to the newest version. */
    public static MigrateResult migrate(Configuration service) {
        return Flyway.configure(CommonMigrations.class.getClassLoader())
                .dataSource(service.getDataSource())
                .schemas(service.getSchemas())
                .defaultSchema(service.getDefaultSchema())
                // the schema is the service's: created (and cleaned) by its Flyway, never by this one
                .createSchemas(false)
                .table(TABLE)
                .locations("classpath:" + LOCATION)
                .resourceProvider(new ListedMigrations())
                .javaMigrationClassProvider(List::of)
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE_VERSION)
                // Flyway writes this into its create script unquoted: no apostrophes
                .baselineDescription("idempotency_key, made by db/common/V0_1 in the service history")
                .load()
                .migrate();
    }

    /** The files of {@link #MIGRATIONS}, read by name from common's jar. */
    private static final class ListedMigrations implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            return MIGRATIONS.contains(name) ? new ClassPathMigration(LOCATION, name, CommonMigrations.class.getClassLoader()) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return MIGRATIONS.stream()
                    .filter(name -> name.startsWith(prefix) && Stream.of(suffixes).anyMatch(name::endsWith))
                    .<LoadableResource>map(name -> new ClassPathMigration(LOCATION, name, CommonMigrations.class.getClassLoader()))
                    .toList();
        }
    }
}
