package mind.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * When a start may leave Flyway out ({@link StartupMigrations#isCurrent}): against a real PostgreSQL whose schemas
 * Flyway migrated as a service's start does (its locations and common's second history), the check says yes only
 * when both histories hold exactly the migrations on the class path, and no for every way they can differ.
 */
class StartupMigrationsTest {

    private static final String TABLE = "flyway_schema_history";
    private static final List<String> LOCATIONS = List.of("db/test-service", "classpath:db/common");
    private static final ClassLoader CLASSES = StartupMigrationsTest.class.getClassLoader();

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** A service's start as Quarkus configures Flyway for it, common's history included. */
    private static void migrate(String schema, List<String> locations) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations(locations.stream().map(l -> l.startsWith("classpath:") ? l : "classpath:" + l).toArray(String[]::new));
        new CommonMigrations().customize(configuration);
        configuration.load().migrate();
    }

    private static boolean isCurrent(String schema, List<String> locations) throws SQLException {
        return StartupMigrations.isCurrent(dataSource, schema, TABLE, locations, CLASSES);
    }

    @Test
    void aSchemaFlywayMigratedIsCurrentAndAnEmptyOneIsNot() throws SQLException {
        assertFalse(isCurrent("never_migrated", LOCATIONS), "no history at all: Flyway runs");
        migrate("migrated", LOCATIONS);
        assertTrue(isCurrent("migrated", LOCATIONS), "every file recorded with Flyway's own version, description and checksum");
    }

    @Test
    void aNewMigrationOnTheClassPathIsLeftToFlyway() throws SQLException {
        migrate("pending", LOCATIONS);
        List<String> withV2 = List.of("db/test-service", "db/test-service-v2", "db/common");
        assertFalse(isCurrent("pending", withV2));
        migrate("pending", withV2);
        assertTrue(isCurrent("pending", withV2), "once Flyway ran it");
        assertFalse(isCurrent("pending", LOCATIONS), "a recorded migration whose file is gone: Flyway reports it");
    }

    @Test
    void anEditedFailedOrUnknownEntryIsLeftToFlyway() throws SQLException {
        migrate("edited", LOCATIONS);
        execute("update edited.flyway_schema_history set checksum = checksum + 1 where version = '1'");
        assertFalse(isCurrent("edited", LOCATIONS), "a file changed after it ran: Flyway's validation refuses the start");

        migrate("failed", LOCATIONS);
        execute("update failed.flyway_schema_history set success = false where version = '1'");
        assertFalse(isCurrent("failed", LOCATIONS));

        migrate("renamed", LOCATIONS);
        execute("update renamed.flyway_schema_history set description = 'tickets' where version = '1'");
        assertFalse(isCurrent("renamed", LOCATIONS));

        migrate("undone", LOCATIONS);
        execute("insert into undone.flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) values (99, '1', 'ticket', 'UNDO_SQL', 'U1__ticket.sql', 1,"
                + " 'test', 1, true)");
        assertFalse(isCurrent("undone", LOCATIONS), "an entry of a kind the check does not know");
    }

    @Test
    void commonsHistoryCountsToo() throws SQLException {
        migrate("common_behind", LOCATIONS);
        execute("delete from common_behind." + CommonMigrations.TABLE + " where version = '0.2'");
        assertFalse(isCurrent("common_behind", LOCATIONS), "common's 0.2 not recorded");

        migrate("common_missing", LOCATIONS);
        execute("drop table common_missing." + CommonMigrations.TABLE);
        assertFalse(isCurrent("common_missing", LOCATIONS));
    }

    @Test
    void aRepeatableMigrationOrAnUnlistableLocationIsLeftToFlyway() throws SQLException {
        migrate("repeatable", List.of("db/test-service", "db/test-service-repeatable", "db/common"));
        assertFalse(isCurrent("repeatable", List.of("db/test-service", "db/test-service-repeatable", "db/common")));
        assertEquals(Optional.empty(), StartupMigrations.onClassPath(List.of("db/no-such-folder"), CLASSES));
        assertEquals(Optional.empty(), StartupMigrations.onClassPath(List.of("filesystem:/tmp/migrations"), CLASSES));
    }

    @Test
    void migrationsAreListedFromJarsAsFromFolders() throws Exception {
        migrate("from_jar", LOCATIONS);
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream v1 = CLASSES.getResourceAsStream("db/test-service/V1__ticket.sql")) {
            out.putNextEntry(new JarEntry("db/packaged/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/packaged/V1__ticket.sql"));
            v1.transferTo(out);
            out.closeEntry();
        }
        try (URLClassLoader packaged = new URLClassLoader(new URL[] { jar.toUri().toURL() }, CLASSES)) {
            Optional<Set<StartupMigrations.Recorded>> listed = StartupMigrations.onClassPath(List.of("db/packaged"), packaged);
            assertEquals(StartupMigrations.onClassPath(List.of("db/test-service"), CLASSES), listed);
            assertTrue(StartupMigrations.isCurrent(dataSource, "from_jar", TABLE, List.of("db/packaged", "db/common"), packaged));
        }
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
