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

    /** enneo files AI agents and answer templates under one resource. */
    public enum Category {
        intent, template
    }

    /** {@code categoryFilter} of {@code GET /aiAgents}: {@code all} lifts the category restriction. */
    public enum CategoryFilter {
        all, intent, template
    }

    /** Executor types of {@code settings.executor[].type}, also {@code typeFilter} of the list. */
    public enum ExecutorType {
        sourceCode, apiCall, visualEditor
    }

    /** How much of each agent {@code GET /aiAgents} writes. */
    public enum ListFormat {
        short_, medium, full;

        public static ListFormat parse(String value) {
            if (value == null) {
                return full;
            }
            return switch (value) {
                case "short" -> short_;
                case "medium" -> medium;
                case "full" -> full;
                default -> throw mind.common.error.ApiException.invalidField("format", "must be one of short, medium, full");
            };
        }
    }
}
