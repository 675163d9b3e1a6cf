package mind.aiagent.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code settings.responseCases[]}. The first case whose condition holds is the outcome.
 *
 * @param id           the case's id as stored (may be null)
 * @param index        position in the list, for messages
 * @param condition    a CEL expression of type bool over the parameters; blank means "always"
 * @param outputType   reply (a reply draft to the customer), internalNote, or none
 * @param text         a Qute template for the reply or note
 * @param ticketUpdate fields the outcome sets on the ticket (PATCH /ticket/{id}), or null
 * @param autoExecute  whether ticket autoexecute may apply this case without a person
 */
public record ResponseCase(Object id, int index, String condition, String outputType, String text,
        JsonNode ticketUpdate, boolean autoExecute, String description) {
}
