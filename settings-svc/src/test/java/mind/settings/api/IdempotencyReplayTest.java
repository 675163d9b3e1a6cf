package mind.settings.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import mind.common.db.CommonMigrations;
import mind.common.idempotency.IdempotencyConfig;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Idempotency-Key through HTTP against {@link IdempotencyProbeResource}: the fingerprint is the
 * request as sent (method, path, query, body as canonical JSON), never the method's other
 * parameters, and a replay repeats status, body and the headers that matter.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class IdempotencyReplayTest {

    static final String PATH = "/api/mind/settings/idempotency-probe";

    @Inject
    EntityManager em;

    @Inject
    IdempotencyConfig config;

    private static RequestSpecification withKey(String key) {
        return given().header("Authorization", TestTokens.admin()).header("Idempotency-Key", key);
    }

    @Test
    void contextParametersDoNotBreakAKeyedRequestAndTheReplayKeepsStatusBodyAndHeaders() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"probe\",\"data\":{\"a\":1}}";

        Response first = withKey(key).contentType(ContentType.JSON).body(body).post(PATH + "?mode=x");
        first.then().statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .header("Location", endsWith("/settings/idempotency-probe/" + first.path("run")))
                .header("ETag", equalTo("\"" + first.path("run") + "\""))
                .contentType(ContentType.JSON)
                .body("name", equalTo("probe"))
                .body("mode", equalTo("x"))
                .body("user", equalTo("1"));

        Response replay = withKey(key).contentType(ContentType.JSON).body(body).post(PATH + "?mode=x");
        replay.then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .header("ETag", first.header("ETag"))
                .header("Content-Type", first.header("Content-Type"));
        assertEquals(first.asString(), replay.asString(), "the same body, from a method that did not run again");
    }

    @Test
    void keyOrderAndWhitespaceInTheBodyAndTheOrderOfQueryParametersDoNotChangeTheFingerprint() {
        String key = UUID.randomUUID().toString();
        Response first = withKey(key).contentType(ContentType.JSON)
                .body("{\"name\":\"order\",\"data\":{\"x\":1,\"y\":[1,2],\"z\":{\"b\":true,\"a\":null}}}")
                .post(PATH + "?mode=m&other=1&other=2");
        first.then().statusCode(201);

        withKey(key).contentType(ContentType.JSON)
                .body("""
                        {
                          "data" : { "z" : { "a" : null, "b" : true }, "y" : [ 1, 2 ], "x" : 1 },
                          "name" : "order"
                        }""")
                .post(PATH + "?other=1&mode=m&other=2")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("run", equalTo(first.<Integer>path("run")));
    }

    @Test
    void aDifferentQueryStringPathOrBodyWithTheSameKeyIs422() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"q\",\"data\":{\"list\":[1,2]}}";
        withKey(key).contentType(ContentType.JSON).body(body).post(PATH + "?mode=a").then().statusCode(201);

        for (String other : List.of(PATH + "?mode=b", PATH, PATH + "?mode=a&mode=b", PATH + "?mode=a&extra=1")) {
            withKey(key).contentType(ContentType.JSON).body(body).post(other)
                    .then().statusCode(422)
                    .body("success", equalTo(false))
                    .body("code", equalTo("idempotency_key_reused"));
        }
        // values of one name keep their order
        String twice = UUID.randomUUID().toString();
        withKey(twice).contentType(ContentType.JSON).body(body).post(PATH + "?mode=a&mode=b").then().statusCode(201);
        withKey(twice).contentType(ContentType.JSON).body(body).post(PATH + "?mode=b&mode=a").then().statusCode(422);
        // array order in the body is content, not layout
        withKey(key).contentType(ContentType.JSON).body("{\"name\":\"q\",\"data\":{\"list\":[2,1]}}").post(PATH + "?mode=a")
                .then().statusCode(422);
        // another path: the raw endpoint
        withKey(key).contentType(ContentType.JSON).body(body).post(PATH + "/raw?mode=a").then().statusCode(422);
    }

    @Test
    void aStreamBodyIsFingerprintedAndStillReachesTheMethod() {
        String key = UUID.randomUUID().toString();
        Response first = withKey(key).contentType(ContentType.JSON).body("{\"b\":1,\"a\":[true]}").post(PATH + "/raw");
        first.then().statusCode(202)
                .header("Retry-After", "7")
                .contentType(ContentType.TEXT)
                .body(endsWith(": 18 bytes of application/json"));

        Response replay = withKey(key).contentType(ContentType.JSON).body("{ \"a\": [true], \"b\": 1 }").post(PATH + "/raw");
        replay.then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .header("Retry-After", "7")
                .contentType(ContentType.TEXT);
        assertEquals(first.asString(), replay.asString(), "a text body is replayed as the same text");

        withKey(key).contentType(ContentType.JSON).body("{\"b\":2,\"a\":[true]}").post(PATH + "/raw")
                .then().statusCode(422);
        // a body that is no JSON counts byte for byte
        String plain = UUID.randomUUID().toString();
        withKey(plain).contentType(ContentType.TEXT).body("hello").post(PATH + "/raw").then().statusCode(202);
        withKey(plain).contentType(ContentType.TEXT).body("hello").post(PATH + "/raw").then().statusCode(202)
                .header("Idempotent-Replayed", "true");
        withKey(plain).contentType(ContentType.TEXT).body("hello ").post(PATH + "/raw").then().statusCode(422);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        String body = "{\"name\":\"nokey\",\"data\":null}";
        int first = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201).extract().path("run");
        int second = given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post(PATH).then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("run");
        assertNotEquals(first, second);
    }

    @Test
    void aClaimOlderThanTheConfiguredStalenessIsTakenOverAYoungerOneIs409() {
        String body = "{\"name\":\"claimed\",\"data\":{}}";
        String young = UUID.randomUUID().toString();
        leaveClaimed(young, body, config.claimStale().minusSeconds(30));
        withKey(young).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(409).body("code", equalTo("idempotency_key_in_flight"));

        String abandoned = UUID.randomUUID().toString();
        int first = leaveClaimed(abandoned, body, config.claimStale().plusSeconds(1));
        int rerun = withKey(abandoned).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("run");
        assertNotEquals(first, rerun);
        withKey(abandoned).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("run", equalTo(rerun));
    }

    /**
     * Runs a request with the key, then turns its stored answer back into a claim of the given
     * age: what a request with atomic = false leaves while it runs, or after its process died.
     */
    private int leaveClaimed(String key, String body, java.time.Duration age) {
        int run = withKey(key).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(201).extract().path("run");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update idempotency_key set status = 0, body = null, headers = null, "
                        + "created_at = now() - make_interval(secs => ?2) where idem_key = ?1")
                .setParameter(1, key)
                .setParameter(2, age.toSeconds())
                .executeUpdate());
        return run;
    }

    @Test
    void anAnswerOlderThanTheConfiguredRetentionIsNotReplayed() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"expired\",\"data\":{}}";
        int first = withKey(key).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(201).extract().path("run");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update idempotency_key set created_at = now() - make_interval(secs => ?2) where idem_key = ?1")
                .setParameter(1, key)
                .setParameter(2, config.retention().plusSeconds(1).toSeconds())
                .executeUpdate());
        int again = withKey(key).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("run");
        assertNotEquals(first, again);
    }

    @Test
    void expiredAnswersAreDeletedAsNewOnesAreSaved() {
        String body = "{\"name\":\"purge\",\"data\":{}}";
        List<String> expired = java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).limit(3).toList();
        for (String key : expired) {
            withKey(key).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201);
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update idempotency_key set created_at = now() - make_interval(secs => ?2) where idem_key in (?1)")
                .setParameter(1, expired)
                .setParameter(2, config.retention().plusSeconds(1).toSeconds())
                .executeUpdate());
        // one in every PURGE_EVERY saves deletes expired answers
        for (int i = 0; i < mind.common.idempotency.IdempotencyStore.PURGE_EVERY; i++) {
            withKey(UUID.randomUUID().toString()).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201);
        }
        Number left = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from idempotency_key where idem_key in (?1)").setParameter(1, expired).getSingleResult());
        assertEquals(0, left.intValue());
    }

    @Test
    void theServiceStartedWithCommonsOwnHistoryNextToItsOwn() {
        List<?> common = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select version || ' ' || type from " + CommonMigrations.TABLE + " order by installed_rank").getResultList());
        assertEquals(List.of("0.1 BASELINE", "0.2 SQL"), common);
        List<?> own = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select version from flyway_schema_history where version is not null order by installed_rank").getResultList());
        assertEquals("0.1", own.get(0), "db/common/V0_1 stays in the service's history");
        assertEquals(false, own.contains("0.2"), "common's later migrations stay out of it");
    }
}
