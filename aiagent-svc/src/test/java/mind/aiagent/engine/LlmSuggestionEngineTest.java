package mind.aiagent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.aiagent.service.SmartAgentPrompt;

/** How the engine takes an LLM's advice, and how the advice is read from the LLM's text. */
class LlmSuggestionEngineTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final AgentEngine engine = new AgentEngine();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final JsonNode SETTINGS = json("""
            {"parameters":[
               {"key":"reading","type":"number","source":"pattern","pattern":"(?i)stand[: ]+(\\\\d+)"},
               {"key":"meter","type":"string"}],
             "responseCases":[
               {"id":"llmSaysCheck","condition":"llm.responseCase == 'check'","output":{"type":"internalNote","text":"check: {llm.draft}"}},
               {"id":"ok","condition":"reading > 0","output":{"type":"reply"}}]}""");

    static final JsonNode TICKET = json("{\"id\":1,\"subject\":\"Zählerstand\",\"body\":\"Stand: 1200, Zähler Z-9\"}");

    @Test
    void llmValuesFillOnlyWhatTheAgentsOwnSourcesMissed() {
        Outcome o = engine.run(SETTINGS, TICKET, Map.of(), new LlmSuggestion(Map.of("reading", 999, "meter", "Z-9"), "ok",
                "Danke, gespeichert."));
        assertEquals(1200.0, o.data().get("reading"), "the pattern found it; the LLM's value does not replace it");
        assertEquals("Z-9", o.data().get("meter"));
        assertEquals("ok", o.responseCase().id());
        assertEquals("Danke, gespeichert.", o.text(), "a case without text sends the draft");
    }

    @Test
    void conditionsAndTextsReadTheLlmVariable() {
        Outcome o = engine.run(SETTINGS, TICKET, Map.of(), new LlmSuggestion(Map.of(), "check", "Zählerwechsel?"));
        assertEquals("llmSaysCheck", o.responseCase().id());
        assertEquals("check: Zählerwechsel?", o.text());
    }

    @Test
    void aRuleBasedRunSeesAnEmptyLlmVariable() {
        Outcome o = engine.run(SETTINGS, TICKET, Map.of());
        assertEquals("ok", o.responseCase().id());
        assertNull(o.text(), "no text and no draft: nothing to send");
    }

    @Test
    void theAnswerIsReadFromAFencedJsonObject() {
        LlmSuggestion s = SmartAgentPrompt.parse("```json\n{\"parameters\":{\"meter\":\"Z-9\",\"reading\":null},"
                + "\"responseCase\":\"ok\",\"draft\":null}\n```");
        assertEquals(Map.of("meter", "Z-9"), s.parameters());
        assertEquals("ok", s.responseCase());
        assertNull(s.draft());
    }

    @Test
    void malformedAnswersSayWhatIsWrong() {
        assertTrue(assertThrows(SmartAgentPrompt.MalformedAnswer.class, () -> SmartAgentPrompt.parse("[1,2]"))
                .getMessage().contains("not a JSON object"));
        assertTrue(assertThrows(SmartAgentPrompt.MalformedAnswer.class,
                () -> SmartAgentPrompt.parse("{\"parameters\":{},\"draft\":{\"x\":1}}")).getMessage().contains("draft"));
        assertTrue(assertThrows(SmartAgentPrompt.MalformedAnswer.class, () -> SmartAgentPrompt.parse(" "))
                .getMessage().contains("no text"));
    }
}
