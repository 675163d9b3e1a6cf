package mind.aiagent.hooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import mind.common.testing.EventHookStub;
import mind.common.testing.EventHookStub.InjectEventHooks;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/**
 * Without a service token the relay cannot call settings-svc: it asks nothing, sends nothing, and the change's event
 * waits in the outbox (sent once a token is set).
 */
@QuarkusTest
@TestProfile(HookOutboxRelayWithoutTokenTest.RelayOnWithoutToken.class)
@WithTestResource(MindTestResource.class)
@WithTestResource(EventHookStub.class)
class HookOutboxRelayWithoutTokenTest {

    public static class RelayOnWithoutToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mind.aiagent.hooks.enabled", "true");
        }
    }

    @InjectEventHooks
    WireMockServer settings;

    @Inject
    HookOutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutATokenNothingIsSentAndTheEventWaits() throws Exception {
        given().header("Authorization", TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"No token\",\"slug\":\"no_token_" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .post("/api/mind/aiAgent").then().statusCode(200);
        long waiting = rows();

        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());
        assertEquals(HookOutboxRelay.Relayed.NOTHING, relay.relay());

        assertEquals(0, settings.getAllServeEvents().size(), "settings-svc is not called");
        assertEquals(waiting, rows(), "the event waits");
        assertEquals(true, waiting >= 1);
    }

    private long rows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from hook_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
