package mind.qualitycheck.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import mind.qualitycheck.client.Outcome;
import mind.qualitycheck.client.TicketRef;

class ActualResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsToMindAreNamedByTheirPathAndOthersByTheirWholeUrl() throws Exception {
        Outcome outcome = new Outcome(true, null, null, null, null, "reply", null, JSON.readTree("""
                [{"method":"PATCH","url":"http://mind.example.com/api/mind/ticket/77"},
                 {"method":"POST","url":"http://localhost:8082/api/mind/ticket/77/conversation/reply"},
                 {"method":"PATCH","url":"https://erp.example/contract"},
                 {"method":"GET","url":"https://erp.example/x?next=/api/mind/ticket/1"}]"""));
        TicketRef ticket = new TicketRef(77, "email", null, null, null, List.of(), "human");
        assertEquals(JSON.readTree("""
                ["PATCH /api/mind/ticket/77", "POST /api/mind/ticket/77/conversation/reply",
                 "PATCH https://erp.example/contract", "GET https://erp.example/x?next=/api/mind/ticket/1"]"""),
                ActualResult.of("bank", ticket, outcome).path("outcomeActions").path("bank"));
    }
}
