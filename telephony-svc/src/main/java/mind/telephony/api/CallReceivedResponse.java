package mind.telephony.api;

/** {@code {"success":true,"ticketId":..,"contractId":..,"customerId":..,"ioResponse":..,"queueId":..}} as enneo answers. */
public record CallReceivedResponse(boolean success, Long ticketId, String contractId, String customerId,
        String ioResponse, long queueId) {
}
