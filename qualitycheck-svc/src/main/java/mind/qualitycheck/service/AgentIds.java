package mind.qualitycheck.service;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.error.ApiException;

/** Reads an agent id a client sent as a JSON string (slug or digits) or a JSON integer. */
public final class AgentIds {

    /** Longest agent id accepted. */
    public static final int MAX_LENGTH = 255;

    private AgentIds() {
    }

    public static String read(JsonNode value, String field) {
        String id;
        if (value != null && value.isTextual()) {
            id = value.asText().strip();
        } else if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            id = Long.toString(value.asLong());
        } else {
            throw ApiException.invalidField(field, "must be the AI agent's slug or numeric id");
        }
        return check(id, field);
    }

    public static String check(String id, String field) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        if (id.length() > MAX_LENGTH || id.indexOf('\0') >= 0) {
            throw ApiException.invalidField(field, "must be at most " + MAX_LENGTH + " characters without NUL");
        }
        return id;
    }
}
