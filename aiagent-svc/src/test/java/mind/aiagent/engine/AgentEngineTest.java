package mind.aiagent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.error.ApiException;

/** The engine without a server: pure inputs, pure outputs. */
class AgentEngineTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final AgentEngine engine = new AgentEngine();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final String METER = """
            {"parameters":[
               {"key":"meterNumber","name":"Meter number","type":"string","source":"pattern",
                "pattern":"(?i)z(?:ä|ae)hler(?:nummer)?[: ]+(?P<value>[A-Z0-9-]{4,})","required":true},
               {"key":"reading","name":"Reading","type":"number","source":"pattern",
                "pattern":"(?i)(?:stand|reading)[: ]+(\\\\d[\\\\d.,]*)","required":true},
               {"key":"contractId","type":"number","source":"ticket","required":false},
               {"key":"firstName","type":"string","source":"customer","required":false,"value":"customer"}],
             "responseCases":[
               {"id":"implausible","condition":"reading <= 0.0 || reading > 1000000","output":{"type":"internalNote",
                 "text":"Reading {reading} for meter {meterNumber} looks implausible"}},
               {"id":"ok","condition":"reading > 0 && meterNumber.startsWith('Z') && !('contractId' in missing)",
                 "autoExecute":true,"output":{"type":"reply","text":"Hello {firstName}, we stored reading {reading} for meter {meterNumber}.",
                 "ticketUpdate":{"status":"closed"}}},
               {"id":"noContract","condition":"'contractId' in missing","output":{"type":"reply","text":"Which contract?"}}]}""";

    static JsonNode ticket(String subject, String body, String extra) {
        return json("{\"id\":42,\"subject\":\"" + subject + "\",\"body\":\"" + body + "\"" + extra + "}");
    }

    @Test
    void patternsTicketFieldsAndCustomerDataFeedTheFirstMatchingCase() {
        Outcome o = engine.run(json(METER), ticket("Zählerstand", "Zählernummer: Z-4711 Stand: 12.345,5 kWh",
                ",\"contractId\":991,\"customer\":{\"firstName\":\"Anna\"}"), Map.of());
        assertTrue(o.success(), o.error());
        assertEquals("reply", o.type());
        assertEquals("ok", o.responseCase().id());
        assertEquals(12345.5, o.data().get("reading"));
        assertEquals("Z-4711", o.data().get("meterNumber"));
        assertEquals(991.0, o.data().get("contractId"));
        assertEquals("Hello Anna, we stored reading 12345.5 for meter Z-4711.", o.text());
        assertEquals(List.of("PATCH", "POST", "POST"), o.calls().stream().map(PlannedCall::method).toList());
        assertEquals("/api/mind/ticket/42/conversation/reply", o.calls().get(1).path());
        assertTrue(o.calls().get(1).body().path("isDraft").asBoolean());
        assertEquals("closed", o.calls().get(0).body().path("status").asText());
    }

    @Test
    void givenValuesWinAndOptionalMissingIsVisibleToConditions() {
        Outcome o = engine.run(json(METER), ticket("Zählerstand", "Zählernummer: Z-4711", ""),
                Map.of("reading", "800"));
        assertTrue(o.success(), o.error());
        assertEquals("noContract", o.responseCase().id());
        assertEquals("Which contract?", o.text());
        assertEquals(List.of("contractId"), o.missing());
        // the fallback value of an optional parameter
        assertEquals("customer", o.data().get("firstName"));
    }

    @Test
    void heterogeneousComparisonsAndOrPicksTheImplausibleCase() {
        Outcome o = engine.run(json(METER), ticket("x", "Zählernummer: Z-1234 Stand: 2000000", ",\"contractId\":1"), Map.of());
        assertEquals("implausible", o.responseCase().id());
        assertEquals("internalNote", o.type());
        assertEquals("Reading 2000000 for meter Z-1234 looks implausible", o.text());
        assertTrue(o.calls().get(0).body().path("private").asBoolean());
    }

    @Test
    void missingRequiredParametersStopBeforeAnyCase() {
        Outcome o = engine.run(json(METER), ticket("Hallo", "Bitte um Rückruf", ""), Map.of());
        assertTrue(o.success());
        assertEquals("missingData", o.type());
        assertEquals(List.of("meterNumber", "reading"), o.missing());
        assertTrue(o.text().contains("Meter number") && o.text().contains("Reading"), o.text());
        assertNull(o.responseCase());
        assertTrue(o.calls().isEmpty());
    }

    @Test
    void noMatchingCaseIsAFailureWithTheData() {
        Outcome o = engine.run(json("""
                {"parameters":[{"key":"n","type":"number","source":"given"}],
                 "responseCases":[{"condition":"n > 5","output":{"text":"big"}}]}"""), ticket("s", "b", ""), Map.of("n", 1));
        assertFalse(o.success());
        assertEquals("noMatch", o.type());
        assertEquals(1.0, o.data().get("n"));
    }

    @Test
    void malformedAndIllTypedConditionsAreRefusedNamingTheCase() {
        ApiException syntax = assertThrows(ApiException.class, () -> engine.define(json("""
                {"responseCases":[{"condition":"true"},{"condition":"reading >"}]}""")));
        assertEquals("settings.responseCases[1].condition", syntax.details().get(0).field());

        ApiException typed = assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"reading","type":"number","source":"given"}],
                 "responseCases":[{"condition":"reading == 'high'"}]}""")));
        assertEquals("settings.responseCases[0].condition", typed.details().get(0).field());

        ApiException notBool = assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"reading","type":"number","source":"given"}],
                 "responseCases":[{"condition":"reading + 1.0"}]}""")));
        assertEquals("settings.responseCases[0].condition", notBool.details().get(0).field());

        ApiException unknown = assertThrows(ApiException.class, () -> engine.define(json("""
                {"responseCases":[{"condition":"nobody > 1"}]}""")));
        assertTrue(unknown.getMessage().contains("nobody"), unknown.getMessage());
    }

    @Test
    void brokenTextsPatternsAndKeysAreRefusedNamingThePlace() {
        assertEquals("settings.responseCases[0].output.text", assertThrows(ApiException.class, () -> engine.define(json("""
                {"responseCases":[{"output":{"text":"Hello {#if x}unclosed"}}]}"""))).details().get(0).field());
        assertEquals("settings.parameters[0].pattern", assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"a","source":"pattern","pattern":"(unclosed"}]}"""))).details().get(0).field());
        assertEquals("settings.parameters[1].key", assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"a"},{"key":"a"}]}"""))).details().get(0).field());
        assertEquals("settings.parameters[0].key", assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"ticket"}]}"""))).details().get(0).field());
        assertEquals("settings.parameters[0].type", assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"a","type":"money"}]}"""))).details().get(0).field());
    }

    @Test
    void ticketMapsListsAndStringFunctionsAreUsable() {
        Outcome o = engine.run(json("""
                {"responseCases":[{"condition":"has(ticket.tags) && ticket.tags.exists(t, t == 'vip') && ticket.subject.contains('Kündigung') && ticket.subject.matches('^K')",
                   "output":{"text":"{ticket.subject}"}}]}"""),
                json("{\"id\":1,\"subject\":\"Kündigung\",\"tags\":[\"vip\"]}"), Map.of());
        assertTrue(o.success(), o.error());
        assertEquals("Kündigung", o.text());
    }
}
