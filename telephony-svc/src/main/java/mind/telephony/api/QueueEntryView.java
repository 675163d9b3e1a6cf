package mind.telephony.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.time.ApiTime;
import mind.telephony.domain.QueueEntry;
import mind.telephony.domain.QueueStatus;

/** A call in the routing queue as {@code GET /telephony/getRouting} answers it (enneo's QueueEntry). */
public record QueueEntryView(long id, Long ticketId, QueueStatus status, String declineReasonCode,
        String declineReasonMessage, String declineReasonDebugInfos, Long primaryTagId, String channel, Long subchannelId,
        Long assignedUserId, JsonNode assignedUserRawData, String createdAt, String routedAt, String completedAt,
        String updatedAt, PositionDetails positionDetails) {

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
