package mind.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Common's migrations against a real PostgreSQL, through Flyway configured as Quarkus configures it
 * for a service ({@code quarkus.flyway.*} in common's microprofile-config.properties): the schema of
 * a database made by the configuration before common had a history of its own is brought to the
 * new state, a fresh schema gets there too, and a clean start (as in tests) rebuilds both histories.
 */
class CommonMigrationsTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** A service's Flyway as configured before common's history existed: V0_1 ran in the service's history. */
    private static FluentConfiguration before(String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/test-service", "classpath:db/common");
    }

    /** The same service's Flyway now: the same locations, with common's callback added as Quarkus adds it. */
    private static Flyway now(String schema) {
        FluentConfiguration configuration = before(schema).cleanDisabled(false);
        new CommonMigrations().customize(configuration);
        return configuration.load();
    }

    @Test
    void aSchemaWithTodaysHistoryIsMigratedToTheNewState() throws SQLException {
        String schema = "existing_service";
        before(schema).load().migrate();
        assertEquals(List.of("0 SCHEMA", "0.1 SQL", "1 SQL"), history(schema, "flyway_schema_history"));
        assertEquals(0, count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename = '"
                + CommonMigrations.TABLE + "'"));
        execute("insert into " + schema + ".idempotency_key (scope, idem_key, fingerprint, status, body) "
                + "values ('alice', 'k1', 'f', 200, '{\"id\":1}')");

        Flyway flyway = now(schema);
        assertTrue(flyway.validateWithResult().validationSuccessful,
                "the service's history, with 0.1 in it, is still valid with today's locations");
        flyway.migrate();

        assertEquals(List.of("0 SCHEMA", "0.1 SQL", "1 SQL"), history(schema, "flyway_schema_history"),
                "common's change stays out of the service's history");
        assertEquals(List.of("0.1 BASELINE", "0.2 SQL"), history(schema, CommonMigrations.TABLE));
        assertEquals("jsonb", headersColumnType(schema));
        assertEquals(1, count("select count(*) from " + schema + ".idempotency_key where idem_key = 'k1' "
                + "and body = '{\"id\":1}' and headers is null"), "stored responses survive the migration");

        // the next start: nothing left to do, and both histories still validate
        assertEquals(0, now(schema).migrate().migrationsExecuted);
        assertEquals(List.of("0.1 BASELINE", "0.2 SQL"), history(schema, CommonMigrations.TABLE));
        assertTrue(now(schema).validateWithResult().validationSuccessful);
    }

    @Test
    void aFreshSchemaGetsBothHistories() throws SQLException {
        String schema = "fresh_service";
        now(schema).migrate();

        assertEquals(List.of("0 SCHEMA", "0.1 SQL", "1 SQL"), history(schema, "flyway_schema_history"));
        assertEquals(List.of("0.1 BASELINE", "0.2 SQL"), history(schema, CommonMigrations.TABLE));
        assertEquals("jsonb", headersColumnType(schema));
        execute("insert into " + schema + ".idempotency_key (scope, idem_key, fingerprint, status, body, headers) "
                + "values ('alice', 'k1', 'f', 200, '{}', '{\"ETag\":\"\\\"1\\\"\"}')");
    }

    @Test
    void aCleanStartRebuildsBothHistories() throws SQLException {
        String schema = "cleaned_service";
        now(schema).migrate();
        execute("insert into " + schema + ".idempotency_key (scope, idem_key, fingerprint, status) values ('a', 'k', 'f', 200)");

        // what %test.quarkus.flyway.clean-at-start does before migrate-at-start
        Flyway flyway = now(schema);
        flyway.clean();
        flyway.migrate();

        assertEquals(List.of("0.1 BASELINE", "0.2 SQL"), history(schema, CommonMigrations.TABLE));
        assertEquals("jsonb", headersColumnType(schema));
        assertEquals(0, count("select count(*) from " + schema + ".idempotency_key"));
    }

    @Test
    void everyFileInTheFolderIsListed() throws IOException, URISyntaxException {
        URL folder = CommonMigrations.class.getClassLoader().getResource(CommonMigrations.LOCATION);
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertEquals(files.map(path -> path.getFileName().toString()).sorted().toList(),
                    CommonMigrations.MIGRATIONS.stream().sorted().toList(),
                    "CommonMigrations.MIGRATIONS names exactly the files in " + CommonMigrations.LOCATION);
        }
    }

    // --- database helpers ---------------------------------------------------------------------

    private static List<String> history(String schema, String table) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select version, type, success from " + schema + "." + table
                        + " order by installed_rank")) {
            List<String> entries = new java.util.ArrayList<>();
            while (rows.next()) {
                assertTrue(rows.getBoolean("success"), "every entry succeeded");
                entries.add((rows.getString("version") == null ? "0" : rows.getString("version")) + " " + rows.getString("type"));
            }
            return entries;
        }
    }

    private static String headersColumnType(String schema) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select data_type from information_schema.columns where table_schema = '"
                        + schema + "' and table_name = 'idempotency_key' and column_name = 'headers'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static int count(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
