package mind.aiagent.engine;

import static mind.aiagent.engine.AgentEngineTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;

/** enneo's agent JSON (structured conditions, its parameter sources and output types) run by the same engine. */
public class StructuredConditionTest {

    final AgentEngine engine = new AgentEngine();

    /** As enneo's own tools write a rule-based agent: numeric ids, `_action` manual "null", operand by id. */
    public static final String ENNEO_AGENT = """
            {"parameters":[
               {"id":1698862629088,"key":"_action","name":"_action","type":"str","value":"null","source":"manual","visibility":"hidden"},
               {"id":1,"key":"sender","name":"Sender","type":"str","source":"ticket","sourceKey":"from"},
               {"id":2,"key":"amount","name":"Amount","type":"float","source":"message","description":"the amount"},
               {"id":3,"key":"urgent","name":"Urgent","type":"bool","source":"manual","value":false}],
             "responseCases":[
               {"id":1698862853625,"description":"Customer needs to provide confirmation document.",
                "condition":{"operator":"And","operands":[
                   {"id":1698862856291,"value":"need_confirmation","operand":1698862629088,"operator":"Equal"}]},
                "output":{"type":"llm","parameters":[2],"text":"Please send the confirmation."},"autoExecute":false},
               {"id":"bigFromCompany","condition":{"operator":"And","operands":[
                   {"operand":"sender","operator":"Like","value":"%@Example.com"},
                   {"operator":"Or","operands":[
                      {"operand":2,"operator":"Equal","value":"100"},
                      {"operand":3,"operator":"Equal","value":"true"}]}]},
                "output":{"type":"textTemplateAndClose","text":"Done: {amount}"}},
               {"id":"closeQuietly","condition":{"operator":"And","operands":[
                   {"operand":1698862629088,"operator":"Equal","value":"close"}]},
                "output":{"type":"closeTicket"}},
               {"id":"show","condition":{"operator":"And","operands":[{"operand":1698862629088,"operator":"IsNull"}]},
                "output":{"type":"interaction"}}]}""";

    static JsonNode ticket(String from) {
        return json("{\"id\":7,\"subject\":\"s\",\"body\":\"b\",\"from\":\"" + from + "\"}");
    }

    @Test
    void anEnneoAgentIsAcceptedAndItsConditionsDecide() {
        JsonNode agent = json(ENNEO_AGENT);
        engine.define(agent); // no 400

        // the manual "null" is no value: IsNull holds, and an interaction sends nothing
        Outcome shown = engine.run(agent, ticket("anna@other.org"), Map.of());
        assertTrue(shown.success(), shown.error());
        assertEquals("show", shown.responseCase().id());
        assertEquals("none", shown.type());
        assertEquals(List.of("POST"), shown.calls().stream().map(PlannedCall::method).toList(), "only the event");

        Outcome confirm = engine.run(agent, ticket("anna@other.org"), Map.of("_action", "need_confirmation"));
        assertEquals(1698862853625L, ((Number) confirm.responseCase().id()).longValue());
        assertEquals("reply", confirm.type());
        assertEquals("Please send the confirmation.", confirm.text());
        assertEquals("/api/mind/ticket/7/conversation/reply", confirm.calls().get(0).path());
    }

    @Test
    void likeIsSqlsWholeValueMatchIgnoringCaseAndGroupsNest() {
        JsonNode agent = json(ENNEO_AGENT);
        Outcome big = engine.run(agent, ticket("BOB@EXAMPLE.COM"), Map.of("_action", "x", "amount", 100));
        assertEquals("bigFromCompany", big.responseCase().id());
        assertEquals("Done: 100", big.text());
        // textTemplateAndClose: the reply and the ticket closed
        assertEquals("closed", big.calls().get(0).body().path("status").asText());
        assertEquals("PATCH", big.calls().get(0).method());
        assertEquals("/api/mind/ticket/7/conversation/reply", big.calls().get(1).path());

        Outcome urgent = engine.run(agent, ticket("bob@example.com"), Map.of("_action", "x", "amount", 5, "urgent", true));
        assertEquals("bigFromCompany", urgent.responseCase().id(), "the Or group: urgent holds");

        // neither branch of the Or, or a sender that only contains the domain: no match
        assertFalse(engine.run(agent, ticket("bob@example.com"), Map.of("_action", "x", "amount", 5)).success());
        assertFalse(engine.run(agent, ticket("bob@example.com.evil"), Map.of("_action", "x", "amount", 100)).success());
    }

    @Test
    void closeTicketClosesWithoutAReply() {
        Outcome o = engine.run(json(ENNEO_AGENT), ticket("a@b.c"), Map.of("_action", "close"));
        assertEquals("closeQuietly", o.responseCase().id());
        assertEquals("none", o.type());
        assertEquals(List.of("PATCH", "POST"), o.calls().stream().map(PlannedCall::method).toList());
        assertEquals("closed", o.calls().get(0).body().path("status").asText());
    }

    @Test
    void valuesStayLiteralsWildcardsOnlyWhereWritten() {
        String agent = """
                {"parameters":[{"id":1,"key":"code","type":"str","source":"manual"}],
                 "responseCases":[{"id":"eq","condition":{"operator":"And","operands":[
                     {"operand":1,"operator":"Equal","value":"x\\" || true || \\""}]}},
                  {"id":"like","condition":{"operator":"And","operands":[{"operand":1,"operator":"Like","value":"a.b_%"}]}}]}""";
        JsonNode a = json(agent);
        assertFalse(engine.run(a, ticket("z"), Map.of("code", "other")).success(), "the quote ends no literal");
        assertEquals("eq", engine.run(a, ticket("z"), Map.of("code", "x\" || true || \"")).responseCase().id());
        assertEquals("like", engine.run(a, ticket("z"), Map.of("code", "A.B7rest")).responseCase().id());
        assertFalse(engine.run(a, ticket("z"), Map.of("code", "axb7")).success(), "the dot is no wildcard");
        assertFalse(engine.run(a, ticket("z"), Map.of("code", "a.b")).success(), "_ needs one character");
    }

    @Test
    void badStructuredConditionsAreRefusedNamingThePlace() {
        assertEquals("settings.responseCases[0].condition.operands[0].operand", field("""
                {"responseCases":[{"condition":{"operator":"And","operands":[{"operand":99,"operator":"IsNull"}]}}]}"""));
        assertEquals("settings.responseCases[0].condition.operands[0].operator", field("""
                {"parameters":[{"id":1,"key":"a","type":"str","source":"manual"}],
                 "responseCases":[{"condition":{"operator":"And","operands":[{"operand":1,"operator":"Between"}]}}]}"""));
        assertEquals("settings.responseCases[0].condition.operator", field("""
                {"responseCases":[{"condition":{"operator":"Xor","operands":[]}}]}"""));
        assertEquals("settings.responseCases[0].condition.operands[0].value", field("""
                {"parameters":[{"id":1,"key":"n","type":"int","source":"message"}],
                 "responseCases":[{"condition":{"operator":"And","operands":[{"operand":1,"operator":"Equal","value":"ten"}]}}]}"""));
        assertEquals("settings.responseCases[0].condition.operands[1].operands", field("""
                {"parameters":[{"id":1,"key":"n","type":"int","source":"message"}],
                 "responseCases":[{"condition":{"operator":"And","operands":[{"operand":1,"operator":"IsNull"},
                   {"operator":"Or","operands":{"a":1}}]}}]}"""));
        assertEquals("settings.responseCases[0].output.type", field("""
                {"responseCases":[{"output":{"type":"fax"}}]}"""));
        assertEquals("settings.parameters[0].type", field("""
                {"parameters":[{"key":"a","type":"tuple","source":"manual"}]}"""));
    }

    @Test
    void anEmptyGroupHolds() {
        Outcome o = engine.run(json("""
                {"responseCases":[{"id":"always","condition":{"operator":"And","operands":[]},"output":{"type":"textTemplate","text":"hi"}}]}"""),
                ticket("a@b.c"), Map.of());
        assertEquals("always", o.responseCase().id());
        assertEquals("reply", o.type());
    }

    private String field(String settings) {
        ApiException e = assertThrows(ApiException.class, () -> engine.define(json(settings)));
        return e.details().get(0).field();
    }

    @Test
    void equalAndLikeOnAListHoldWhenAnItemMatchesAndAnObjectTakesOnlyNullChecks() {
        String agent = """
                {"parameters":[{"key":"tags","type":"list","source":"ticket","sourceKey":"tagNames"},
                               {"key":"meta","type":"object","source":"given"}],
                 "responseCases":[
                   {"id":"vip","condition":{"operator":"And","operands":[{"operand":"tags","operator":"Equal","value":"VIP"}]},
                    "output":{"type":"interaction"}},
                   {"id":"code","condition":{"operator":"And","operands":[{"operand":"tags","operator":"Like","value":"42%"}]},
                    "output":{"type":"interaction"}},
                   {"id":"meta","condition":{"operator":"And","operands":[{"operand":"meta","operator":"IsNotNull"}]},
                    "output":{"type":"interaction"}}]}""";
        JsonNode definition = json(agent);
        assertEquals("vip", engine.run(definition, json("{\"id\":1,\"tagNames\":[\"new\",\"VIP\"]}"), Map.of())
                .responseCase().id());
        // Equal compares an item's text exactly; Like takes every item as text, numbers included
        assertEquals("code", engine.run(definition, json("{\"id\":1,\"tagNames\":[\"vip\",{\"x\":1},4217]}"), Map.of())
                .responseCase().id());
        assertEquals("meta", engine.run(definition, json("{\"id\":1,\"tagNames\":[\"vipx\"]}"), Map.of("meta",
                Map.of("a", 1))).responseCase().id());
        assertFalse(engine.run(definition, json("{\"id\":1}"), Map.of()).success(), "no tags, no meta: no case");

        ApiException e = assertThrows(ApiException.class, () -> engine.define(json("""
                {"parameters":[{"key":"meta","type":"object"}],
                 "responseCases":[{"condition":{"operator":"And","operands":[{"operand":"meta","operator":"Equal","value":"x"}]},
                   "output":{"type":"interaction"}}]}""")));
        assertEquals("settings.responseCases[0].condition.operands[0].operator", e.details().get(0).field());
    }
}
