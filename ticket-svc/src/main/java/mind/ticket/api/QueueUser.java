package mind.ticket.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user as {@code workedOnBy} lists them (common.md User). Names and contact fields come from the
 * user's profile in settings-svc; when it cannot be read they are left out and only id and lastSeen remain.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WorkedOnByUser")
public record QueueUser(
        @Schema(implementation = Long.class, description = "the profile id") Object id, String firstName, String lastName, String email, String phone, String lastSeen, String type,
        Integer isSsoOnly, String lang, String nameAlias, String externalId) {
}
