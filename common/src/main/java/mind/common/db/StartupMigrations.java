package mind.common.db;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The schema migrations of a start, run before anything else that starts with the service (the first observer of
 * {@link StartupEvent}, so before the scheduler, the relays and every {@code @Startup} bean; the HTTP port opens
 * after it). Flyway, with all of {@code quarkus.flyway.*} and {@link CommonMigrations}' second history, runs
 * when there is something for it to do; when both histories already hold exactly the migrations on the class
 * path, it is not needed and does not run. Creating Flyway and letting it find that nothing is to be done cost
 * about a tenth of a start (README "Start-up and memory"); the check is one query per history.
 *
 * <p>"Exactly" is what Flyway's validation would accept: every {@code V<version>__<description>.sql} file in
 * {@code quarkus.flyway.locations} recorded as a successful SQL migration with the same version, description
 * and checksum (Flyway's own checksum calculation), and no other migration recorded; the markers Flyway writes
 * for a schema it created or a baseline are allowed, and common's history must hold {@link CommonMigrations}'
 * files the same way. Anything else (a new file, an edited one, a failed or unknown entry, a file that is not a
 * plain versioned migration, a location that cannot be listed, a history that is not there yet) runs Flyway,
 * which migrates, or refuses to start with its own message. {@code quarkus.flyway.clean-at-start} (tests) always
 * runs it. Several replicas starting at once are safe: a migration in flight is not yet recorded (PostgreSQL
 * runs each in a transaction), so a replica that looks meanwhile runs Flyway, which waits for the other's lock.
 *
 * <p>Quarkus' own {@code quarkus.flyway.migrate-at-start} is off for this (common's
 * microprofile-config.properties); {@code mind.db.migrate-at-start=false} switches migrations at start off.
 */
@Singleton
public class StartupMigrations {

    private static final Logger LOG = Logger.getLogger(StartupMigrations.class);
    /** Flyway's default naming: prefix V, separator __, suffix .sql; the version's underscores are dots. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__(.+)\\.sql");

    @Inject
    DataSource dataSource;
    @Inject
    Instance<Flyway> flyway;
    @ConfigProperty(name = "mind.db.migrate-at-start", defaultValue = "true")
    boolean migrateAtStart;
    @ConfigProperty(name = "quarkus.flyway.clean-at-start", defaultValue = "false")
    boolean cleanAtStart;
    @ConfigProperty(name = "quarkus.flyway.default-schema")
    String schema;
    @ConfigProperty(name = "quarkus.flyway.table", defaultValue = "flyway_schema_history")
    String table;
    @ConfigProperty(name = "quarkus.flyway.locations")
    List<String> locations;

    void migrate(@Observes @Priority(Integer.MIN_VALUE) StartupEvent start) throws SQLException {
        if (!migrateAtStart) {
            return;
        }
        if (!cleanAtStart && isCurrent(dataSource, schema, table, locations, classLoader())) {
            LOG.infof("Schema \"%s\": both histories hold every migration on the class path; Flyway not needed", schema);
            return;
        }
        flyway.get().migrate();
    }

    /**
     * Whether {@code schema}'s Flyway history ({@code table}) holds exactly the versioned migrations in
     * {@code locations}, and common's history ({@link CommonMigrations#TABLE}) exactly {@link CommonMigrations}'.
     */
    static boolean isCurrent(DataSource dataSource, String schema, String table, Collection<String> locations,
            ClassLoader classLoader) throws SQLException {
        Optional<Set<Recorded>> service = onClassPath(locations, classLoader);
        if (service.isEmpty()) {
            return false;
        }
        Set<Recorded> common = new HashSet<>();
        if (!readInto(common, CommonMigrations.LOCATION, CommonMigrations.MIGRATIONS, classLoader)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return service.get().equals(recorded(connection, schema, table))
                    && common.equals(recorded(connection, schema, CommonMigrations.TABLE));
        }
    }

    /** A versioned migration as Flyway records it: version, description, checksum. */
    record Recorded(String version, String description, int checksum) {
    }

    /**
     * The successful SQL migrations of a history, or null (never equal to a set) when the history is missing or
     * holds anything else than those and the markers of a created schema or a baseline.
     */
    private static Set<Recorded> recorded(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?)")) {
            statement.setString(1, quoted(schema) + "." + quoted(table));
            try (ResultSet exists = statement.executeQuery()) {
                if (!exists.next() || exists.getString(1) == null) {
                    return null;
                }
            }
        }
        Set<Recorded> migrations = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version, description, type, checksum, success from "
                        + quoted(schema) + "." + quoted(table))) {
            while (rows.next()) {
                String type = rows.getString("type");
                if (!rows.getBoolean("success")) {
                    return null;
                }
                if ("SCHEMA".equals(type) || "BASELINE".equals(type)) {
                    continue;
                }
                int checksum = rows.getInt("checksum");
                if (!"SQL".equals(type) || rows.wasNull() || !migrations.add(
                        new Recorded(rows.getString("version"), rows.getString("description"), checksum))) {
                    return null;
                }
            }
        }
        return migrations;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The versioned migrations in {@code locations} (as {@code quarkus.flyway.locations} names them, with or without
     * {@code classpath:}), from every jar and folder of the class path that has them; empty when a location cannot
     * be listed or holds a file Flyway would treat otherwise (repeatable, undo, callback, anything unknown).
     */
    static Optional<Set<Recorded>> onClassPath(Collection<String> locations, ClassLoader classLoader) {
        Set<Recorded> migrations = new HashSet<>();
        for (String location : locations) {
            if (location.contains(":") && !location.startsWith("classpath:")) {
                return Optional.empty();
            }
            String folder = location.replaceFirst("^classpath:", "").replaceAll("^/+|/+$", "");
            Optional<Set<String>> files = files(folder, classLoader);
            if (files.isEmpty() || !readInto(migrations, folder, files.get(), classLoader)) {
                return Optional.empty();
            }
        }
        return Optional.of(migrations);
    }

    /**
     * Adds {@code files} of {@code folder} as Flyway would record them; false when one is not a versioned SQL
     * migration, is missing, or is recorded already (two files of one version).
     */
    private static boolean readInto(Set<Recorded> migrations, String folder, Collection<String> files,
            ClassLoader classLoader) {
        for (String file : files) {
            Optional<Recorded> migration = migration(folder, file, classLoader);
            if (migration.isEmpty() || !migrations.add(migration.get())) {
                return false;
            }
        }
        return true;
    }

    /** One file as Flyway would record it, when it is named as a versioned SQL migration. */
    private static Optional<Recorded> migration(String folder, String file, ClassLoader classLoader) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        Matcher matcher = VERSIONED.matcher(name);
        if (!matcher.matches() || classLoader.getResource(folder + "/" + file) == null) {
            return Optional.empty();
        }
        String version = matcher.group(1).replace('_', '.');
        String description = matcher.group(2).replace('_', ' ');
        int checksum = ChecksumCalculator.calculate(new ClassPathMigration(folder, file, classLoader));
        return Optional.of(new Recorded(version, description, checksum));
    }

    /** The files under {@code folder} (relative to it, subfolders included) in every class path entry that has it. */
    private static Optional<Set<String>> files(String folder, ClassLoader classLoader) {
        Set<String> files = new TreeSet<>();
        try {
            Enumeration<URL> roots = classLoader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                switch (root.getProtocol()) {
                    case "file" -> {
                        Path path = Path.of(root.toURI());
                        try (Stream<Path> walk = Files.walk(path)) {
                            walk.filter(Files::isRegularFile)
                                    .forEach(file -> files.add(path.relativize(file).toString().replace('\\', '/')));
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) root.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            String prefix = folder + "/";
                            Enumeration<JarEntry> entries = jar.entries();
                            while (entries.hasMoreElements()) {
                                JarEntry entry = entries.nextElement();
                                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                                    files.add(entry.getName().substring(prefix.length()));
                                }
                            }
                        }
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException unreadable) {
            LOG.debugf(unreadable, "Cannot list %s on the class path; Flyway will", folder);
            return Optional.empty();
        }
        return files.isEmpty() ? Optional.empty() : Optional.of(files);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StartupMigrations.class.getClassLoader();
    }
}
