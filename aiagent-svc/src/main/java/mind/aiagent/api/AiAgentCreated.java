package mind.aiagent.api;

/**
 * Response of {@code POST /aiAgent}. enneo documents none; {@code {"success":true,"id":...}} follows its
 * other creates, and {@code slug} is added because a derived slug is otherwise unknown to the caller.
 */
public record AiAgentCreated(boolean success, long id, String slug) {
}
