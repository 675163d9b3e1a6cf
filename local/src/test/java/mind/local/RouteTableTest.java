package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.fromIngress();

    @Test
    void routesEveryPrefixOfTheDesignTable() {
        assertEquals(Optional.of("ticket-svc"), table.serviceFor("/api/mind/ticket/12"));
        assertEquals(Optional.of("ticket-svc"), table.serviceFor("/api/mind/agents/queue"));
        assertEquals(Optional.of("aiagent-svc"), table.serviceFor("/api/mind/aiAgent/5/preview"));
        assertEquals(Optional.of("aiagent-svc"), table.serviceFor("/api/mind/aiAgents/tree"));
        assertEquals(Optional.of("qualitycheck-svc"), table.serviceFor("/api/mind/aiQualityCheck/testRun"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/settings/subchannel"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/tag"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/profile/3"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/profiles"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/team/tree"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/roles"));
        assertEquals(Optional.of("settings-svc"), table.serviceFor("/api/mind/roles/4"));
        assertEquals(Optional.of("telephony-svc"), table.serviceFor("/api/mind/telephony/callReceived"));
    }

    @Test
    void matchesWholeSegmentsOnly() {
        assertTrue(table.serviceFor("/api/mind/tickets").isEmpty());
        assertTrue(table.serviceFor("/api/mind/tagging").isEmpty());
        assertTrue(table.serviceFor("/api/mind").isEmpty());
        assertTrue(table.serviceFor("/q/health").isEmpty(), "internal paths stay internal");
    }

    @Test
    void namesTheFiveServices() {
        assertEquals(java.util.List.of("aiagent-svc", "qualitycheck-svc", "settings-svc", "telephony-svc", "ticket-svc"),
                table.services());
        assertEquals(new java.util.TreeSet<>(Suite.CLIENT_NAMES.keySet()), new java.util.TreeSet<>(table.services()),
                "the suite starts exactly the services the Ingress routes to");
    }
}
