package mind.aiagent.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the LLM of a smart agent proposed for a ticket. The engine takes it as advice, never as the
 * outcome: parameter values fill only what the agent's own sources did not find, a proposed response
 * case is tried first but only wins when its CEL condition holds, and a draft becomes the text only of
 * a case that has no text of its own.
 *
 * @param parameters   values by parameter key (unknown keys are ignored; values are converted to the
 *                     parameter's type, and one that does not convert counts as not found)
 * @param responseCase the id of the proposed case, or null
 * @param draft        a proposed reply or note, or null
 */
public record LlmSuggestion(Map<String, Object> parameters, String responseCase, String draft) {

    /** Rule-based agents: no advice. */
    public static final LlmSuggestion NONE = new LlmSuggestion(Map.of(), null, null);

    public LlmSuggestion {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The {@code llm} variable of conditions and texts: always the same keys, so that strict rendering never fails on it. */
    Map<String, Object> asVariable() {
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("responseCase", responseCase == null ? "" : responseCase);
        llm.put("draft", draft == null ? "" : draft);
        llm.put("used", this != NONE);
        return llm;
    }
}
