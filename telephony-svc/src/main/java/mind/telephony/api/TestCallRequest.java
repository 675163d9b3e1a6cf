package mind.telephony.api;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /telephony/testOutboundCall}. */
public record TestCallRequest(@Size(max = 32) String phoneNumber, @Positive Long subchannelId) {
}
