package mind.telephony.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /telephony/outboundCall}'s answer: the provider's answer as it came ({@code response}), and at the top
 * level the call's {@code channelId} and {@code ticketId} as far as they are known, which is what enneo's outbound
 * demo reads.
 */
public record OutboundCallResponse(boolean success,
        @Schema(description = "The ticket of the call: known only when the phone system reported the call (callReceived "
                + "with direction out and this channelId) and its ticket was made before the provider answered; else "
                + "null, and the ticket follows with that callReceived", nullable = true)
        Long ticketId,
        @Schema(description = "The call's id as the provider's answer names it (its channelId, else its callId; a string "
                + "or number, answered as a string): the channelId the phone system reports the call with. Null when "
                + "the answer names none", nullable = true)
        String channelId,
        @Schema(description = "The provider's JSON answer, unchanged ({} when it answered nothing)")
        JsonNode response) {
}
