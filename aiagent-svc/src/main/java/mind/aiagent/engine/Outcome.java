package mind.aiagent.engine;

import java.util.List;
import java.util.Map;

/**
 * What running an agent on a ticket gives, before anything is applied.
 *
 * @param success             false when the agent could not decide (no case matched, a text failed)
 * @param error               why not, for a person
 * @param data                the parameter values found, by key
 * @param dataInfo            a one-line summary of {@code data}
 * @param type                reply, internalNote, none, missingData or needsLlm / needsExecutor
 * @param text                the rendered reply or note, or null
 * @param responseCase        the chosen case, or null
 * @param missing             keys of required parameters that were not found
 * @param calls               the ticket-svc calls that applying this outcome makes
 */
public record Outcome(boolean success, String error, Map<String, Object> data, String dataInfo, String type,
        String text, ResponseCase responseCase, List<String> missing, List<PlannedCall> calls) {

    public static Outcome failure(String error, Map<String, Object> data, String type) {
        return new Outcome(false, error, data, summary(data), type, null, null, List.of(), List.of());
    }

    public static String summary(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return "No parameters";
        }
        StringBuilder s = new StringBuilder();
        data.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }
}
