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

    static final String METERS = """
            {"parameters":[
               {"key":"meters","name":"Meter numbers","type":"list","source":"pattern",
                "pattern":"(?i)z(?:ä|ae)hler[: ]+(?P<value>Z-[0-9]{3,})","required":true},
               {"key":"tariff","name":"Tariff","type":"object","source":"given"},
               {"key":"contractIds","type":"array","source":"customer","sourceKey":"contractIds"}],
             "responseCases":[
               {"id":"several","condition":"size(meters) > 1 && tariff.plan == 'basic' && contractIds.exists(c, c == 7)",
                "output":{"type":"reply","text":"{#for m in meters}{m}{#if m_hasNext}, {/if}{/for} on {tariff.plan}"}},
               {"id":"one","condition":"size(meters) == 1 && !('tariff' in missing)","output":{"type":"reply","text":"{meters}"}},
               {"id":"noTariff","condition":"'tariff' in missing && tariff.size() == 0","output":{"type":"reply","text":"which tariff?"}}]}""";

    @Test
    void listParametersTakeEveryMatchAndObjectsTheirFields() {
        JsonNode ticket = ticket("Zähler: Z-100", "Zähler: Z-200 und Zaehler Z-100, Zähler: Z-300",
                ",\"customer\":{\"contractIds\":[5,7]}");
        Outcome o = engine.run(json(METERS), ticket, Map.of("tariff", Map.of("plan", "basic", "kwh", 2500)));
        assertTrue(o.success(), o.error());
        assertEquals("several", o.responseCase().id());
        // every distinct match, in the order found (subject first), as a JSON array in the data
        assertEquals(List.of("Z-100", "Z-200", "Z-300"), o.data().get("meters"));
        assertEquals(Map.of("plan", "basic", "kwh", 2500L), o.data().get("tariff"));
        assertEquals(List.of(5L, 7L), o.data().get("contractIds"));
        assertEquals("Z-100, Z-200, Z-300 on basic", o.text());
        assertEquals("[\"Z-100\",\"Z-200\",\"Z-300\"]",
                o.calls().get(o.calls().size() - 1).body().path("data").path("parameters").path("meters").toString());

        // an object given as its JSON text (a smart agent's answer), a single value as a list of one
        Outcome text = engine.run(json(METERS), ticket("Zähler: Z-100", "", ""),
                Map.of("tariff", "{\"plan\":\"green\"}", "contractIds", 7));
        assertEquals("one", text.responseCase().id(), text.error());
        assertEquals(Map.of("plan", "green"), text.data().get("tariff"));
        assertEquals(List.of(7L), text.data().get("contractIds"));

        // missing: a required list stops the run; an optional object is empty to conditions
        Outcome none = engine.run(json(METERS), ticket("Frage", "kein Zähler genannt", ""), Map.of());
        assertEquals("missingData", none.type());
        assertEquals(List.of("meters"), none.missing());
        Outcome noTariff = engine.run(json(METERS), ticket("Zähler: Z-1000", "", ""), Map.of("tariff", "not json"));
        assertEquals("noTariff", noTariff.responseCase().id(), noTariff.error());

        // an empty list given is no value either; more than the limit keeps the first items
        assertEquals("missingData", engine.run(json(METERS), ticket("x", "y", ""), Map.of("meters", List.of())).type());
        List<Integer> many = java.util.stream.IntStream.range(0, AgentEngine.MAX_LIST_ITEMS + 20).boxed().toList();
        Outcome big = engine.run(json(METERS), ticket("x", "y", ""), Map.of("meters", many));
        assertEquals(AgentEngine.MAX_LIST_ITEMS, ((List<?>) big.data().get("meters")).size());
    }

    @Test
    void listAndObjectTypesAreCheckedInConditionsAndDefinitions() {
        // a list is not a text: a condition treating it as one is refused when the agent is saved
        ApiException typed = assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"meters","type":"list"}],
                 "responseCases":[{"condition":"meters.startsWith('Z')","output":{"type":"reply","text":"x"}}]}""")));
        assertEquals("settings.responseCases[0].condition", typed.details().get(0).field());
        // an object cannot come from a pattern (a pattern finds texts)
        ApiException pattern = assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"o","type":"object","source":"pattern","pattern":"x(y)"}]}""")));
        assertEquals("settings.parameters[0].type", pattern.details().get(0).field());
    }
}
