package mind.aiagent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mind.common.error.ApiException;

/**
 * The extras a preview body may carry besides the agent (enneo's newer preview: {@code previewType},
 * {@code message}, {@code subject}, {@code sender}, {@code history}). {@code message}, {@code subject}
 * and {@code sender} are laid over the ticket read from ticket-svc before the agent runs, so a preview
 * can try a text the customer has not written; {@code previewType} and {@code history} are checked and
 * accepted but change nothing yet (their meaning is not documented).
 */
record PreviewExtras(String message, String subject, String sender) {

    static final int MAX_MESSAGE = 100_000;
    static final int MAX_SUBJECT = 1_000;
    static final int MAX_SENDER = 320;
    static final int MAX_PREVIEW_TYPE = 100;
    static final int MAX_HISTORY = 100;

    static final PreviewExtras NONE = new PreviewExtras(null, null, null);

    /** The extras of a preview body (null or absent values are no extras); a wrong type or size is a 400 naming the field. */
    static PreviewExtras of(JsonNode body) {
        if (body == null || !body.isObject()) {
            return NONE;
        }
        text(body, "previewType", MAX_PREVIEW_TYPE);
        JsonNode history = body.get("history");
        if (history != null && !history.isNull()) {
            if (!history.isArray() || history.size() > MAX_HISTORY) {
                throw ApiException.invalidField("history", "must be an array of at most " + MAX_HISTORY + " objects");
            }
            for (int i = 0; i < history.size(); i++) {
                if (!history.get(i).isObject()) {
                    throw ApiException.invalidField("history[" + i + "]", "must be an object");
                }
            }
        }
        return new PreviewExtras(text(body, "message", MAX_MESSAGE), text(body, "subject", MAX_SUBJECT),
                text(body, "sender", MAX_SENDER));
    }

    boolean any() {
        return message != null || subject != null || sender != null;
    }

    /**
     * A copy of {@code ticket} with the extras in place: {@code message} as its text ({@code body},
     * {@code bodyPlain} and {@code bodyClean}, and no later {@code messages}: the message is the whole
     * text the engine reads), {@code subject} as its subject, {@code sender} as its {@code from}.
     */
    JsonNode overlay(JsonNode ticket) {
        if (!any() || !ticket.isObject()) {
            return ticket;
        }
        ObjectNode copy = ticket.deepCopy();
        if (message != null) {
            copy.put("body", message);
            copy.put("bodyPlain", message);
            copy.put("bodyClean", message);
            copy.set("messages", JsonNodeFactory.instance.arrayNode());
        }
        if (subject != null) {
            copy.put("subject", subject);
        }
        if (sender != null) {
            copy.put("from", sender);
        }
        return copy;
    }

    /** What the preview ran on instead of the ticket's own values, for {@code dataOutcomeInfo}. */
    String note() {
        java.util.List<String> given = new java.util.ArrayList<>();
        if (message != null) given.add("message");
        if (subject != null) given.add("subject");
        if (sender != null) given.add("sender");
        return "the preview's " + String.join(", ", given) + " instead of the ticket's";
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalidField(field, "must be a string");
        }
        if (value.asText().length() > max) {
            throw ApiException.invalidField(field, "must be at most " + max + " characters");
        }
        return value.asText();
    }
}
