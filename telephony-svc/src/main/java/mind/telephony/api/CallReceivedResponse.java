package mind.telephony.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"success":true,"ticketId":..,"contractId":..,"customerId":..,"ioResponse":..,"queueId":..}} as enneo answers. */
public record CallReceivedResponse(boolean success,
        @Schema(description = "null while ticket-svc has not answered; the ticket follows through the outbox", nullable = true)
        Long ticketId, @Schema(nullable = true) String contractId, @Schema(nullable = true) String customerId,
        String ioResponse, long queueId) {
}
