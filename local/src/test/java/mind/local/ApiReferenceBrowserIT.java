package mind.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API reference page at {@code /api/mind/docs}, loaded through the front door by a real
 * headless Chromium (Debian's package; installed with apt-get when missing and this runs as root
 * or may use sudo without a password; skipped with a message where it cannot be): after its
 * scripts ran, it lists every operation of the merged document, so the operations of all five
 * services.
 */
class ApiReferenceBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningSuite suite;
    static String chromium;

    @BeforeAll
    static void findOrInstallChromium() {
        chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, Chromium.whyMissing());
        suite = RunningSuite.get();
    }

    @Test
    void listsTheOperationsOfAllFiveServices() throws Exception {
        String url = "http://127.0.0.1:" + suite.frontDoorPort() + "/api/mind/docs";
        Document page = Jsoup.parse(Chromium.dumpDom(chromium, url), url);

        // what the page shows: one block per operation, "METHOD path"
        Set<String> shown = new TreeSet<>();
        for (Element block : page.select(".opblock")) {
            Element method = block.selectFirst(".opblock-summary-method");
            // a deprecated operation's path carries its own class (struck through)
            Element path = block.selectFirst(".opblock-summary-path, .opblock-summary-path__deprecated");
            if (method != null && path != null) {
                shown.add(method.text().trim().toUpperCase() + " " + path.attr("data-path"));
            }
        }
        JsonNode document = JSON.readTree(given().get(suite.openApiUrl()).then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                if (path.getValue().has(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertEquals(documented, shown, "the page lists exactly the operations of the merged document;"
                + " page title: " + page.title() + ", text: " + abbreviate(page.text()));

        Map<String, Integer> perService = new TreeMap<>();
        RouteTable routes = RouteTable.fromIngress();
        for (String operation : shown) {
            routes.serviceFor(operation.substring(operation.indexOf(' ') + 1)).ifPresent(s -> perService.merge(s, 1, Integer::sum));
        }
        assertEquals(Set.copyOf(routes.services()), perService.keySet(), "operations shown per service: " + perService);
        assertTrue(page.select("script[src^=http], link[href^=http]").isEmpty(), "no script or style from another origin");
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + " ..." : text;
    }

    /** Debian's Chromium, headless: found on the PATH, or installed once with apt-get. */
    static final class Chromium {

        private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
        private static String missing = "";
        private static List<String> sudo = List.of();

        private static boolean passwordlessSudo() {
            if (onPathNamed("sudo").isEmpty()) {
                return false;
            }
            try {
                Process p = new ProcessBuilder("sudo", "-n", "true").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }

        static synchronized Optional<String> find() {
            Optional<String> found = onPath();
            if (found.isPresent()) {
                return found;
            }
            if (onPathNamed("apt-get").isEmpty()) {
                missing = "Chromium is not installed and apt-get is not available: the API reference page is not tested in a browser here";
                return Optional.empty();
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                if (!passwordlessSudo()) {
                    missing = "Chromium is not installed and this build may not install packages (not root, no passwordless sudo):"
                            + " install it (apt-get install chromium) to test the API reference page in a browser";
                    return Optional.empty();
                }
                sudo = List.of("sudo", "-n", "-E");
            }
            try {
                if (!apt("install") && !(apt("update") && apt("install"))) {
                    missing = "apt-get could not install chromium (see the log above): the API reference page is not tested in a browser here";
                    return Optional.empty();
                }
            } catch (IOException | InterruptedException e) {
                missing = "apt-get failed: " + e;
                return Optional.empty();
            }
            found = onPath();
            if (found.isEmpty()) {
                missing = "apt-get installed chromium, but no chromium is on the PATH";
            }
            return found;
        }

        static String whyMissing() {
            return missing;
        }

        private static boolean apt(String command) throws IOException, InterruptedException {
            List<String> args = new java.util.ArrayList<>(sudo);
            args.addAll(command.equals("update") ? List.of("apt-get", "update", "-q")
                    : List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"));
            ProcessBuilder builder = new ProcessBuilder(args).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        }

        private static Optional<String> onPath() {
            for (String name : NAMES) {
                Optional<String> found = onPathNamed(name);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        private static Optional<String> onPathNamed(String name) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
            return Optional.empty();
        }

        /**
         * The page's DOM after its scripts ran: {@code --virtual-time-budget} lets the page's
         * requests (the document) and rendering finish before the DOM is written.
         */
        static String dumpDom(String chromium, String url) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory("mind-chromium");
            Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                    "--virtual-time-budget=20000", "--dump-dom", url)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                byte[] out = process.getInputStream().readAllBytes();
                assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
                assertEquals(0, process.exitValue(), "chromium failed");
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                process.destroyForcibly();
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
