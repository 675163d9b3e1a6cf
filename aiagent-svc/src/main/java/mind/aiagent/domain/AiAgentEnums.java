package mind.aiagent.domain;

/**
 * AI agent value sets as enneo names them. Constants are spelled exactly as on the wire and in the
 * database.
 */
public final class AiAgentEnums {

    private AiAgentEnums() {
    }

    /** How the agent decides: rule-based engine, LLM, an external API call or the visual editor. */
    public enum Intelligence {
        rulebased, smart, apiCall, visualEditor
    }

    /** The ticket channels an agent serves; {@code all} stands for every channel. */
    public enum AiAgentChannel {
        all, email, portal, phone, letter, system, chat, walkIn
    }
}
