package mind.telephony.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What telephony reads from ticket-svc's answer; the ticket itself stays with ticket-svc. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatedTicket(Long id, String contractId, String customerId) {
}
