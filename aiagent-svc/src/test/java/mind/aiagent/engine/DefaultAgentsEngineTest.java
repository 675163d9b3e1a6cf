package mind.aiagent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.service.DefaultAgents;

/** Every default agent, run on a realistic ticket, gives the outcome a clerk would expect. */
class DefaultAgentsEngineTest {

    final AgentEngine engine = new AgentEngine();
    final DefaultAgents defaults = new DefaultAgents();

    Outcome run(String slug, String subject, String body, String extra, Map<String, Object> given) {
        JsonNode settings = defaults.get(slug).get("settings");
        engine.define(settings); // every default must pass the checks of a save
        return engine.run(settings, AgentEngineTest.json("{\"id\":5,\"subject\":\"" + subject + "\",\"body\":\"" + body
                + "\",\"customer\":{\"firstName\":\"Anna\"}" + extra + "}"), given);
    }

    static void expect(Outcome o, String caseId, String type) {
        assertTrue(o.success(), o.error());
        assertEquals(caseId, o.responseCase() == null ? null : o.responseCase().id(), o.toString());
        assertEquals(type, o.type());
    }

    @Test
    void catalogueHasTheFiveUtilityAgentsAndAllAreValid() {
        assertEquals(5, defaults.all().size());
        defaults.all().forEach(a -> engine.define(a.get("settings")));
    }

    @Test
    void meterReading() {
        Outcome o = run("process_meter_reading", "Zählerstand", "Guten Tag, Zählernummer: 1ESY1160612345 Stand: 4.521,3 am 01.03.2025", "", Map.of());
        expect(o, "stored", "reply");
        assertTrue(o.text().contains("Zählerstand 4521.3 für Zähler 1ESY1160612345 vom 2025-03-01"), o.text());
        expect(run("process_meter_reading", "Zählerstand", "Zählernummer: Z-0815 Stand: 0", "", Map.of()), "implausible", "internalNote");
        assertEquals("missingData", run("process_meter_reading", "Frage", "Wann kommt der Ableser?", "", Map.of()).type());
    }

    @Test
    void bankData() {
        Outcome o = run("change_bank_data", "Neue Bankverbindung", "Bitte buchen Sie ab sofort von DE89 3704 0044 0532 0130 00 ab. Kontoinhaber: Anna Muster", "", Map.of());
        expect(o, "germanIban", "reply");
        assertTrue(o.text().contains("DE89 3704 0044 0532 0130 00") && o.text().contains("Anna Muster"), o.text());
        expect(run("change_bank_data", "IBAN", "Neue IBAN: AT61 1904 3002 3457 3201", "", Map.of()), "foreignIban", "internalNote");
        expect(run("change_bank_data", "IBAN", "Neue IBAN: DE89 3704 0044", "", Map.of()), "malformed", "reply");
    }

    @Test
    void addressChange() {
        expect(run("change_address", "Umzug", "Neue Adresse: Hauptstraße 5, 10115 Berlin zum 15.04.2025", "", Map.of()), "withDate", "reply");
        Outcome ask = run("change_address", "Umzug", "Neue Adresse: Hauptstraße 5, 10115 Berlin", "", Map.of());
        expect(ask, "askDate", "reply");
        assertTrue(ask.text().contains("Hauptstraße 5, 10115 Berlin"), ask.text());
    }

    @Test
    void instalmentChange() {
        Outcome o = run("change_instalment", "Abschlag", "Bitte setzen Sie meinen Abschlag auf 85 € herab.", "", Map.of());
        expect(o, "changed", "reply");
        assertTrue(o.text().contains("85 €"), o.text());
        expect(run("change_instalment", "Abschlag", "Abschlag bitte 5 EUR", "", Map.of()), "tooLow", "reply");
        expect(run("change_instalment", "Abschlag", "Neuer Abschlag: 1500 Euro", "", Map.of()), "review", "internalNote");
    }

    @Test
    void contractCancellation() {
        expect(run("cancel_contract", "Kündigung", "Hiermit kündige ich zum 31.12.2025.", ",\"contractId\":4711", Map.of()), "withDate", "reply");
        expect(run("cancel_contract", "Kündigung wegen Umzug", "Ich ziehe ins Ausland.", ",\"contractId\":4711", Map.of()), "moving", "reply");
        expect(run("cancel_contract", "Kündigung", "Bitte kündigen.", ",\"contractId\":4711", Map.of("moving", true)), "moving", "reply");
        expect(run("cancel_contract", "Kündigung", "Bitte kündigen.", ",\"contractId\":4711", Map.of()), "nextPossible", "reply");
        assertEquals("missingData", run("cancel_contract", "Kündigung", "Bitte kündigen.", "", Map.of()).type());
    }
}
