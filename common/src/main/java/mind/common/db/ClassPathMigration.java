package mind.common.db;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.flywaydb.core.api.resource.LoadableResource;

/** A migration file read by name from the class path (UTF-8), for Flyway and its checksum. */
final class ClassPathMigration extends LoadableResource {

    private final String folder;
    private final String filename;
    private final ClassLoader classLoader;

    /** {@code filename} relative to {@code folder}, a class path folder without leading or trailing slash. */
    ClassPathMigration(String folder, String filename, ClassLoader classLoader) {
        this.folder = folder;
        this.filename = filename;
        this.classLoader = classLoader;
    }

    @Override
    public Reader read() {
        String path = getAbsolutePath();
        InputStream in = classLoader.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
        return folder + "/" + filename;
    }

    @Override
    public String getAbsolutePathOnDisk() {
        return getAbsolutePath();
    }

    @Override
    public String getFilename() {
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    @Override
    public String getRelativePath() {
        return filename;
    }
}
