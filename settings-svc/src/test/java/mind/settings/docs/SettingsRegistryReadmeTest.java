package mind.settings.docs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * README's "Settings registry" table is generated from the registry (the migrated setting_definition
 * rows, as GET /settings shows them), and this test fails when the README's table differs, so the two
 * cannot drift. After changing the registry, rewrite the table with
 * {@code ./mvnw -pl common,settings-svc -am verify -Dtest=SettingsRegistryReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Dsettings.readme.write=true}.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class SettingsRegistryReadmeTest {

    static final String START = "<!-- settings-registry:start (generated from the registry by SettingsRegistryReadmeTest) -->";
    static final String END = "<!-- settings-registry:end -->";

    @Test
    void readmeTableIsTheRegistry() throws IOException {
        String json = given().header("Authorization", TestTokens.admin()).get("/api/mind/settings")
                .then().statusCode(200).extract().asString();
        String table = table(new ObjectMapper().readTree(json));

        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no " + START + " ... " + END + " block");
        String current = text.substring(start + START.length(), end);
        String expected = "\n" + table;
        if (Boolean.getBoolean("settings.readme.write") && !current.equals(expected)) {
            Files.writeString(readme, text.substring(0, start + START.length()) + expected + text.substring(end), StandardCharsets.UTF_8);
            current = expected;
        }
        assertEquals(expected, current, "README.md's settings table differs from the registry; rewrite it with "
                + "-Dsettings.readme.write=true (see this test's comment)");
    }

    static String table(JsonNode settings) {
        StringBuilder out = new StringBuilder("| name | category | type | default | secret | used by | description |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (JsonNode s : settings) {
            out.append("| `").append(s.get("name").asText()).append("` | ")
                    .append(s.get("category").asText()).append(" | ")
                    .append(s.get("type").asText()).append(" | `")
                    .append(cell(s.get("default").toString())).append("` | ")
                    .append(s.get("secret").asBoolean() ? "yes" : "no").append(" | ");
            StringBuilder usedBy = new StringBuilder();
            s.get("usedBy").forEach(u -> usedBy.append(usedBy.isEmpty() ? "" : ", ").append(u.asText()));
            out.append(usedBy).append(" | ").append(cell(s.get("description").asText())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The repository's README: surefire runs in the module's folder. */
    private static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.exists(dir.resolve("settings-svc"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md above " + here);
    }
}
