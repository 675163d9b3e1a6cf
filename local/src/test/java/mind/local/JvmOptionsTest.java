package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options the launcher gives a service, by JDK and by what the build left beside the jar. */
class JvmOptionsTest {

    @TempDir
    Path app;

    @Test
    void theAotCacheIsUsedFromJdk25WhenTheBuildRecordedOne() throws Exception {
        Files.write(app.resolve("app.aot"), new byte[] {1});
        List<String> options = Suite.jvmOptions(app, 25);
        assertTrue(options.contains("-XX:AOTCache=" + app.resolve("app.aot")), options.toString());
        assertTrue(options.contains("-XX:TrimNativeHeapInterval=5000"), options.toString());
        assertEquals(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"), options.subList(0, 3),
                "the collector the cache was recorded with (pom: aot-cache) and the heap's bounds");
        assertEquals(List.of("-Xmn32m", "-XX:SurvivorRatio=2"), options.subList(3, 5),
                "a fixed young generation whose survivor spaces hold what requests in flight keep alive");
        assertTrue(options.contains("-XX:+UseTransparentHugePages"), "heap and code on huge pages where the kernel offers them");
    }

    @Test
    void noCacheIsNamedWhenThereIsNoneOrTheJdkCannotReadIt() throws Exception {
        assertTrue(Suite.jvmOptions(app, 25).stream().noneMatch(o -> o.startsWith("-XX:AOTCache")));
        Files.write(app.resolve("app.aot"), new byte[] {1});
        List<String> jdk21 = Suite.jvmOptions(app, 21);
        assertTrue(jdk21.stream().noneMatch(o -> o.startsWith("-XX:AOTCache")), jdk21.toString());
        assertFalse(jdk21.contains("-XX:TrimNativeHeapInterval=5000"), "JDK 21 does not know the option and would not start");
        assertTrue(Suite.jvmOptions(app, 22).contains("-XX:TrimNativeHeapInterval=5000"));
    }

    @Test
    void aTrainedCacheIsPreferredWhileItIsNewerThanTheBuild() throws Exception {
        Files.write(app.resolve("quarkus-run.jar"), new byte[] {1});
        Files.write(app.resolve("app.aot"), new byte[] {1});
        Path trained = Files.write(app.resolve(Suite.TRAINED_CACHE), new byte[] {1});
        Files.setLastModifiedTime(app.resolve("quarkus-run.jar"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(app.resolve("app.aot"), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(trained, FileTime.fromMillis(3_000_000));
        assertTrue(Suite.jvmOptions(app, 25).contains("-XX:AOTCache=" + trained));
        assertEquals(1, Suite.jvmOptions(app, 25).stream().filter(o -> o.startsWith("-XX:AOTCache")).count());

        // a rebuild rewrites the jar and the build's cache: the trained one is stale, the JDK would refuse it
        Files.setLastModifiedTime(app.resolve("app.aot"), FileTime.fromMillis(4_000_000));
        assertTrue(Suite.jvmOptions(app, 25).contains("-XX:AOTCache=" + app.resolve("app.aot")));
        Files.delete(app.resolve("app.aot"));
        Files.setLastModifiedTime(app.resolve("quarkus-run.jar"), FileTime.fromMillis(5_000_000));
        assertTrue(Suite.jvmOptions(app, 25).stream().noneMatch(o -> o.startsWith("-XX:AOTCache")),
                "a trained cache older than the jar is never named");
        assertTrue(Suite.jvmOptions(app, 24).stream().noneMatch(o -> o.startsWith("-XX:AOTCache")));
    }

    @Test
    void aTrainingRunWritesACacheAndReadsNone() {
        Path output = app.resolve("out.aot");
        List<String> options = Suite.trainingJvmOptions(output);
        assertTrue(options.contains("-XX:AOTCacheOutput=" + output), options.toString());
        assertTrue(options.stream().noneMatch(o -> o.startsWith("-XX:AOTCache=")), options.toString());
        assertEquals(Suite.jvmOptions(app, 25), options.subList(0, options.size() - 1),
                "recorded with the options it will run with: the JDK refuses a cache recorded with another collector");
    }
}
