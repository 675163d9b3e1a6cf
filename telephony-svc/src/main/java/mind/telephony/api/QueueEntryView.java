package mind.telephony.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.common.time.ApiTime;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;

/** A call in the routing queue as {@code GET /telephony/getRouting} answers it (enneo's QueueEntry). */
public record QueueEntryView(long id, @Schema(nullable = true) Long ticketId, QueueStatus status,
        @Schema(nullable = true) String declineReasonCode, @Schema(nullable = true) String declineReasonMessage,
        @Schema(nullable = true) String declineReasonDebugInfos, @Schema(nullable = true) Long primaryTagId, String channel,
        @Schema(nullable = true) Long subchannelId, @Schema(nullable = true) Long assignedUserId, JsonNode assignedUserRawData,
        String createdAt, @Schema(nullable = true) String routedAt,
        @Schema(nullable = true) String completedAt, String updatedAt,
        @Schema(nullable = true) PositionDetails positionDetails) {

    /** Where the call stands: calls ahead of it, agents who could take it, the expected wait. */
    public record PositionDetails(int position, List<Long> agentsOnlineWithMatchingSkills, int estimatedWaitingTimeInSeconds) {
    }

    public static QueueEntryView of(QueueEntry e, QueueStatus status, PositionDetails position) {
        return new QueueEntryView(e.id, e.ticketId, status, e.declineReasonCode, e.declineReasonMessage,
                e.declineReasonDebugInfos, e.primaryTagId, e.channel == null ? "phone" : e.channel.name(), e.subchannelId,
                e.assignedUserId, e.assignedUserRawData, fmt(e.createdAt), fmt(e.routedAt), fmt(e.completedAt),
                fmt(e.updatedAt), position);
    }

    private static String fmt(java.time.Instant t) {
        return t == null ? null : ApiTime.format(t);
    }
}
