package mind.ticket.update;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import mind.common.testing.TestTokens;

/** Requests the update tests share. */
final class Tickets {

    private Tickets() {
    }

    static RequestSpecification as(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    static RequestSpecification asAgent(long id) {
        return as(TestTokens.agent(id));
    }

    static RequestSpecification asAdmin() {
        return as(TestTokens.admin());
    }

    /** A new ticket's id; {@code json} holds further fields after the channel. */
    static long create(String json) {
        String body = "{\"channel\":\"email\"" + (json.isEmpty() ? "" : "," + json) + "}";
        return ((Number) asAgent(7).body(body).post("/api/mind/ticket").then().statusCode(200).extract().path("id"))
                .longValue();
    }

    static long create() {
        return create("");
    }

    static String etag(long id) {
        return asAdmin().get("/api/mind/ticket/" + id).then().statusCode(200).extract().header("ETag");
    }
}
