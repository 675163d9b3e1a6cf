package mind.aiagent.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.aiagent.domain.Slugs;
import mind.common.error.ApiException;
import mind.common.validation.BoundedJsonObject;

/** Body of {@code POST /aiAgent/outcome}, as ticket-svc's autoexecute and quality checks send it. */
public record OutcomeRequest(
        @NotNull @Schema(description = "the agent's numeric id or its slug, as GET /aiAgent/{id} takes them",
                oneOf = { Long.class, String.class }, example = "change_instalment") JsonNode aiAgentId,
        @NotNull @Positive Long ticketId,
        @BoundedJsonObject(maxBytes = 65_536) JsonNode data,
        Boolean dryRun) {

    static final String ID_OR_SLUG = "must be a positive id or an AI agent's slug (a-z, 0-9 and _, not only digits, "
            + "at most " + Slugs.MAX_LENGTH + " characters)";

    /**
     * {@code aiAgentId} as the path segment of {@code GET /aiAgent/{id}}: a positive id (a JSON number or
     * digits in a string) or a slug. Anything that can be neither is a 400 naming {@code aiAgentId}; a
     * well-formed one that names no agent is the service's 404.
     */
    public String agentIdOrSlug() {
        JsonNode id = aiAgentId;
        if (id == null || id.isNull()) {
            throw ApiException.invalidField("aiAgentId", "is required");
        }
        if (id.isIntegralNumber()) {
            if (!id.canConvertToLong() || id.asLong() <= 0) {
                throw ApiException.invalidField("aiAgentId", ID_OR_SLUG);
            }
            return String.valueOf(id.asLong());
        }
        if (id.isTextual()) {
            String text = id.asText();
            if (text.matches("\\d{1,18}") && Long.parseLong(text) > 0) {
                return String.valueOf(Long.parseLong(text));
            }
            if (text.length() <= Slugs.MAX_LENGTH && text.matches(Slugs.PATTERN)) {
                return text;
            }
        }
        throw ApiException.invalidField("aiAgentId", ID_OR_SLUG);
    }
}
