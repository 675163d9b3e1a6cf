package mind.settings.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.ProfileEnums.SkillMatch;

/**
 * Answer of {@code GET /profile/{id}/routing}: the tickets the work queue would hand this profile, in the
 * queue's order, and with {@code ticketId} whether that one ticket would be, and why not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileRouting(
        boolean success,
        long profileId,
        @Schema(description = "the order the work queue hands out tickets in (setting ticketRoutingOrder)") String order,
        @Schema(description = "the profile's skills (tag ids) the tickets are matched against") List<Long> skills,
        SkillMatch skillMatch,
        @Schema(description = "ticket-svc's search rows, in the queue's order", type = SchemaType.ARRAY,
                implementation = Object.class) List<JsonNode> tickets,
        @Schema(description = "how many tickets the routing would give this profile in all") long total,
        int limit,
        int offset,
        @Schema(description = "only with ticketId") TicketRouting ticket) {

    /** One ticket: whether the work queue would hand it to this profile; if not, every reason why. */
    @Schema(name = "ProfileTicketRouting")
    public record TicketRouting(long id, boolean routable, List<String> reasons) {
    }
}
