package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
