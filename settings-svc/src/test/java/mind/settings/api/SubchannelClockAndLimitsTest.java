package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.settings.repository.SubchannelRepository;
import mind.settings.support.SharedPiecesProfile;

/** The time comes from the Clock bean, the limits on data from configuration (100 bytes, 3 keys here). */
@QuarkusTest
@TestProfile(SharedPiecesProfile.class)
@WithTestResource(MindTestResource.class)
class SubchannelClockAndLimitsTest {

    static final String PATH = "/api/mind/settings/subchannel";

    @Inject
    SubchannelRepository subchannels;

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void createdAtIsTheClocksTime() {
        int id = asAdmin().body("{\"channel\":\"letter\",\"name\":\"clocked\"}").post(PATH)
                .then().statusCode(200).extract().path("id");
        assertEquals(SharedPiecesProfile.NOW,
                QuarkusTransaction.requiringNew().call(() -> subchannels.findById((long) id).createdAt));
    }

    @Test
    void dataLimitsComeFromConfiguration() {
        asAdmin().body("{\"channel\":\"letter\",\"name\":\"keys\",\"data\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4}}").post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("data"))
                .body("details[0].message", equalTo("must have at most 3 top-level keys"));
        // 105 bytes as JSON, 95 characters: the limit counts UTF-8 bytes
        asAdmin().body("{\"channel\":\"letter\",\"name\":\"bytes\",\"data\":{\"note\":\"" + "ä".repeat(10) + "x".repeat(75) + "\"}}")
                .post(PATH)
                .then().statusCode(400)
                .body("details[0].field", equalTo("data"))
                .body("details[0].message", containsString("at most 100 bytes"));
        asAdmin().body("{\"channel\":\"letter\",\"name\":\"fits\",\"data\":{\"a\":1,\"b\":\"" + "x".repeat(70) + "\",\"c\":3}}")
                .post(PATH).then().statusCode(200);
    }
}
