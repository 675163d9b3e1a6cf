package mind.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.patch.Patch;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

/**
 * Body of {@code PATCH /ticket/{ticketId}} and one item of {@code PATCH /ticket}. A property left out
 * leaves the field alone, {@code null} clears it, a value sets it. Other ticket fields (subject,
 * body, ...) are ignored, as enneo clients send whole tickets back.
 */
@Schema(name = "TicketUpdateRequest")
public record TicketPatchRequest(
        @Schema(description = "The ticket's id: required in a bulk item; in a single PATCH it may be left out and "
                + "must otherwise equal the path's id") Long id,
        @NotNull @Schema(implementation = Status.class, description = "pending needs a future dueBy (in the same "
                + "request or already set); closed sets closedAt, reopening clears it") Patch<Status> status,
        @NotNull @Schema(implementation = Priority.class) Patch<Priority> priority,
        @Schema(implementation = Long.class, nullable = true, description = "the assigned agent; null unassigns. "
                + "Reassigning a ticket another agent holds needs forceAgentReassignment=true (409 otherwise)") Patch<Long> agentId,
        @Size(max = 100) @Schema(type = SchemaType.ARRAY, implementation = Long.class, nullable = true,
                description = "further assigned agents; replaces the list") Patch<List<@NotNull Long>> assignedAgentIds,
        @Size(max = 100) @Schema(type = SchemaType.ARRAY, implementation = Object.class, nullable = true,
                description = "accepted and ignored: who works on a ticket comes from ping") Patch<List<JsonNode>> workedOnBy,
        @Schema(implementation = Instant.class, nullable = true) Patch<Instant> dueBy,
        @Schema(implementation = Instant.class, nullable = true) Patch<Instant> firstResponseDueBy,
        @Size(max = 100) @Schema(type = SchemaType.ARRAY, implementation = Long.class, nullable = true,
                description = "replaces all tags; not together with addTagIds/removeTagIds") Patch<List<@NotNull Long>> tagIds,
        @Size(max = 100) @Schema(description = "tags to add") List<@NotNull Long> addTagIds,
        @Size(max = 100) @Schema(description = "tags to remove") List<@NotNull Long> removeTagIds,
        @Size(max = 64) @Schema(implementation = String.class, nullable = true) Patch<String> contractId,
        @Size(max = 64) @Schema(implementation = String.class, nullable = true) Patch<String> customerId,
        @Min(0) @Max(100) @Schema(implementation = Integer.class, nullable = true,
                description = "legitimation level, 0 (none) to 100") Patch<Integer> customerLegitimation,
        @NotNull @Schema(implementation = AiSupportLevel.class) Patch<AiSupportLevel> aiSupportLevel,
        @Schema(implementation = SpamStatus.class, nullable = true) Patch<SpamStatus> spamStatus,
        @Schema(type = SchemaType.OBJECT, nullable = true,
                description = "merged into the ticket's additionalData: each key is set, a key with null is removed; "
                        + "null as the whole value empties it. At most 16 KB and 100 keys per request, 64 KB and 200 "
                        + "keys in all") Patch<Map<String, Object>> additionalData,
        @Schema(implementation = RefreshMode.class, nullable = true,
                description = "asks for the AI to run again on this part; recorded in the activity (technical)") Patch<RefreshMode> refreshMode,
        @Schema(implementation = Long.class, nullable = true, description = "the AI agent (intent) chosen") Patch<Long> intentId,
        @Schema(implementation = Boolean.class, nullable = true, description = "accepted; changes apply at once anyway") Patch<Boolean> isSync,
        @Schema(implementation = Direction.class, description = "immutable: accepted (and ignored) when it equals the "
                + "ticket's direction, as clients send whole tickets back; any other value is a 400 naming direction")
        Patch<JsonNode> direction) {

    /** What a {@code refreshMode} asks the AI to redo. */
    public enum RefreshMode {
        full, summaryAndText, customer, tags, agents
    }
}
