package mind.ticket.tags;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.util.StringJoiner;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.response.ValidatableResponse;
import mind.common.testing.TestTokens;

/** settings-svc's {@code GET /tag} answers as WireMock gives them, and the reads the tests make. */
final class TagAnswers {

    static final String PATH = "/api/mind/tag";

    private TagAnswers() {
    }

    /** {@code {tags:[...],success:true}} in the compact format, from pairs of id and name. */
    static String tags(Object... idsAndNames) {
        StringJoiner tags = new StringJoiner(",", "{\"tags\":[", "],\"success\":true}");
        for (int i = 0; i < idsAndNames.length; i += 2) {
            String name = (String) idsAndNames[i + 1];
            tags.add("{\"id\":" + idsAndNames[i] + ",\"name\":\"" + name + "\",\"fullName\":\"Parent: " + name
                    + "\",\"type\":\"skill\",\"visibility\":\"public\",\"parent\":null}");
        }
        return tags.toString();
    }

    /** How often settings-svc was asked for its tags. */
    static int calls(WireMockServer settings) {
        return settings.findAll(getRequestedFor(urlPathEqualTo(PATH))).size();
    }

    static ValidatableResponse read(long ticketId) {
        return given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + ticketId).then();
    }
}
