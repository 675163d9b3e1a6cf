package mind.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitePortCheckTest {

    @TempDir
    Path data;

    @Test
    void takenPortsAreNamedAndNothingIsStarted() throws Exception {
        int frontDoorPort = TestNetwork.freePort();
        int postgresPort = TestNetwork.freePort();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (String service : Suite.CLIENT_NAMES.keySet()) {
            servicePorts.put(service, TestNetwork.freePort());
        }
        int settingsPort = servicePorts.get("settings-svc");
        Suite.Config config = new Suite.Config(Path.of(".."), data, frontDoorPort, servicePorts, postgresPort, null,
                Duration.ofSeconds(5), "127.0.0.1");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        try (ServerSocket frontDoorHolder = new ServerSocket();
                ServerSocket settingsHolder = new ServerSocket()) {
            frontDoorHolder.bind(new InetSocketAddress("127.0.0.1", frontDoorPort));
            // every interface: taken for a loopback listener too
            settingsHolder.bind(new InetSocketAddress("0.0.0.0", settingsPort));
            Suite suite = new Suite(config, new PrintStream(output, true, StandardCharsets.UTF_8));
            Suite.PortsInUse failure = assertThrows(Suite.PortsInUse.class, suite::start);
            suite.close();

            String message = failure.getMessage();
            assertTrue(message.contains("port " + frontDoorPort + " (front door, MIND_PORT) is in use"), message);
            assertTrue(message.contains("port " + settingsPort + " (settings-svc, MIND_SERVICE_PORT_BASE) is in use"), message);
            assertFalse(message.contains("port " + postgresPort), message);
            if (ssCanNameListeners()) {
                assertTrue(message.contains("(pid " + ProcessHandle.current().pid() + ")"), "names the holder: " + message);
            }
        }
        assertFalse(Files.exists(data.resolve("pgdata")), "PostgreSQL was not started");
        assertFalse(Files.exists(data.resolve("keys")), "nothing was prepared");
        assertTrue(output.toString(StandardCharsets.UTF_8).isEmpty(), "nothing reported as starting: " + output);
        try (ServerSocket postgres = new ServerSocket()) {
            postgres.bind(new InetSocketAddress("127.0.0.1", postgresPort));
        }
    }

    @Test
    void theEmbeddedPostgresPortIsCheckedToo() throws Exception {
        int postgresPort = TestNetwork.freePort();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (String service : Suite.CLIENT_NAMES.keySet()) {
            servicePorts.put(service, TestNetwork.freePort());
        }
        Suite.Config config = new Suite.Config(Path.of(".."), data, TestNetwork.freePort(), servicePorts, postgresPort, null,
                Duration.ofSeconds(5), "127.0.0.1");
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", postgresPort));
            Suite.PortsInUse failure = assertThrows(Suite.PortsInUse.class, () -> Suite.checkPorts(config));
            assertTrue(failure.getMessage().contains("port " + postgresPort + " (embedded PostgreSQL, MIND_PG_PORT)"),
                    failure.getMessage());
        }
    }

    /** {@code ss} names the process of a listening socket when it exists and may see it (own processes always). */
    private static boolean ssCanNameListeners() {
        try {
            Process ss = new ProcessBuilder("ss", "-V").redirectErrorStream(true).start();
            ss.getInputStream().readAllBytes();
            return ss.waitFor() == 0;
        } catch (Exception absent) {
            return false;
        }
    }
}
