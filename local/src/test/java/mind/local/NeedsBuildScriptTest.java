package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freshness check of {@code ./mind up} (scripts/needs-build.sh), on a checkout laid out in a temporary folder. */
class NeedsBuildScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "needs-build.sh").toAbsolutePath().normalize();
    private static final List<String> JARS = List.of("local/target/mind-local.jar",
            "ticket-svc/target/quarkus-app/quarkus-run.jar", "aiagent-svc/target/quarkus-app/quarkus-run.jar",
            "qualitycheck-svc/target/quarkus-app/quarkus-run.jar", "settings-svc/target/quarkus-app/quarkus-run.jar",
            "telephony-svc/target/quarkus-app/quarkus-run.jar");
    private static final List<String> SOURCES = List.of("pom.xml", "common/pom.xml", "ticket-svc/pom.xml",
            "common/src/main/java/mind/common/api/Success.java",
            "ticket-svc/src/main/resources/application.properties", "k8s/base/ingress.yaml",
            "ticket-svc/src/test/java/mind/ticket/SomeTest.java", "README.md");

    @TempDir
    Path root;
    private final Instant built = Instant.parse("2026-01-01T12:00:00Z");

    @BeforeEach
    void checkoutBuiltAfterItsLastEdit() throws IOException {
        for (String source : SOURCES) {
            write(source, built.minusSeconds(3600));
        }
        for (String jar : JARS) {
            write(jar, built);
        }
    }

    @Test
    void aBuildNewerThanEverySourceIsUsedAsItIs() throws Exception {
        assertEquals(new Result(1, ""), run());
    }

    @Test
    void anEditedSourceAfterTheBuildNeedsABuild() throws Exception {
        write("common/src/main/java/mind/common/api/Success.java", built.plusSeconds(1));
        assertEquals(new Result(0, "changed common/src/main/java/mind/common/api/Success.java"), run());
    }

    @Test
    void theOldestJarCounts() throws Exception {
        write("ticket-svc/src/main/resources/application.properties", built.plusSeconds(10));
        for (String jar : JARS) {
            write(jar, built.plusSeconds(jar.startsWith("ticket") ? 5 : 20));
        }
        assertEquals(new Result(0, "changed ticket-svc/src/main/resources/application.properties"), run());
    }

    @Test
    void aPomOrTheRouteTableNeedsABuild() throws Exception {
        write("ticket-svc/pom.xml", built.plusSeconds(1));
        assertEquals(new Result(0, "changed ticket-svc/pom.xml"), run());
        write("ticket-svc/pom.xml", built.minusSeconds(1));
        write("k8s/base/ingress.yaml", built.plusSeconds(1));
        assertEquals(new Result(0, "changed k8s/base/ingress.yaml"), run());
    }

    @Test
    void testsAndDocumentsDoNotNeedABuild() throws Exception {
        write("ticket-svc/src/test/java/mind/ticket/SomeTest.java", built.plusSeconds(1));
        write("README.md", built.plusSeconds(1));
        assertEquals(new Result(1, ""), run());
    }

    @Test
    void aMissingJarNeedsABuild() throws Exception {
        Files.delete(root.resolve("settings-svc/target/quarkus-app/quarkus-run.jar"));
        assertEquals(new Result(0, "missing settings-svc/target/quarkus-app/quarkus-run.jar"), run());
    }

    record Result(int exitCode, String output) {
    }

    private Result run() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), root.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(process.waitFor(), output);
    }

    private void write(String file, Instant modified) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent() == null ? root : path.getParent());
        if (!Files.exists(path)) {
            Files.writeString(path, file);
        }
        Files.setLastModifiedTime(path, FileTime.from(modified));
    }
}
